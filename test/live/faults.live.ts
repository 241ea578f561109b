// Live item 7, faults: `pulumi up` killed with SIGKILL in the middle of an update, and Neutron stopped
// in the middle of one. After the recovery Pulumi documents (`pulumi refresh --clear-pending-creates`),
// the next `pulumi up` leaves Neutron holding exactly the plan: nothing duplicated, nothing lost.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { LIBRARY, neutronLines, ok, type PlanJson, planLines, portcatalog, Project, programProject, type PulumiProject, ROOT, run } from "./support.js";

const PROGRAM = `import * as openstack from "@pulumi/openstack";
import { OpenStackControllerRules } from ${JSON.stringify(LIBRARY)};
const group = new openstack.networking.SecGroup("controller", { description: "controller", deleteDefaultRules: true });
new OpenStackControllerRules("ctl", { securityGroupId: group.id, release: "2025.2", projectRuleQuota: 1000, sources: { admin: { cidrIpv4: ["10.0.0.0/24"] }, internal: { self: true } } });
`;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts `pulumi up` and waits until Neutron holds at least `n` rules of the project, or it ends. */
async function upUntil(work: PulumiProject, project: Project, n: number): Promise<{ child: ReturnType<typeof spawn>; output: () => string }> {
  const child = spawn("pulumi", ["up", "--yes", "--skip-preview", "--non-interactive"], { cwd: work.dir, env: { ...process.env, ...work.env }, detached: true });
  let out = "";
  child.stdout?.on("data", (d) => (out += d));
  child.stderr?.on("data", (d) => (out += d));
  for (let i = 0; i < 600 && child.exitCode === null; i++) {
    if ((await project.rules()).length >= n) break;
    await sleep(200);
  }
  return { child, output: () => out };
}

async function exactlyThePlan(work: PulumiProject, project: Project): Promise<void> {
  const plan = JSON.parse(ok(portcatalog(["plan", "--stack", "dev", "--cwd", work.dir, "--json"]), "plan").stdout) as PlanJson;
  const lines = neutronLines(await project.rules(), work.groupNames());
  expect(lines).to.deep.equal(planLines(plan));
  expect(new Set(lines).size, "no rule twice").to.equal(lines.length);
}

/**
 * The recovery Pulumi documents, then `up`. The operations an interrupted update left stay in the
 * state as pending; refresh clears them. A create whose request Neutron carried out but whose answer
 * was lost (the update killed, or Neutron stopped, with the request in flight) leaves a rule Neutron
 * holds and the state does not: the next up gets Neutron's 409 naming it, and the user deletes or
 * adopts it. Such orphans may only be where creates were pending (the update killed) or failed (the
 * update's output names them).
 */
async function recover(work: PulumiProject, project: Project, failedCreates = 0): Promise<void> {
  const pending = (JSON.parse(work.must(["stack", "export"]).stdout) as { deployment: { pending_operations?: unknown[] } }).deployment.pending_operations ?? [];
  work.must(["refresh", "--yes", "--clear-pending-creates"]);
  const up = work.pulumi(["up", "--yes", "--skip-preview"]);
  if (up.status === 0) return;
  const recovered = up.stdout + up.stderr;
  expect(recovered, "the up after refresh").to.match(/SecurityGroupRuleExists/);
  const orphans = [...new Set([...recovered.matchAll(/Rule id is ([0-9a-f-]{36})/g)].map((m) => m[1]))];
  expect(orphans.length).to.be.greaterThan(0);
  expect(orphans.length, "orphans only where creates were pending or failed").to.be.at.most(pending.length + failedCreates);
  for (const id of orphans) ok(spawnSync("/usr/bin/python3", ["/usr/bin/openstack", "security", "group", "rule", "delete", id], { env: { ...process.env, ...project.env() }, encoding: "utf8" }), `openstack security group rule delete ${id}`);
  work.must(["up", "--yes", "--skip-preview"]);
}

describe("live: faults in the middle of an update", () => {
  it("SIGKILL of `pulumi up`: the next up says what to do; after `pulumi refresh` the next up converges on exactly the plan", async () => {
    const project = new Project("kill");
    await project.setRuleQuota(1000);
    const work = programProject(PROGRAM, project.env());
    try {
      work.must(["stack", "init", "dev"]);
      const { child } = await upUntil(work, project, 4 + 20);
      expect(child.exitCode, "the update was still running").to.equal(null);
      // The CLI and its plugins (language host, provider, node) go down together, as with a lost machine.
      try {
        process.kill(-(child.pid as number), "SIGKILL");
      } catch (err) {
        throw new Error(`could not kill the update: ${(err as Error).message}`);
      }
      await new Promise((r) => child.once("close", r));
      const held = (await project.rules()).length;
      expect(held, "rules Neutron held when the update was killed").to.be.greaterThan(4);

      const clean = (r: { stdout: string; stderr: string }) => (r.stdout + r.stderr).replace(/warning: using [^\n]*\n/g, "");
      // The file backend still holds the killed update's lock: the next up refuses and names the command.
      const next = work.pulumi(["up", "--yes", "--skip-preview"]);
      expect(next.status).to.not.equal(0);
      expect(clean(next), "what the next up says").to.match(/locked[\s\S]*pulumi cancel/);
      work.must(["cancel", "--yes"]);
      await recover(work, project);
      await exactlyThePlan(work, project);
      work.must(["preview", "--expect-no-changes"]);
      work.must(["destroy", "--yes", "--skip-preview"]);
    } finally {
      work.remove();
      await project.remove();
    }
  });

  it("Neutron stopped during `pulumi up`: the update fails; with Neutron back, refresh and up converge on exactly the plan", async () => {
    const project = new Project("outage");
    await project.setRuleQuota(1000);
    const work = programProject(PROGRAM, project.env());
    const pidFile = join(ROOT, ".live", "pids", "neutron.pid");
    try {
      work.must(["stack", "init", "dev"]);
      const { child, output } = await upUntil(work, project, 4 + 20);
      const neutronPid = Number(readFileSync(pidFile, "utf8"));
      process.kill(neutronPid, "SIGTERM");
      const code = await new Promise<number | null>((r) => child.once("close", r));
      // Neutron's workers go down with it; start it again only when it is gone.
      for (let i = 0; i < 300 && alive(neutronPid); i++) await sleep(100);
      expect(code, output()).to.not.equal(0);
      ok(run("bash", [join(ROOT, "scripts", "live", "cloud.sh"), "start"]), "cloud.sh start");
      await recover(work, project, (output().match(/\*\*creating failed\*\*/g) ?? []).length);
      await exactlyThePlan(work, project);
      work.must(["destroy", "--yes", "--skip-preview"]);
    } finally {
      spawnSync("bash", [join(ROOT, "scripts", "live", "cloud.sh"), "start"]);
      work.remove();
      await project.remove();
    }
  });
});
