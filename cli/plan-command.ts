import { matrixRows, rolesText, rolesView, type RolesView } from "./roles-view.js";
import { readFileSync, statSync } from "node:fs";
import { relative } from "node:path";
import { PortcatalogError } from "../catalog/errors.js";
import { EXISTING_GROUP } from "../components/base.js";
import type { ComponentReport } from "../components/index.js";
import { type PlannedRule, peerLabel } from "../planner/index.js";
import { type RegisteredResource, UNKNOWN } from "../testing/index.js";
import { parseArgs } from "./args.js";
import type { CommandResult } from "./main.js";
import { AZURE_NSG_TYPE, AZURE_RULE_TYPE, azurePlanRule, renderAzureReport } from "./plan-azure.js";
import type { AzureReport } from "../components/azure/network-security-group.js";
import { azureRuleName } from "../components/azure/rules.js";
import type { KubernetesReport } from "../components/kubernetes/policy.js";
import { kubernetesPlanRules, kubernetesRoleReports, NETWORK_POLICY_TYPE, renderKubernetesReport } from "./plan-kubernetes.js";
import { formatTable, portRange } from "./table.js";

// `aws:ec2/securityGroup:SecurityGroup` reads as `aws:ec2:SecurityGroup`; our own components by class name.
const shortType = (type: string) => type.replace(/^portcatalog:index:/, "").replace(/^([a-z]+:[a-zA-Z0-9]+)\/[a-zA-Z0-9]+:/, "$1:");

const GROUP_TYPES = ["aws:ec2/securityGroup:SecurityGroup", "openstack:networking/secGroup:SecGroup", AZURE_NSG_TYPE, NETWORK_POLICY_TYPE];
const AWS_RULE_TYPES: Record<string, "ingress" | "egress"> = {
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "ingress",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "egress",
};
const OPENSTACK_RULE_TYPE = "openstack:networking/secGroupRule:SecGroupRule";
const OPENSTACK_GROUP_TYPE = "openstack:networking/secGroup:SecGroup";
const EC2_RULE_TYPE = "aws:ec2/securityGroupRule:SecurityGroupRule";
/** Every rule resource type a plan lists. */
const RULE_TYPES = [...Object.keys(AWS_RULE_TYPES), OPENSTACK_RULE_TYPE, AZURE_RULE_TYPE, EC2_RULE_TYPE];

/** One firewall rule of a plan, in the same words for both clouds; what `--diff` compares. */
export interface PlanRule {
  /** The logical name of the security group the rule goes into (or its id, for a group the program did not create). */
  group: string;
  /** The rule resource's logical name. */
  name: string;
  direction: "ingress" | "egress";
  protocol: string;
  /** `443`, `60000-60100`, or `all`. */
  ports: string;
  /** A CIDR, `self`, `sg:<group name or id>`, `pl:<prefix list id>`: a named CIDR or group by its name. */
  peer: string;
  /**
   * What the peer is as registered: the CIDR(s), `sg:<group id>`, `pl:<id>`, `anywhere`. `--diff`
   * compares it, so a named CIDR widened or a group id changed behind the same `peer` is a change.
   */
  target: string;
  /** `IPv4` or `IPv6` where the rule names one (Neutron always; AWS by its CIDR), else empty. */
  ethertype: string;
  description: string;
  /** Azure only: the rule's priority. */
  priority?: number;
  /** The catalog entries the rule serves, where a component planned it. */
  entries?: string[];
  /**
   * Every input the rule resource registers (the plan's `resources` hold them), which `--diff` compares too: a
   * value no column shows (an Azure rule's destination, its priority or source ports, a Neutron rule's tenant)
   * changed is a changed rule. Not printed in the rule list.
   */
  inputs?: Record<string, unknown>;
}

/** What `plan --json` prints. */
export interface PlanJson {
  project: string;
  stack: string;
  resources: { type: string; name: string; parent: string | null; inputs: Record<string, unknown> }[];
  rules: PlanRule[];
  /** The role-to-role matrix and the ports flows could not narrow or wire; only when a component has a role. */
  roles?: RolesView;
  /** Kubernetes components: each role's policy name, the roles not protected, and what the rollout closes. */
  kubernetes?: { component: string; name: string; namespace: string; policies: { role: string; name: string; rules: number }[]; unprotected: KubernetesReport["unprotected"]; rollout: KubernetesReport["rollout"] }[];
}

/** What a run gave the renderer, whether an example or the user's project. */
interface PlanRun {
  headline: string[];
  project: string;
  stack: string;
  resources: RegisteredResource[];
  warnings: string[];
  reports: ComponentReport[];
  azureReports?: AzureReport[];
  kubernetesReports?: KubernetesReport[];
  notes: string[];
}

const str = (v: unknown) => (typeof v === "string" ? v : v === undefined || v === null ? "" : JSON.stringify(v));
const num = (v: unknown) => (typeof v === "number" ? v : Number.NaN);

