import { type ComponentReport, reportOf } from "../components/index.js";
import { type PlannedRule, peerLabel } from "../planner/index.js";
import { DEFAULT_STACK } from "../stacks/examples/index.js";
import { runStackOffline } from "../stacks/offline.js";
import type { RegisteredResource } from "../testing/index.js";
import { formatTable, portRange } from "./table.js";
import { parseArgs } from "./args.js";

// `aws:ec2/securityGroup:SecurityGroup` reads as `aws:ec2:SecurityGroup`; our own components by class name.
const shortType = (type: string) => type.replace(/^portcatalog:index:/, "").replace(/^([a-z]+:[a-zA-Z0-9]+)\/[a-zA-Z0-9]+:/, "$1:");

/** Display tree: real parents, except that a rule sits under the group its securityGroupId names. */
function displayTree(resources: RegisteredResource[]): { roots: RegisteredResource[]; children: Map<string, RegisteredResource[]> } {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const groupById = new Map(resources.filter((r) => r.id && /securityGroup:SecurityGroup$|secGroup:SecGroup$/.test(r.type)).map((r) => [r.id as string, r]));
  const children = new Map<string, RegisteredResource[]>();
  const roots: RegisteredResource[] = [];
  for (const r of resources) {
    const group = groupById.get(r.inputs.securityGroupId as string);
    const parent = group && group.parent === r.parent ? group : r.parent ? byUrn.get(r.parent) : undefined;
    if (!parent) roots.push(r);
    else children.set(parent.urn, [...(children.get(parent.urn) ?? []), r]);
  }
  const order = (a: RegisteredResource, b: RegisteredResource) => Number(a.custom) - Number(b.custom) || a.type.localeCompare(b.type) || a.name.localeCompare(b.name);
  roots.sort(order);
  for (const list of children.values()) list.sort(order);
  return { roots, children };
}

function renderTree(resources: RegisteredResource[]): string[] {
  const { roots, children } = displayTree(resources);
  const lines: string[] = [];
  const walk = (r: RegisteredResource, prefix: string, last: boolean, top: boolean) => {
    lines.push(`${top ? "" : `${prefix}${last ? "└─ " : "├─ "}`}${shortType(r.type)}  ${r.name}`);
    const kids = children.get(r.urn) ?? [];
    kids.forEach((k, i) => walk(k, top ? "" : `${prefix}${last ? "   " : "│  "}`, i === kids.length - 1, false));
  };
  for (const r of roots) walk(r, "", true, true);
  return lines;
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 3)}...`);
const ruleRow = (r: PlannedRule<unknown>) => [r.direction, r.ethertype, r.protocol, r.protocol === "all" ? "all" : portRange(r.fromPort, r.toPort), peerLabel(r.peer), clip(r.services.join(", "), 60), r.key];

function renderReport(report: ComponentReport): string[] {
  const out = [`== ${report.component} "${report.name}" (${report.cloud})`];
  for (const g of report.groups) {
    out.push("", `Rules in ${g.name} (${g.rules.length}):`);
    const readable = [...g.rules].sort((a, b) => a.direction.localeCompare(b.direction) || a.protocol.localeCompare(b.protocol) || a.fromPort - b.fromPort || a.key.localeCompare(b.key));
    out.push(formatTable(["DIR", "FAMILY", "PROTO", "PORTS", "PEER", "SERVICES", "KEY"], readable.map(ruleRow)));
  }
  if (report.plan.leftOut.length) {
    out.push("", `Left out (${report.plan.leftOut.length}):`);
    out.push(formatTable(["ENTRY", "PROTO", "PORTS", "WHY"], report.plan.leftOut.map((l) => [l.entryId, l.protocol, portRange(l.fromPort, l.toPort), l.reason])));
  }
  if (report.plan.conflicts.length) {
    out.push("", "Port conflicts:");
    out.push(formatTable(["PROTO", "PORTS", "PRODUCTS", "SERVICES"], report.plan.conflicts.map((c) => [c.protocol, portRange(c.fromPort, c.toPort), c.products.join(" vs "), c.users.map((u) => u.service).join("; ")])));
  }
  out.push("", "Quota:");
  if (report.quota.scope === "group") {
    for (const g of report.groups) {
      const used = Object.entries(g.usage).map(([b, n]) => `${b} ${n + report.quota.inUse}/${report.quota.limit}`);
      out.push(`  ${g.name}: ${used.join(", ") || "no rules"}`);
    }
  } else {
    const rules = report.groups.reduce((n, g) => n + g.rules.length, 0);
    const { inUse, providerDefaults, limit } = report.quota;
    const extra = [providerDefaults ? ` + ${providerDefaults} Neutron default egress` : "", inUse ? ` + ${inUse} already in the project` : ""].join("");
    out.push(`  project: ${rules} rules${extra} = ${rules + providerDefaults + inUse} of Neutron's ${limit} (${report.groups.map((g) => `${g.name}: ${g.rules.length}`).join(", ")})`);
  }
  return out;
}

/** `portcatalog plan [stack] [--json]`: the stack's program under Pulumi mocks, nothing created. */
export async function planCommand(argv: string[]): Promise<string> {
  const { values, positionals } = parseArgs({ args: argv, options: { json: { type: "boolean", default: false } }, strict: true, allowPositionals: true });
  if (positionals.length > 1) throw new Error(`plan takes one stack, got ${positionals.length}: ${positionals.join(" ")}`);
  const run = await runStackOffline(positionals[0] ?? DEFAULT_STACK);
  const { resources, warnings } = run.recorder;
  if (values.json) {
    const nameOf = new Map(resources.map((r) => [r.urn, r.name]));
    const { roots, children } = displayTree(resources);
    const ordered: RegisteredResource[] = [];
    const walk = (r: RegisteredResource) => {
      ordered.push(r);
      for (const k of children.get(r.urn) ?? []) walk(k);
    };
    roots.forEach(walk);
    return JSON.stringify(
      { stack: run.stack, resources: ordered.map((r) => ({ type: r.type, name: r.name, parent: (r.parent && nameOf.get(r.parent)) ?? null, inputs: r.inputs })) },
      null,
      2,
    );
  }
  return [
    `Stack ${run.stack}: ${run.example.description}`,
    "Offline plan: the program ran under the Pulumi SDK's mocks; nothing was created.",
    "",
    `Resources (${resources.length}; each rule shown under the group it goes into):`,
    ...renderTree(resources),
    "",
    ...run.result.components.flatMap((c) => [...renderReport(reportOf(c)), ""]),
    ...(warnings.length ? ["Warnings:", ...warnings.map((w) => `  - ${w}`)] : ["Warnings: none"]),
  ].join("\n");
}
