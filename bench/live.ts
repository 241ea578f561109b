// `npm run bench:live` (or `npm run bench -- --live`): real-engine figures per OpenStack example,
// after `npm run live:start`.
// For each example, the library's program and a hand-written one registering the same groups and
// rules (literal resources, generated from the offline plan) are deployed side by side into fresh
// projects: `pulumi preview` and `pulumi up` wall time, and the requests Neutron logged during `up`.
// Medians of a few runs; compare the ratio, not the seconds (the machine is shared). Then the same
// component from Pulumi YAML (the component package, its plugin run by the engine) beside the
// TypeScript program with the same arguments, both using the packed package as a user installs it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtinCatalog } from "../catalog/index.js";
import { EXAMPLES } from "../stacks/examples/index.js";
import { stackConfig, stackNames } from "../stacks/offline.js";
import { exampleProject, installedProject, ok, type PlanJson, portcatalog, Project, programProject, PulumiProject, ROOT } from "../test/live/support.js";

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

async function measure(tag: string, make: (env: Record<string, string>) => PulumiProject, quota: unknown, removeDir = true): Promise<Figures> {
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
    if (!removeDir) work.must(["stack", "rm", "--yes", tag]);
    return figures;
  } finally {
    if (removeDir) work.remove();
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

/** OpenStackControllerRules on a group the program makes, the same arguments in both languages. */
const YAML_PROGRAM = (plugin: string) => `name: benchyaml
runtime: yaml
packages:
  portcatalog: ${plugin}
resources:
  controller:
    type: openstack:networking/secGroup:SecGroup
    properties:
      description: controller nodes
      deleteDefaultRules: true
  ctl:
    type: portcatalog:index:OpenStackControllerRules
    properties:
      securityGroupId: \${controller.id}
      release: "2025.2"
      projectRuleQuota: 500
      sources:
        admin:
          cidrIpv4: [10.20.0.0/16]
        internal:
          self: true
`;
const TS_PROGRAM = `import * as openstack from "@pulumi/openstack";
import { OpenStackControllerRules } from "portcatalog";
const controller = new openstack.networking.SecGroup("controller", { description: "controller nodes", deleteDefaultRules: true });
new OpenStackControllerRules("ctl", { securityGroupId: controller.id, release: "2025.2", projectRuleQuota: 500, sources: { admin: { cidrIpv4: ["10.20.0.0/16"] }, internal: { self: true } } });
`;

/**
 * The YAML program beside the TypeScript one (both on the installed package): preview and up wall
 * time, Neutron requests during up; `runs` interleaved runs per side, each in a fresh Keystone project.
 */
export async function liveYamlBench(runs: number): Promise<string> {
  const install = installedProject(TS_PROGRAM);
  const plugin = join(install.pkg, "dist");
  const dirs: string[] = [];
  try {
    const sides: [string, (env: Record<string, string>) => PulumiProject][] = [
      ["TypeScript", (env) => new PulumiProject(install.dir, env)],
      [
        "YAML",
        (env) => {
          const dir = mkdtempSync(join(tmpdir(), "portcatalog-bench-yaml-"));
          dirs.push(dir);
          writeFileSync(join(dir, "Pulumi.yaml"), YAML_PROGRAM(plugin));
          return new PulumiProject(dir, env);
        },
      ],
    ];
    const results: Record<string, Figures[]> = {};
    for (let i = 0; i < runs; i++) {
      for (const [side, make] of sides) {
        // The installed TypeScript project is reused: its stack goes with each run.
        (results[side] ??= []).push(await measure(`yaml-${i}`, (env) => make(env), 500, false));
      }
    }
    const med = (side: string, k: keyof Figures) => median(results[side].map((f) => f[k]));
    const rows = ["| program | preview s | up s | Neutron requests (up) |", "|---|---|---|---|"];
    for (const [side] of sides) rows.push(`| OpenStackControllerRules from ${side} | ${med(side, "preview").toFixed(1)} | ${med(side, "up").toFixed(1)} | ${med(side, "requests")} |`);
    rows.push(`| YAML / TypeScript | ${(med("YAML", "preview") / med("TypeScript", "preview")).toFixed(2)} | ${(med("YAML", "up") / med("TypeScript", "up")).toFixed(2)} | ${(med("YAML", "requests") / med("TypeScript", "requests")).toFixed(2)} |`);
    const each = (side: string, k: "preview" | "up") => results[side].map((f) => f[k].toFixed(1)).join(", ");
    const detail = sides.map(([side]) => `${side}: preview ${each(side, "preview")} s; up ${each(side, "up")} s`).join("\n");
    return `The component package from Pulumi YAML beside TypeScript (both the packed package, the same arguments): medians of ${runs} interleaved runs per side\n\n${rows.join("\n")}\n\n${detail}\n`;
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    rmSync(install.dir, { recursive: true, force: true });
  }
}

// `npm run bench:live` runs this file; `npm run bench -- --live` imports it.
if (process.argv[1]?.endsWith(join("bench", "live.ts"))) {
  const runs = Number(process.env.BENCH_LIVE_RUNS ?? 3);
  liveBench(runs)
    .then(async (text) => process.stdout.write(`${text}\n${await liveYamlBench(runs)}`))
    .catch((err: Error) => {
      // The failing pulumi command's own output follows its first line.
      process.stderr.write(`bench:live: ${err.message.slice(0, 6000)}\n`);
      process.exit(1);
    });
}