/** Every rule resource of the run, with its group, direction, ports and peer. */
function planRules(run: PlanRun): PlanRule[] {
  const groupNameById = new Map(run.resources.filter((r) => GROUP_TYPES.includes(r.type) && r.id).map((r) => [r.id as string, r.name]));
  const groupNames = new Set(run.resources.filter((r) => GROUP_TYPES.includes(r.type)).map((r) => r.name));
  // A component knows its rules' groups and peers by name, even where ids are unknown (a preview);
  // a rules-only component's group is the user's, and goes by the component's name.
  type Planned = { group: string; peer: string; entries: string[] };
  const planned = new Map<string, Planned>(
    run.reports.flatMap((rep) => rep.groups.flatMap((g) => g.rules.map((rule): [string, Planned] => [`${rep.name}-${rule.key}`, { group: g.name === EXISTING_GROUP ? rep.name : g.name, peer: peerLabel(rule.peer), entries: rule.entries }]))),
  );
  const known = (id: unknown) => id !== undefined && id !== null && id !== UNKNOWN;
  const groupLabel = (id: unknown) => groupNameById.get(str(id)) ?? (known(id) ? str(id) : UNKNOWN);
  const peerOf = (groupId: unknown, id: unknown) => (known(id) && id === groupId ? "self" : `sg:${groupLabel(id)}`);
  const rules: PlanRule[] = [];
  for (const r of run.resources) {
    const i = r.inputs;
    // The group resource the id names; else the group the component created (ids are unknown in a preview).
    const plan = planned.get(r.name);
    const group = groupNameById.get(str(i.securityGroupId)) ?? (plan && groupNames.has(plan.group) ? plan.group : groupLabel(i.securityGroupId));
    const ports = (protocol: string, from: unknown, to: unknown) => (protocol === "all" ? "all" : portRange(num(from), num(to)));
    if (r.type in AWS_RULE_TYPES) {
      const protocol = i.ipProtocol === "-1" ? "all" : str(i.ipProtocol);
      const peer = i.cidrIpv4 ?? i.cidrIpv6 ? str(i.cidrIpv4 ?? i.cidrIpv6) : i.referencedSecurityGroupId ? peerOf(i.securityGroupId, i.referencedSecurityGroupId) : i.prefixListId ? `pl:${str(i.prefixListId)}` : "<none>";
      const target = i.cidrIpv4 ?? i.cidrIpv6 ? str(i.cidrIpv4 ?? i.cidrIpv6) : i.referencedSecurityGroupId ? `sg:${str(i.referencedSecurityGroupId)}` : i.prefixListId ? `pl:${str(i.prefixListId)}` : "<none>";
      const ethertype = i.cidrIpv6 ? "IPv6" : i.cidrIpv4 ? "IPv4" : "";
      rules.push({ group, name: r.name, direction: AWS_RULE_TYPES[r.type], protocol, ports: ports(protocol, i.fromPort, i.toPort), peer: plan?.peer ?? peer, target, ethertype, description: str(i.description) });
    } else if (r.type === OPENSTACK_RULE_TYPE) {
      const protocol = i.protocol === undefined || i.protocol === "" ? "all" : str(i.protocol);
      // Neutron: no prefix and no remote group is anyone of that ethertype.
      const peer = i.remoteIpPrefix ? str(i.remoteIpPrefix) : i.remoteGroupId ? peerOf(i.securityGroupId, i.remoteGroupId) : `anywhere-${str(i.ethertype).toLowerCase()}`;
      const direction = i.direction === "egress" ? "egress" : "ingress";
      const target = i.remoteIpPrefix ? str(i.remoteIpPrefix) : i.remoteGroupId ? `sg:${str(i.remoteGroupId)}` : "anywhere";
      rules.push({ group, name: r.name, direction, protocol, ports: ports(protocol, i.portRangeMin, i.portRangeMax), peer: plan?.peer ?? peer, target, ethertype: str(i.ethertype), description: str(i.description) });
    } else if (r.type === AZURE_RULE_TYPE) {
      rules.push(azurePlanRule(r, run.resources));
    } else if (r.type === NETWORK_POLICY_TYPE) {
      rules.push(...kubernetesPlanRules(r, run.kubernetesReports ?? []));
    } else if (r.type === EC2_RULE_TYPE) {
      const protocol = i.protocol === "-1" || i.protocol === "all" ? "all" : str(i.protocol);
      const peers = [...((i.cidrBlocks as string[]) ?? []), ...((i.ipv6CidrBlocks as string[]) ?? []), ...((i.prefixListIds as string[]) ?? []).map((p) => `pl:${p}`)];
      if (i.self) peers.push("self");
      if (i.sourceSecurityGroupId) peers.push(`sg:${groupLabel(i.sourceSecurityGroupId)}`);
      const targets = [...peers.filter((p) => p !== "self" && !p.startsWith("sg:")), ...(i.self ? [`sg:${str(i.securityGroupId)}`] : []), ...(i.sourceSecurityGroupId ? [`sg:${str(i.sourceSecurityGroupId)}`] : [])];
      const ethertype = [(i.cidrBlocks as string[] | undefined)?.length ? "IPv4" : "", (i.ipv6CidrBlocks as string[] | undefined)?.length ? "IPv6" : ""].filter(Boolean).join(",");
      rules.push({ group, name: r.name, direction: i.type === "egress" ? "egress" : "ingress", protocol, ports: ports(protocol, i.fromPort, i.toPort), peer: peers.join(", ") || "<none>", target: targets.join(", ") || "<none>", ethertype, description: str(i.description) });
    }
  }
  // Neutron gives a new group an allow-all egress rule per family unless deleteDefaultRules is set:
  // they are rules the group holds, so the plan shows them (the live tier compares it with Neutron).
  for (const r of run.resources) {
    if (r.type !== OPENSTACK_GROUP_TYPE || r.inputs.deleteDefaultRules === true) continue;
    for (const ethertype of ["IPv4", "IPv6"]) {
      const family = ethertype.toLowerCase();
      rules.push({ group: r.name, name: `${r.name}-neutron-default-egress-${family}`, direction: "egress", protocol: "all", ports: "all", peer: `anywhere-${family}`, target: "anywhere", ethertype, description: "Neutron's default egress rule (the group keeps its default rules)" });
    }
  }
  const inputsOf = new Map(run.resources.filter((r) => RULE_TYPES.includes(r.type)).map((r) => [r.name, r.inputs]));
  // Azure rules are named `<its NSG's component name>-portcatalog-<in|out>-<priority>` (components/azure/rules.ts).
  for (const rep of run.azureReports ?? []) {
    for (const r of rep.rules) planned.set(`${rep.name}-${azureRuleName(r.direction, r.priority)}`, { group: rep.name, peer: "", entries: r.entries });
  }
  for (const rule of rules) {
    const entries = planned.get(rule.name)?.entries;
    if (entries?.length) rule.entries = entries;
    const inputs = inputsOf.get(rule.name);
    if (inputs) rule.inputs = inputs;
  }
  return rules.sort(ruleOrder);
}

