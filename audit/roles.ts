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
 * Judges existing role groups against the catalog's flows: an ingress rule referencing another role's
 * group (or its own) on ports no flow from that role needs is a finding. Ports whose flows are unknown
 * are not judged (they keep their audience), nor are rules to CIDRs (the audit's own checks do those).
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
  for (const group of input.groups) {
    for (const rule of group.rules) {
      // A rule holds the role of its group, or on Azure of the application security group it lets traffic into.
      const holder = rule.target ?? group.id;
      const role = roleOf.get(norm(holder));
      if (!role || rule.direction !== "ingress" || rule.peer.kind !== "group") continue;
      const plan = planOf(role);
      const open = (from: string, protocol: string): [number, number][] => [
        ...plan.rules.filter((r) => r.direction === "ingress" && r.protocol === protocol && (from === role ? r.peer.kind === "self" : r.peer.kind === "security-group" && r.peer.name === from)).map((r): [number, number] => [r.fromPort, r.toPort]),
        // Unknown flows are not judged: their ports stay open to any role.
        ...plan.notNarrowed.filter((n) => n.protocol === protocol).map((n): [number, number] => [n.fromPort, n.toPort]),
      ];
      const from = norm(rule.peer.id) === norm(holder) ? role : roleOf.get(norm(rule.peer.id));
      if (!from || rule.protocol === "other") continue;
      const protocols = rule.protocol === "all" ? ["tcp", "udp"] : [rule.protocol];
      const ports: string[] = [];
      for (const protocol of protocols) {
        const allowed = open(from, protocol).sort((a, b) => a[0] - b[0]);
        let next = rule.protocol === "all" ? 1 : Math.max(rule.fromPort, 1);
        const last = rule.protocol === "all" ? 65535 : rule.toPort;
        for (const [a, b] of allowed) {
          if (b < next) continue;
          if (a > last) break;
          if (a > next) ports.push(`${protocol}/${next === a - 1 ? next : `${next}-${a - 1}`}`);
          next = Math.max(next, b + 1);
        }
        if (next <= last) ports.push(`${protocol}/${next === last ? next : `${next}-${last}`}`);
      }
      if (ports.length) {
        findings.push({ groupId: holder, role, from, rule, ports, message: `${holder} (${role}): rule ${rule.id} lets in ${from} on ${ports.join(", ")}, which no flow from ${from} to ${role} needs` });
      }
    }
  }
  return findings;
}
