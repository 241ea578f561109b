// `npm run bench:live` (or `npm run bench -- --live`): real-engine figures per OpenStack example,
// after `npm run live:start`.
// For each example, the library's program and a hand-written one registering the same groups and
// rules (literal resources, generated from the offline plan) are deployed side by side into fresh
// projects: `pulumi preview` and `pulumi up` wall time, and the requests Neutron logged during `up`.
// Medians of a few runs; compare the ratio, not the seconds (the machine is shared).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { builtinCatalog } from "../catalog/index.js";
import { EXAMPLES } from "../stacks/examples/index.js";
import { stackConfig, stackNames } from "../stacks/offline.js";
import { exampleProject, ok, type PlanJson, portcatalog, Project, programProject, type PulumiProject, ROOT } from "../test/live/support.js";

const NEUTRON_LOG = join(ROOT, ".live", "logs", "neutron.log");
const requests = () => (readFileSync(NEUTRON_LOG, "utf8").match(/"(?:GET|POST|PUT|DELETE) \/v2\.0\//g) ?? []).length;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The plan's groups and rules as a program that declares each resource by hand. */
function handWritten(plan: PlanJson): string {
  const id = (name: string) => `g_${name.replace(/[^a-zA-Z0-9]/g, "_")}`;
  const groups = plan.resources.filter((r) => r.type === "openstack:networking/secGroup:SecGroup");
  const byMockId = new Map(groups.map((g) => [`${g.name}-id`, id(g.name)]));
  const ref = (v: unknown) => byMockId.get(String(v)) ?? JSON.stringify(v);
  const lines = ['import * as openstack from "@pulumi/openstack";'];
  for (const g of groups) lines.push(`const ${id(g.name)} = new openstack.networking.SecGroup(${JSON.stringify(g.name)}, ${JSON.stringify(g.inputs)});`);
  for (const r of plan.resources.filter((x) => x.type === "openstack:networking/secGroupRule:SecGroupRule")) {
    const fields = Object.entries(r.inputs).map(([k, v]) => `${k}: ${k === "securityGroupId" || k === "remoteGroupId" ? `${ref(v)}.id` : JSON.stringify(v)}`);
    lines.push(`new openstack.networking.SecGroupRule(${JSON.stringify(r.name)}, { ${fields.join(", ")} }, { deleteBeforeReplace: true });`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The naive program: one rule per catalog row and peer, as a port table read by hand gives them
 * (no ranges merged). Identical rows are written once: Neutron refuses a duplicate with 409.
 */
function naive(plan: PlanJson): string {
  const byId = new Map(builtinCatalog.entries.map((e) => [e.id, e]));
  const entriesOf = new Map(plan.rules.map((r) => [r.name, r.entries ?? []]));
  const seen = new Set<string>();
  const resources = plan.resources.flatMap((r) => {
    if (!r.type.endsWith(":SecGroupRule")) return [r];
    return (entriesOf.get(r.name) ?? []).flatMap((entryId, i) => {
      const entry = byId.get(entryId);
      if (!entry) throw new Error(`${r.name}: no catalog entry ${entryId}`);
      const inputs = { ...r.inputs, portRangeMin: entry.fromPort, portRangeMax: entry.toPort };
      const content = JSON.stringify({ ...inputs, description: undefined });
      if (seen.has(content)) return [];
      seen.add(content);
      return [{ ...r, name: `${r.name}-row${i}`, inputs }];
    });
  });
  return handWritten({ ...plan, resources });
}

/** The examples' runtime options (tsx, no type check at run time), so both sides load the same way. */
function sameRuntime(work: PulumiProject): PulumiProject {
  writeFileSync(join(work.dir, "Pulumi.yaml"), readFileSync(join(ROOT, "Pulumi.yaml"), "utf8").replace(/^name: .*$/m, "name: hand-written").replace(/^main: .*$/m, "main: index.ts").replace(/^stackConfigDir: .*$/m, ""));
  return work;
}

interface Figures {
  preview: number;
  up: number;
  requests: number;
}

async function measure(tag: string, make: (env: Record<string, string>) => PulumiProject, quota: unknown): Promise<Figures> {
  const project = new Project(tag);
  const work = make(project.env());
  try {
    if (typeof quota === "number") await project.setRuleQuota(quota);
    work.must(["stack", "init", tag]);
    let t = Date.now();
    work.must(["preview"]);
    const preview = (Date.now() - t) / 1000;
    const before = requests();
    t = Date.now();
    work.must(["up", "--yes", "--skip-preview"]);
    const up = (Date.now() - t) / 1000;
    const figures = { preview, up, requests: requests() - before };
    work.must(["destroy", "--yes", "--skip-preview"]);
    return figures;
  } finally {
    work.remove();
    await project.remove();
  }
}

/** The table of figures, after `npm run live:start`; `runs` interleaved runs per side. */
export async function liveBench(runs: number): Promise<string> {
  const rows: string[] = ["| example | program | rules | preview s | up s | Neutron requests (up) |", "|---|---|---|---|---|---|"];
  const only = process.env.BENCH_LIVE_STACKS?.split(",");
  for (const stack of stackNames().filter((s) => EXAMPLES[s].cloud === "openstack" && (!only || only.includes(s)))) {
    const plan = JSON.parse(ok(portcatalog(["plan", "--example", stack, "--json"]), "plan").stdout) as PlanJson;
    const rules = plan.resources.filter((r) => r.type.endsWith(":SecGroupRule")).length;
    const quota = stackConfig(stack)["portcatalog-examples:projectRuleQuota"];
    const program = handWritten(plan);
    const naiveProgram = naive(plan);
    const ruleCount = (program: string) => program.split("new openstack.networking.SecGroupRule(").length - 1;
    // The naive program may not fit the example's quota, or Neutron's default of 100 (openstack-controller's
    // 91 naive rules, the default group's 4 and 2 default egress rules per group do not): give it room.
    const room = (program: string) => Math.max(typeof quota === "number" ? quota : 100, ruleCount(program) + 50);
    const sides: [string, number, (env: Record<string, string>) => PulumiProject, unknown][] = [
      ["portcatalog", rules, (env) => exampleProject(env), quota],
      ["hand-written", ruleCount(program), (env) => sameRuntime(programProject(program, env)), quota],
      ["naive", ruleCount(naiveProgram), (env) => sameRuntime(programProject(naiveProgram, env)), room(naiveProgram)],
    ];
    const results: Record<string, Figures[]> = {};
    // Interleaved, so every side meets the same machine.
    for (let i = 0; i < runs; i++) for (const [side, , make, q] of sides) (results[side] ??= []).push(await measure(stack, make, q));
    const med = (side: string, k: keyof Figures) => median(results[side].map((f) => f[k]));
    for (const [side, count] of sides) rows.push(`| ${stack} | ${side} | ${count} | ${med(side, "preview").toFixed(1)} | ${med(side, "up").toFixed(1)} | ${med(side, "requests")} |`);
    for (const other of ["hand-written", "naive"]) {
      const ratio = (k: keyof Figures) => (med("portcatalog", k) / med(other, k)).toFixed(2);
      rows.push(`| ${stack} | portcatalog / ${other} | | ${ratio("preview")} | ${ratio("up")} | ${ratio("requests")} |`);
    }
  }
  return `Real engine, real Neutron: medians of ${runs} interleaved runs per side\n\n${rows.join("\n")}\n`;
}

// `npm run bench:live` runs this file; `npm run bench -- --live` imports it.
if (process.argv[1]?.endsWith(join("bench", "live.ts"))) {
  liveBench(Number(process.env.BENCH_LIVE_RUNS ?? 3))
    .then((text) => process.stdout.write(text))
    .catch((err: Error) => {
      // The failing pulumi command's own output follows its first line.
      process.stderr.write(`bench:live: ${err.message.slice(0, 6000)}\n`);
      process.exit(1);
    });
}