const firstPort = (ports: string) => (ports === "all" ? -1 : Number(ports.split("-")[0]));
const lastPort = (ports: string) => (ports === "all" ? -1 : Number(ports.split("-").pop()));

/** The one order rules are listed in, tree and tables alike: direction, protocol, ports (numerically), name. */
function ruleOrder(a: { direction: string; protocol: string; ports: string; name: string }, b: typeof a): number {
  return a.direction.localeCompare(b.direction) || a.protocol.localeCompare(b.protocol) || firstPort(a.ports) - firstPort(b.ports) || lastPort(a.ports) - lastPort(b.ports) || a.name.localeCompare(b.name);
}

/** Display tree: real parents, except that a rule sits under the group it goes into. */
function displayTree(resources: RegisteredResource[], rules: PlanRule[]): { roots: RegisteredResource[]; children: Map<string, RegisteredResource[]> } {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const ruleByName = new Map(rules.map((r) => [r.name, r]));
  const groups = new Map<string, RegisteredResource>();
  for (const r of resources) if (GROUP_TYPES.includes(r.type)) groups.set(`${r.parent}\u0000${r.name}`, r);
  const children = new Map<string, RegisteredResource[]>();
  const roots: RegisteredResource[] = [];
  for (const r of resources) {
    const rule = ruleByName.get(r.name);
    const group = rule && groups.get(`${r.parent}\u0000${rule.group}`);
    const parent = group ?? (r.parent ? byUrn.get(r.parent) : undefined);
    if (!parent) roots.push(r);
    else children.set(parent.urn, [...(children.get(parent.urn) ?? []), r]);
  }
  const order = (a: RegisteredResource, b: RegisteredResource) => {
    const ra = ruleByName.get(a.name);
    const rb = ruleByName.get(b.name);
    if (ra && rb) return ruleOrder(ra, rb);
    return Number(a.custom) - Number(b.custom) || Number(!!ra) - Number(!!rb) || a.type.localeCompare(b.type) || a.name.localeCompare(b.name);
  };
  roots.sort(order);
  for (const list of children.values()) list.sort(order);
  return { roots, children };
}

function walkTree(resources: RegisteredResource[], rules: PlanRule[], visit: (r: RegisteredResource, prefix: string, top: boolean, last: boolean) => void): void {
  const { roots, children } = displayTree(resources, rules);
  const walk = (r: RegisteredResource, prefix: string, last: boolean, top: boolean) => {
    visit(r, prefix, top, last);
    const kids = children.get(r.urn) ?? [];
    kids.forEach((k, i) => walk(k, top ? "" : `${prefix}${last ? "   " : "│  "}`, i === kids.length - 1, false));
  };
  for (const r of roots) walk(r, "", true, true);
}

