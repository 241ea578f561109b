import { oneOf, PortcatalogError } from "../catalog/errors.js";
import { builtinCatalog, selectProduct } from "../catalog/index.js";
import { planRole, rolesOf, type Selection } from "../planner/index.js";
import { idKey } from "../planner/ids.js";
import { auditProfile } from "./audit.js";
import type { AuditInput, ExistingRule } from "./model.js";

/** An existing rule that lets a role in where no flow of the product needs it. */
export interface RoleFinding {
  groupId: string;
  /** The role of the group the rule is in. */
  role: string;
  /** The role the rule lets in (the group it references). */
  from: string;
  rule: ExistingRule;
  /** The ports of the rule no flow from `from` needs, e.g. `tcp/5900-5999`. */
  ports: string[];
  message: string;
}

/**
 * Judges existing role groups against the catalog's flows: an ingress rule letting in another role's group (or
 * its own), or every role (Azure's VirtualNetwork), on ports no flow from that role needs
 * is a finding. Every rule of a role's group is judged whatever its destination: an Azure rule into several ASGs
 * as each ASG's role, one to `*`, VirtualNetwork or prefixes as every role whose ASG the NSG's rules name. Ports
 * whose flows are unknown are not judged (they keep their audience), nor are rules from other prefixes (the audit's
 * world checks do those).
 */
export function auditRoles(input: AuditInput, options: { product: string; release?: string; roleGroups: Record<string, string> }): RoleFinding[] {
  const chosen = selectProduct(builtinCatalog, { product: options.product, ...(options.release !== undefined ? { release: options.release } : {}) });
  const selection: Selection = { name: chosen.name, entries: chosen.entries, ...(chosen.release !== undefined ? { release: chosen.release } : {}) };
  const valid = rolesOf([selection]);
  // One group under two spellings (case, a UUID's dashes) is one group, on every cloud (planner/ids.ts).
  const norm = idKey;
  const roleOf = new Map<string, string>();
  for (const [role, id] of Object.entries(options.roleGroups)) {
    if (!valid.includes(role)) throw new PortcatalogError(`roleGroups.${role}: unknown role "${role}" for ${chosen.name}${chosen.release ? `@${chosen.release}` : ""}: use ${oneOf(valid)}`);
    if (roleOf.has(norm(id))) throw new PortcatalogError(`roleGroups.${role}: group "${id}" is already roleGroups.${roleOf.get(norm(id))}: a group holds one role`);
    roleOf.set(norm(id), role);
  }
  const findings: RoleFinding[] = [];
  const plans = new Map<string, ReturnType<typeof planRole>>();
  const planOf = (role: string) => {
    let plan = plans.get(role);
    if (!plan) {
      const others = Object.fromEntries([...roleOf].filter(([, r]) => r !== role).map(([id, r]) => [r, { securityGroups: [{ name: r, id }] }]));
      // Every optional port on: an existing rule for a feature the user runs is not a finding.
      plans.set(role, (plan = planRole([selection], { cloud: auditProfile(input.cloud), role, roles: others, allFeatures: true })));
    }
    return plan;
  };
  /** The roles a rule lets in: its peer group's, or every role when the peer is Azure's VirtualNetwork (which holds every machine of the network). */
  const fromRoles = (rule: ExistingRule, holder: string, role: string): string[] => {
    const p = rule.peer;
    if (p.kind === "group") {
      const from = norm(p.id) === norm(holder) ? role : roleOf.get(norm(p.id));
      return from ? [from] : [];
    }
    return p.kind === "service-tag" && p.id.toLowerCase() === "virtualnetwork" ? [...new Set(roleOf.values())] : [];
  };
  for (const group of input.groups) {
    // The machines a rule lets traffic into: its ASG (Azure), else the group; an Azure rule to `*`, VirtualNetwork or
    // prefixes reaches every machine the NSG filters, which holds each role whose ASG the NSG's rules name.
    const named = [...new Set((group.azureRules ?? []).filter((r) => r.direction === "ingress").flatMap((r) => r.own.flatMap((e) => (e.kind === "asg" ? [e.id] : []))))].filter((id) => roleOf.has(norm(id)));
    const holdersOf = (rule: ExistingRule): string[] => (rule.target !== undefined ? [rule.target] : roleOf.has(norm(group.id)) ? [group.id] : input.cloud === "azure" ? named : []);
    for (const rule of group.rules) {
      if (rule.direction !== "ingress" || rule.protocol === "other") continue;
      for (const holder of holdersOf(rule)) {
        const role = roleOf.get(norm(holder));
        if (!role) continue;
        for (const from of fromRoles(rule, holder, role)) {
          const ports = unserved(planOf(role), role, from, rule);
          if (ports.length) findings.push({ groupId: holder, role, from, rule, ports, message: `${holder} (${role}): rule ${rule.id} lets in ${from} on ${ports.join(", ")}, which no flow from ${from} to ${role} needs` });
        }
      }
    }
  }
  return findings;
}

/** The ports of a rule no flow from `from` into `role` needs (unknown flows keep their audience: not judged). */
function unserved(plan: ReturnType<typeof planRole>, role: string, from: string, rule: ExistingRule): string[] {
  const open = (protocol: string): [number, number][] => [
    ...plan.rules.filter((r) => r.direction === "ingress" && r.protocol === protocol && (from === role ? r.peer.kind === "self" : r.peer.kind === "security-group" && r.peer.name === from)).map((r): [number, number] => [r.fromPort, r.toPort]),
    ...plan.notNarrowed.filter((n) => n.protocol === protocol).map((n): [number, number] => [n.fromPort, n.toPort]),
  ];
  const ports: string[] = [];
  // An every-protocol rule is TCP and UDP on its ports (Azure's `*` keeps the rule's ports).
  for (const protocol of rule.protocol === "all" ? ["tcp", "udp"] : [rule.protocol]) {
    const allowed = open(protocol).sort((a, b) => a[0] - b[0]);
    let next = Math.max(rule.fromPort, 1);
    const last = rule.toPort;
    for (const [a, b] of allowed) {
      if (b < next) continue;
      if (a > last) break;
      if (a > next) ports.push(`${protocol}/${next === a - 1 ? next : `${next}-${a - 1}`}`);
      next = Math.max(next, b + 1);
    }
    if (next <= last) ports.push(`${protocol}/${next === last ? next : `${next}-${last}`}`);
  }
  return ports;
}
