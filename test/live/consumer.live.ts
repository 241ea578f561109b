// Live item 1, the packed tarball: the package as users install it, in a new Pulumi TypeScript project
// with the template's tsconfig, run by the real engine against real Neutron. (Items 5 and 6, the policy
// pack and the component package, need the language host's RunPlugin, which the only Node.js host
// the module proxy serves does not implement: docs/live.md.)
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { neutronLines, ok, type PlanJson, planLines, Project, PulumiProject, ROOT, run } from "./support.js";

const { isFresh } = require("../../scripts/build-stamp.cjs") as { isFresh: () => boolean };
const NODE_MODULES = join(ROOT, "node_modules");
// What `pulumi new typescript` installs, besides portcatalog and its own dependencies.
const PROJECT_DEPS = ["@pulumi", "typescript", "@types", "ipaddr.js", "yaml", "zod"];

const program = () => `import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { CatalogSecGroup, OpenStackControllerRules } from "portcatalog";

const config = new pulumi.Config();
const admin = { cidrIpv4: [config.require("adminCidr")] };
const controller = new openstack.networking.SecGroup("controller", { description: "controller nodes", deleteDefaultRules: true });
new OpenStackControllerRules("ctl", { securityGroupId: controller.id, release: "2025.2", projectRuleQuota: 500, sources: { admin, internal: { self: true } } });
const anbox = new CatalogSecGroup("anbox", { products: [{ product: "anbox-cloud/appliance", release: "1.29" }], deleteDefaultRules: true, projectRuleQuota: 500, sources: { admin } });
export const controllerGroupId = controller.id;
export const anboxGroupIds = anbox.securityGroupIds;
`;


describe("live: the installed package in a new Pulumi project", () => {
  let dir: string;
  let project: Project;
  let work: PulumiProject;
  let bin: string;

  before(() => {
    if (!isFresh()) ok(run("npm", ["run", "-s", "build"]), "npm run build");
    dir = mkdtempSync(join(tmpdir(), "portcatalog-live-consumer-"));
    const packed = ok(run("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", dir]), "npm pack").stdout.trim().split("\n").pop() as string;
    const pkg = join(dir, "node_modules", "portcatalog");
    mkdirSync(pkg, { recursive: true });
    execFileSync("tar", ["xzf", join(dir, packed), "-C", pkg, "--strip-components=1"]);
    for (const dep of PROJECT_DEPS) symlinkSync(join(NODE_MODULES, dep), join(dir, "node_modules", dep));
    // Pulumi's TypeScript template: its Pulumi.yaml, package.json and tsconfig.json.
    writeFileSync(join(dir, "Pulumi.yaml"), "name: edge\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n");
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "edge", main: "index.ts", dependencies: { portcatalog: `file:${packed}` } }));
    cpSync(join(ROOT, "test", "fixtures", "consumer", "tsconfig.json"), join(dir, "tsconfig.json"));
    writeFileSync(join(dir, "tsconfig.json"), readFileSync(join(dir, "tsconfig.json"), "utf8").replace(/"files":\s*\[[^\]]*\]/, '"files": ["index.ts"]'));
    writeFileSync(join(dir, "index.ts"), program());
    bin = join(pkg, "dist", "cli", "main.js");
    project = new Project("consumer");
    work = new PulumiProject(dir, project.env());
    work.must(["stack", "init", "dev"]);
    work.must(["config", "set", "adminCidr", "10.20.0.0/16"]);
  });

  after(async () => {
    if (work) work.pulumi(["destroy", "--yes", "--skip-preview"]);
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (project) await project.remove();
  });

  it("preview and up succeed; Neutron holds exactly `portcatalog plan --stack`; the audit of the export is clean; a second up changes nothing", async () => {
    await project.setRuleQuota(500);
    work.must(["preview"]);
    work.must(["up", "--yes", "--skip-preview"]);
    const plan = JSON.parse(ok(run(process.execPath, [bin, "plan", "--stack", "dev", "--json"], { cwd: dir, env: work.env }), "plan --stack").stdout) as PlanJson;
    const names = work.groupNames();
    expect(neutronLines(await project.rules(), names)).to.deep.equal(planLines(plan));

    // The openstack client's export of the appliance's group, audited against the same selection.
    const groupId = [...names].find(([, name]) => name.startsWith("anbox"))?.[0] as string;
    const exported = ok(run("/usr/bin/python3", ["/usr/bin/openstack", "security", "group", "rule", "list", groupId, "--long", "-f", "json"], { env: project.env() }), "rule list").stdout;
    writeFileSync(join(dir, "export.json"), exported);
    const audit = run(process.execPath, [bin, "audit", join(dir, "export.json"), "--group", groupId, "--products", "anbox-cloud/appliance", "--release", "1.29", "--sources", JSON.stringify({ admin: { cidrIpv4: ["10.20.0.0/16"] } })], { cwd: dir });
    expect(audit.status, `${audit.stdout}\n${audit.stderr}`).to.equal(0);

    work.must(["preview", "--expect-no-changes"]);
  });
});