function renderTree(resources: RegisteredResource[], rules: PlanRule[]): string[] {
  const lines: string[] = [];
  walkTree(resources, rules, (r, prefix, top, last) => {
    const id = r.custom ? `  (id ${r.id ?? "unknown until created"})` : "";
    lines.push(`${top ? "" : `${prefix}${last ? "└─ " : "├─ "}`}${shortType(r.type)}  ${r.name}${r.custom && !/Rule$/.test(r.type) ? id : ""}`);
  });
  return lines;
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 3)}...`);
const plannedOrder = (a: PlannedRule<unknown>, b: PlannedRule<unknown>) =>
  ruleOrder({ direction: a.direction, protocol: a.protocol, ports: a.protocol === "all" ? "all" : portRange(a.fromPort, a.toPort), name: a.key }, { direction: b.direction, protocol: b.protocol, ports: b.protocol === "all" ? "all" : portRange(b.fromPort, b.toPort), name: b.key });
const ruleRow = (r: PlannedRule<unknown>) => [r.direction, r.ethertype, r.protocol, r.protocol === "all" ? "all" : portRange(r.fromPort, r.toPort), peerLabel(r.peer), clip(r.services.join(", "), 60), r.key];

function renderReport(report: ComponentReport): string[] {
  const used = report.plan.products.map((p) => (p.release === undefined ? p.product : `${p.product}@${p.release}`)).join(", ");
  const out = [`== ${report.component} "${report.name}" (${report.cloud}): ${used}`];
  for (const g of report.groups) {
    out.push("", `Rules in ${g.name} (${g.rules.length}):`);
    out.push(formatTable(["DIR", "FAMILY", "PROTO", "PORTS", "PEER", "SERVICES", "KEY"], [...g.rules].sort(plannedOrder).map(ruleRow)));
  }
  if (report.plan.leftOut.length) {
    out.push("", `Left out (${report.plan.leftOut.length}):`);
    out.push(formatTable(["ENTRY", "PROTO", "PORTS", "WHY"], report.plan.leftOut.map((l) => [l.entryId, l.protocol, portRange(l.fromPort, l.toPort), l.reason])));
  }
  if (report.plan.notes.length) {
    out.push("", "Facts that cannot become rules:", ...report.plan.notes.map((n) => `  - ${n.replace(/^not a rule: /, "")}`));
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

/** Every report a role view reads: Azure's plans carry the same role lists. */
const roleReports = (run: PlanRun) => [...run.reports, ...(run.azureReports ?? []), ...kubernetesRoleReports(run.kubernetesReports ?? [])];

function planJson(run: PlanRun, rules: PlanRule[]): PlanJson {
  const roles = rolesView(roleReports(run));
  const nameOf = new Map(run.resources.map((r) => [r.urn, r.name]));
  const ordered: RegisteredResource[] = [];
  walkTree(run.resources, rules, (r) => ordered.push(r));
  return {
    project: run.project,
    stack: run.stack,
    resources: ordered.map((r) => ({ type: r.type, name: r.name, parent: (r.parent && nameOf.get(r.parent)) ?? null, inputs: r.inputs })),
    // A rule's inputs are in `resources` already.
    rules: rules.map(({ inputs: _inputs, ...r }) => r),
    ...(roles ? { roles } : {}),
    ...(run.kubernetesReports?.length
      ? {
          kubernetes: run.kubernetesReports.map((k) => ({
            component: k.component,
            name: k.name,
            namespace: k.namespace,
            policies: k.policies.map((p) => ({ role: p.role, name: p.name, rules: p.ingress.length + (p.egress?.length ?? 0) })),
            unprotected: k.unprotected,
            rollout: k.rollout,
          })),
        }
      : {}),
  };
}

/** Where a stack's rules stand against the quota of the place they share: a Neutron project, an AWS group. */
interface SharedQuota {
  lines: string[];
  warnings: string[];
}

/**
 * Sums the stack's rules where the cloud counts them: every Neutron rule of one project (same
 * provider, same tenantId), Neutron's default egress rules of its new groups and what the project
 * already holds, against the components' quota; every AWS rule of one group per direction and
 * family. A component checks only its own rules; several in one project or group add up.
 */
function sharedQuota(run: PlanRun, rules: PlanRule[]): SharedQuota {
  const out: SharedQuota = { lines: [], warnings: [] };
  const byName = new Map(run.resources.map((r) => [r.name, r]));
  const ownerOf = new Map(run.reports.flatMap((rep) => rep.groups.flatMap((g) => g.rules.map((rule): [string, ComponentReport] => [`${rep.name}-${rule.key}`, rep]))));
  // Neutron: one project per (provider, tenantId).
  const projectOf = (r: RegisteredResource) => `${r.provider ? `provider ${r.provider.split("::").slice(-2, -1)[0] ?? r.provider}` : "the default provider"}${typeof r.inputs.tenantId === "string" ? `, tenant ${r.inputs.tenantId}` : ""}`;
  const projects = new Map<string, { rules: Map<string, number>; defaults: number; reports: Set<ComponentReport> }>();
  const project = (key: string) => projects.get(key) ?? projects.set(key, { rules: new Map(), defaults: 0, reports: new Set() }).get(key)!;
  for (const r of run.resources) {
    if (r.type === OPENSTACK_RULE_TYPE) {
      const p = project(projectOf(r));
      const owner = ownerOf.get(r.name);
      const label = owner ? owner.name : "other resources";
      p.rules.set(label, (p.rules.get(label) ?? 0) + 1);
      if (owner) p.reports.add(owner);
    } else if (r.type === OPENSTACK_GROUP_TYPE && r.inputs.deleteDefaultRules !== true) project(projectOf(r)).defaults += 2;
  }
  for (const [key, p] of projects) {
    if (!p.reports.size) continue;
    const reports = [...p.reports];
    // One project has one quota: a component given a higher projectRuleQuota states it for all.
    const limits = [...new Set(reports.map((rep) => rep.quota.limit))].sort((a, b) => b - a);
    const limit = limits[0];
    const inUse = Math.max(...reports.map((rep) => rep.quota.inUse));
    const count = [...p.rules.values()].reduce((a, b) => a + b, 0);
    const total = count + p.defaults + inUse;
    const parts = [...p.rules.entries()].map(([name, n]) => `${name}: ${n}`).join(", ");
    out.lines.push(`  Neutron project (${key}): ${count} rules of the stack (${parts}) + ${p.defaults} Neutron default egress + ${inUse} already in the project = ${total} of ${limit}${limits.length > 1 ? ` (the largest quota the components state: ${limits.join(", ")})` : ""}${total > limit ? ": OVER" : `, ${limit - total} left`}`);
    if (total > limit) out.warnings.push(`the stack's rules in Neutron project (${key}) total ${total}, over the quota of ${limit} (each component counts only its own): raise projectRuleQuota to the project's real quota, set rulesInProject, or spread the components over projects`);
  }
  // AWS: one group's rules, per direction and family, whoever adds them (a group reference counts in both families).
  const limitAws = Math.min(...run.reports.filter((rep) => rep.quota.scope === "group").map((rep) => rep.quota.limit));
  const groups = new Map<string, { buckets: Map<string, number>; owners: Set<string> }>();
  for (const rule of rules) {
    const r = byName.get(rule.name);
    if (!r || !(r.type in AWS_RULE_TYPES)) continue;
    const g = groups.get(rule.group) ?? groups.set(rule.group, { buckets: new Map(), owners: new Set() }).get(rule.group)!;
    g.owners.add(ownerOf.get(rule.name)?.name ?? "other resources");
    const families = r.inputs.cidrIpv4 ? ["IPv4"] : r.inputs.cidrIpv6 ? ["IPv6"] : ["IPv4", "IPv6"];
    for (const f of families) g.buckets.set(`${rule.direction} ${f}`, (g.buckets.get(`${rule.direction} ${f}`) ?? 0) + 1);
  }
  for (const [name, g] of groups) {
    if (g.owners.size < 2 || !Number.isFinite(limitAws)) continue;
    const used = [...g.buckets.entries()].sort().map(([b, n]) => `${b} ${n}/${limitAws}`).join(", ");
    out.lines.push(`  AWS group ${name} (${[...g.owners].join(", ")}): ${used}`);
    const over = [...g.buckets.entries()].filter(([, n]) => n > limitAws);
    if (over.length) out.warnings.push(`AWS group ${name} holds rules of ${[...g.owners].join(", ")}: ${over.map(([b, n]) => `${b} ${n}`).join(", ")} over AWS's ${limitAws} per direction and family`);
  }
  return out;
}

/** Pulumi's warnings, then what the policy pack would report on the same resources (policy/judge.ts's judgement). */
function warningsOf(run: PlanRun, rules: PlanRule[]): string[] {
  const { packFindings } = require("../policy/policies.js") as typeof import("../policy/policies.js");
  return [...run.warnings, ...sharedQuota(run, rules).warnings, ...packFindings(run.resources, UNKNOWN)];
}

function planText(run: PlanRun, rules: PlanRule[]): string {
  return [
    ...run.headline,
    "Offline plan: the program ran under the Pulumi SDK's mocks; nothing was created.",
    ...run.notes,
    "",
    `Resources (${run.resources.length}; each rule shown under the group it goes into):`,
    ...renderTree(run.resources, rules),
    "",
    ...run.reports.flatMap((c) => [...renderReport(c), ""]),
    ...((shared) => (shared.lines.length ? ["Quota across the stack (what the cloud counts together):", ...shared.lines, ""] : []))(sharedQuota(run, rules)),
    ...((view) => (view ? [...rolesText(view), ""] : []))(rolesView(roleReports(run))),
    ...(run.azureReports ?? []).flatMap((c) => [...renderAzureReport(c), ""]),
    ...(run.kubernetesReports ?? []).flatMap((c) => [...renderKubernetesReport(c), ""]),
    ...((warnings) => (warnings.length ? ["Warnings:", ...warnings.map((w) => `  - ${w}`)] : ["Warnings: none"]))(warningsOf(run, rules)),
  ].join("\n");
}

// ---- diff ----

export interface RuleChange {
  group: string;
  name: string;
  before: PlanRule;
  after: PlanRule;
  /** Which of the rule's values differ: direction, protocol, ports, peer, target, ethertype, description, and `inputs.<name>` for each registered input. */
  fields: string[];
}

export interface PlanDiff {
  added: PlanRule[];
  removed: PlanRule[];
  changed: RuleChange[];
}

const MAX_PLAN_FILE = 50 * 1024 * 1024;

function readEarlierPlan(file: string): PlanRule[] {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(file);
  } catch {
    throw new PortcatalogError(`--diff ${file}: no such file`);
  }
  if (!stat.isFile()) throw new PortcatalogError(`--diff ${file}: not a regular file`);
  if (stat.size > MAX_PLAN_FILE) throw new PortcatalogError(`--diff ${file}: ${stat.size} bytes is more than a plan file's limit of ${MAX_PLAN_FILE}`);
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new PortcatalogError(`--diff ${file}: not JSON (${(err as Error).message.split("\n")[0]}); save one with plan --json`);
  }
  const rules = (doc as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(rules)) throw new PortcatalogError(`--diff ${file}: no "rules" list; save the earlier plan with portcatalog plan --json`);
  const fields = ["group", "name", "direction", "protocol", "ports", "peer", "description"] as const;
  // Plans saved before 0.3 lack a rule's target and ethertype: read as unknown, so every such rule
  // reports them changed rather than approving what it cannot compare.
  const later = ["target", "ethertype"] as const;
  // The rules' inputs, from the plan's resources: what --diff compares beyond the columns.
  const resources = (doc as { resources?: unknown }).resources;
  const inputsOf = new Map(
    (Array.isArray(resources) ? resources : [])
      .filter((x): x is { type: string; name: string; inputs: Record<string, unknown> } => !!x && typeof x === "object" && RULE_TYPES.includes(x.type) && typeof x.name === "string" && !!x.inputs && typeof x.inputs === "object")
      .map((x) => [x.name, x.inputs]),
  );
  return rules.map((r, i) => {
    const rule = r as Record<string, unknown> | null;
    for (const f of fields) {
      if (typeof rule?.[f] !== "string") throw new PortcatalogError(`--diff ${file}: rules[${i}].${f} must be a string, got ${JSON.stringify(rule?.[f])}`);
    }
    for (const f of later) {
      if (rule?.[f] !== undefined && typeof rule[f] !== "string") throw new PortcatalogError(`--diff ${file}: rules[${i}].${f} must be a string, got ${JSON.stringify(rule[f])}`);
    }
    const read = Object.fromEntries([...fields, ...later].map((f) => [f, (rule as Record<string, string | undefined>)[f] ?? UNKNOWN])) as unknown as PlanRule;
    // A plan saved without its resources cannot prove a rule's inputs unchanged: they read as unknown. A rule
    // no resource stands for (Neutron's default egress) has none, in either plan.
    const inputs = Array.isArray(resources) ? inputsOf.get(read.name) : { [UNKNOWN]: UNKNOWN };
    return { ...read, ...(inputs ? { inputs } : {}) };
  });
}

/** A value as JSON with its object keys sorted, so two equal values compare equal whatever their key order. */
const canonical = (v: unknown): string =>
  v === undefined ? "undefined" : JSON.stringify(v, (_k, x) => (x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([p], [q]) => (p < q ? -1 : 1))) : x));

/** Every value of a rule but its identity (group, name): any of them changed is a changed rule. */
const DIFFED = ["direction", "protocol", "ports", "peer", "target", "ethertype", "description"] as const;

/** Rules added, removed and changed, by (group, rule name). */
export function diffRules(before: PlanRule[], after: PlanRule[]): PlanDiff {
  const id = (r: PlanRule) => `${r.group}\u0000${r.name}`;
  const old = new Map(before.map((r) => [id(r), r]));
  const now = new Map(after.map((r) => [id(r), r]));
  const changed: RuleChange[] = [];
  for (const [k, a] of now) {
    const b = old.get(k);
    if (!b) continue;
    const fields: string[] = DIFFED.filter((f) => a[f] !== b[f]);
    // Every input besides: `inputs.<name>` for each that differs (both unknown: plans without inputs, nothing to say).
    if (a.inputs || b.inputs) {
      const keys = [...new Set([...Object.keys(a.inputs ?? {}), ...Object.keys(b.inputs ?? {})])].sort();
      for (const k of keys) if (canonical(a.inputs?.[k]) !== canonical(b.inputs?.[k])) fields.push(`inputs.${k}`);
    }
    if (fields.length) changed.push({ group: a.group, name: a.name, before: b, after: a, fields });
  }
  return {
    added: after.filter((r) => !old.has(id(r))).sort(ruleOrder),
    removed: before.filter((r) => !now.has(id(r))).sort(ruleOrder),
    changed: changed.sort((x, y) => ruleOrder(x.after, y.after)),
  };
}

const diffCount = (d: PlanDiff) => d.added.length + d.removed.length + d.changed.length;
const diffSummary = (d: PlanDiff) => `${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed`;

interface DiffRow {
  group: string;
  mark: string;
  rule: PlanRule;
  cells: string[];
}

function diffRows(d: PlanDiff): DiffRow[] {
  const plain = (mark: string, r: PlanRule): DiffRow => ({ group: r.group, mark, rule: r, cells: [r.direction, r.protocol, r.ports, r.peer, r.description, r.name] });
  const was = (c: RuleChange, f: keyof PlanRule) => (c.fields.includes(f) ? `${c.before[f]} -> ${c.after[f]}` : String(c.after[f]));
  // A value changed behind the same name is shown with the values: the name alone would read as unchanged.
  const input = (c: RuleChange, f: string) => {
    const k = f.slice("inputs.".length);
    const show = (r: PlanRule) => (r.inputs && k in r.inputs ? JSON.stringify(r.inputs[k]) : r.inputs?.[UNKNOWN] ? UNKNOWN : "none");
    return `(${k} ${show(c.before)} -> ${show(c.after)})`;
  };
  const peerCell = (c: RuleChange) =>
    [was(c, "peer"), ...(["target", "ethertype"] as const).filter((f) => c.fields.includes(f)).map((f) => `(${f} ${was(c, f)})`), ...c.fields.filter((f) => f.startsWith("inputs.")).map((f) => input(c, f))].join(" ");
  return [
    ...d.removed.map((r) => plain("-", r)),
    ...d.added.map((r) => plain("+", r)),
    ...d.changed.map((c) => ({ group: c.group, mark: "~", rule: c.after, cells: [was(c, "direction"), was(c, "protocol"), was(c, "ports"), peerCell(c), was(c, "description"), c.name] })),
  ];
}

const byGroup = <T extends { group: string }>(rows: T[]) => {
  const groups = new Map<string, T[]>();
  for (const r of rows) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
};

function diffText(d: PlanDiff, file: string): string {
  if (!diffCount(d)) return `No rule changes since ${file}.`;
  const out = [`Rule changes since ${file}: ${diffSummary(d)}.`];
  for (const [group, rows] of byGroup(diffRows(d))) {
    out.push("", `Group ${group}:`, formatTable(["", "DIR", "PROTO", "PORTS", "PEER", "DESCRIPTION", "RULE"], rows.map((r) => [r.mark, ...r.cells])));
  }
  return out.join("\n");
}

// ---- Markdown ----

/** Text for a Markdown table cell or paragraph: no HTML, no table breaks. */
const md = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ").replace(/`/g, "'");
/** Text inside a quoted Mermaid label. */
const mermaidText = (text: string) => text.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;").replace(/[\r\n]+/g, " ");

/** A Mermaid flowchart: each group, and every peer that may reach it (or it may reach), edges labelled with ports. */
function mermaid(rules: PlanRule[]): string[] {
  const ids = new Map<string, string>();
  const lines = ["```mermaid", "flowchart LR"];
  const node = (key: string, label: string, group: boolean) => {
    if (!ids.has(key)) {
      ids.set(key, `n${ids.size}`);
      lines.push(group ? `  ${ids.get(key)}["${mermaidText(label)}"]` : `  ${ids.get(key)}(["${mermaidText(label)}"])`);
    }
    return ids.get(key) as string;
  };
  const groups = new Set(rules.map((r) => r.group));
  for (const g of [...groups].sort()) node(`g:${g}`, g, true);
  const edges = new Map<string, string[]>();
  for (const r of rules) {
    const g = node(`g:${r.group}`, r.group, true);
    const peerGroup = r.peer === "self" ? r.group : r.peer.startsWith("sg:") && groups.has(r.peer.slice(3)) ? r.peer.slice(3) : undefined;
    const p = peerGroup !== undefined ? node(`g:${peerGroup}`, peerGroup, true) : node(`p:${r.peer}`, r.peer, false);
    const [from, to] = r.direction === "ingress" ? [p, g] : [g, p];
    const label = r.protocol === "all" ? "all traffic" : `${r.protocol} ${r.ports}`;
    const key = `${from} ${to}`;
    if (!edges.get(key)?.includes(label)) edges.set(key, [...(edges.get(key) ?? []), label]);
  }
  for (const [key, labels] of edges) {
    const [from, to] = key.split(" ");
    lines.push(`  ${from} -->|"${mermaidText(labels.join(", "))}"| ${to}`);
  }
  lines.push("```");
  return lines;
}

const mdTable = (header: string[], rows: string[][]) => [`| ${header.join(" | ")} |`, `|${header.map(() => " --- |").join("")}`, ...rows.map((r) => `| ${r.map(md).join(" | ")} |`)];

function planMarkdown(run: PlanRun, rules: PlanRule[]): string {
  const out = [`### portcatalog plan: ${md(run.project)} / ${md(run.stack)}`, "", `${rules.length} rules in ${new Set(rules.map((r) => r.group)).size} security groups. Arrows point from who may connect to what they may reach.`, "", ...mermaid(rules)];
  for (const [group, list] of byGroup(rules)) {
    out.push("", `#### ${md(group)} (${list.length} rules)`, "", ...mdTable(["direction", "protocol", "ports", "peer", "description", "rule"], list.map((r) => [r.direction, r.protocol, r.ports, r.peer, r.description, r.name])));
  }
  const view = rolesView(roleReports(run));
  if (view) {
    const { header, rows } = matrixRows(view);
    out.push("", "#### Roles", "", "Rows connect, columns listen: the ports each role may reach on each other.", "", ...mdTable(header, rows));
    if (view.notWired.length) out.push("", "**Not wired** (no rule)", "", ...view.notWired.map((n) => `- ${md(`${n.component}: ${n.entryId} ${n.ports} from ${n.from}: ${n.reason}`)}`));
    if (view.notNarrowed.length) out.push("", "**Not narrowed** (opened by audience)", "", ...view.notNarrowed.map((n) => `- ${md(`${n.component}: ${n.entryId} ${n.ports}: ${n.reason}`)}`));
  }
  for (const k of run.kubernetesReports ?? []) {
    if (k.unprotected.length) out.push("", `#### ${md(k.name)}: roles not protected`, "", ...k.unprotected.map((u) => `- ${md(`${u.role}: ${u.reason}`)}`));
    out.push("", `#### ${md(k.name)}: rollout (what selecting each role's pods closes)`, "", ...mdTable(["role", "ports", "closed to", "why"], k.rollout.map((i) => [i.role, i.ports, i.closedTo, i.reason])));
  }
  const warnings = warningsOf(run, rules);
  if (warnings.length) out.push("", "**Warnings**", "", ...warnings.map((w) => `- ${md(w)}`));
  return out.join("\n");
}

function diffMarkdown(run: PlanRun, rules: PlanRule[], d: PlanDiff, file: string): string {
  const head = `### portcatalog plan: ${md(run.project)} / ${md(run.stack)} against ${md(file)}`;
  if (!diffCount(d)) return [head, "", "No rule changes."].join("\n");
  const touched = new Set(diffRows(d).map((r) => r.group));
  const out = [head, "", `${diffSummary(d)}. The graph shows the changed groups as they will be; arrows point from who may connect to what they may reach.`, "", ...mermaid(rules.filter((r) => touched.has(r.group)))];
  for (const [group, rows] of byGroup(diffRows(d))) {
    out.push("", `#### ${md(group)}`, "", ...mdTable(["", "direction", "protocol", "ports", "peer", "description", "rule"], rows.map((r) => [r.mark === "+" ? "added" : r.mark === "-" ? "removed" : "changed", ...r.cells])));
  }
  return out.join("\n");
}

// ---- the command ----

async function exampleRun(name: string, preview: boolean): Promise<PlanRun> {
  const { runStackOffline, EXAMPLES_PROJECT } = await import("../stacks/offline.js");
  const { azureReportsOf, isKubernetesComponent, kubernetesReportOf, reportOf } = await import("../components/index.js");
  const run = await runStackOffline(name, { preview });
  const azure = (c: (typeof run.result.components)[number]) => {
    try {
      return !!azureReportsOf(c);
    } catch {
      return false;
    }
  };
  return {
    headline: [`Stack ${run.stack}: ${run.example.description}`],
    project: EXAMPLES_PROJECT,
    stack: run.stack,
    resources: run.recorder.resources,
    warnings: run.recorder.warnings,
    reports: run.result.components.filter((c) => !azure(c) && !isKubernetesComponent(c)).map(reportOf),
    azureReports: run.result.components.filter(azure).flatMap(azureReportsOf),
    kubernetesReports: run.result.components.filter(isKubernetesComponent).map(kubernetesReportOf),
    notes: [],
  };
}

async function projectRun(dir: string, stack: string, preview: boolean): Promise<PlanRun> {
  const { runProjectOffline } = await import("../stacks/offline.js");
  const run = await runProjectOffline(dir, stack, { preview });
  const entry = relative(run.project.dir, run.project.entry) || run.project.entry;
  return {
    headline: [`Project ${run.project.name}, stack ${run.stack}: ${entry}${run.loader === "javascript" ? "" : ` (TypeScript through ${run.loader}, not type-checked)`}`],
    project: run.project.name,
    stack: run.stack,
    resources: run.recorder.resources,
    warnings: run.recorder.warnings,
    reports: run.reports,
    azureReports: run.azureReports,
    kubernetesReports: run.kubernetesReports,
    notes: [
      ...(preview ? ["Preview mode: ids are unknown until created, as in pulumi preview."] : ["Resources of other types have mock ids (<name>-id)."]),
      ...(run.secrets.length ? [`Secret config is not decrypted; these read "[secret]": ${run.secrets.join(", ")}.`] : []),
    ],
  };
}

/**
 * `portcatalog plan [--stack S [--cwd DIR] | --example E | E] [--json | --markdown] [--diff FILE] [--preview]`:
 * a program under Pulumi mocks, nothing created.
 */
export async function planCommand(argv: string[]): Promise<CommandResult> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      json: { type: "boolean", default: false },
      stack: { type: "string" },
      cwd: { type: "string" },
      example: { type: "string" },
      markdown: { type: "boolean", default: false },
      diff: { type: "string" },
      preview: { type: "boolean", default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length > 1) throw new PortcatalogError(`plan takes at most one example name, got ${positionals.length}: ${positionals.join(" ")}`);
  const example = values.example ?? positionals[0];
  if (values.example !== undefined && positionals.length) throw new PortcatalogError(`give the example once: --example ${values.example} or ${positionals[0]}, not both`);
  if (example !== undefined && values.stack !== undefined) throw new PortcatalogError("--stack plans the Pulumi project in this directory, --example one of portcatalog's examples: give one");
  if (values.cwd !== undefined && example !== undefined) throw new PortcatalogError("--cwd names a Pulumi project directory, --example one of portcatalog's examples: give one");
  if (values.json && values.markdown) throw new PortcatalogError("--json and --markdown are two formats: give one");
  if (values.stack === "") throw new PortcatalogError(`--stack needs a stack name`);

  const earlier = values.diff === undefined ? undefined : readEarlierPlan(values.diff);
  // Inside a Pulumi project (or with --cwd) the plan is of that project, never silently of an example.
  const dir = values.cwd ?? process.cwd();
  const { isPulumiProject, onlyStack } = await import("../stacks/offline.js");
  const stack = values.stack ?? (example === undefined && (values.cwd !== undefined || isPulumiProject(dir)) ? onlyStack(dir) : undefined);
  const run = stack !== undefined ? await projectRun(dir, stack, values.preview) : await exampleRun(example ?? "anbox-appliance", values.preview);
  const rules = planRules(run);

  if (earlier && values.diff !== undefined) {
    const d = diffRules(earlier, rules);
    const exitCode = diffCount(d) ? 2 : 0;
    if (values.json) return { output: JSON.stringify(d, null, 2), exitCode };
    if (values.markdown) return { output: diffMarkdown(run, rules, d, values.diff), exitCode };
    return { output: diffText(d, values.diff), exitCode };
  }
  if (values.json) return JSON.stringify(planJson(run, rules), null, 2);
  if (values.markdown) return planMarkdown(run, rules);
  return planText(run, rules);
}

