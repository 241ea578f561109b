// The stack-level view: every rule of every judged resource, joined by the group it attaches to,
// so a world opening split across several resources (0.0.0.0/1 in one rule, 128.0.0.0/1 in
// another) is judged as the whole it is. Plain data in, plain data out; policies.ts reports.
import { type Permission, type WorldOpening, worldOpenings } from "./judge.js";
import { azureNsgKey, type ReadRule, readRules, snapshot, UNKNOWN } from "./ingress.js";

/** What the stack policy needs of a resource (a subset of @pulumi/policy's PolicyResource). */
export interface StackResource {
  type: string;
  name: string;
  urn: string;
  props: unknown;
  propertyDependencies?: Record<string, readonly { urn: string; type: string }[]>;
}

/** Types a rule's group field can point at: a group the stack itself declares. */
const GROUP_TYPES = new Set([
  "aws:ec2/securityGroup:SecurityGroup",
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  "openstack:networking/secGroup:SecGroup",
  "openstack:compute/secGroup:SecGroup",
  "aws:lightsail/instance:Instance",
  "openstack:loadbalancer/loadBalancer:LoadBalancer",
  "azure-native:network:NetworkSecurityGroup",
]);

/** The rules one group holds across the stack, each with the resource that holds it. */
export interface JoinedGroup {
  /** The group's URN when the stack declares it, else `id:<id>`. */
  key: string;
  /** The group's name when the stack declares it, else its id. */
  label: string;
  /** The group's URN, when the stack declares it. */
  urn?: string;
  rules: { rule: ReadRule; resource: StackResource }[];
}

export interface StackRules {
  groups: JoinedGroup[];
  /** Sentences for what could not be joined or read during preview; those rules are judged alone or not at all. */
  notes: string[];
}

/** Joins every judged resource's rules by group (ids resolved through the stack's own resources). */
export function joinByGroup(resources: readonly StackResource[]): StackRules {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const idToUrn = new Map<string, string>();
  for (const r of resources) {
    const props = snapshot(r.props) as Record<string, unknown> | undefined;
    if (GROUP_TYPES.has(r.type) && props && typeof props.id === "string") idToUrn.set(props.id, r.urn);
    // An Azure SecurityRule names its NSG by resource group and name, not by id.
    const nsgName = props?.networkSecurityGroupName ?? props?.name;
    if (r.type === "azure-native:network:NetworkSecurityGroup" && typeof props?.resourceGroupName === "string" && typeof nsgName === "string") idToUrn.set(azureNsgKey(props.resourceGroupName, nsgName), r.urn);
  }
  const groups = new Map<string, JoinedGroup>();
  const notes: string[] = [];
  const join = (key: string, label: string, urn: string | undefined, rule: ReadRule, resource: StackResource) => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, label, urn, rules: [] }));
    g.rules.push({ rule, resource });
  };
  for (const resource of resources) {
    const read = readRules(resource.type, snapshot(resource.props), (field) => (resource.propertyDependencies?.[field] ?? []).length > 0);
    if (!read) continue;
    if (read.unknowns.length) notes.push(`${resource.name}: ${read.unknowns.join(", ")} not known during preview; those rules are judged once the values are known (pulumi up, or the next preview)`);
    for (const rule of read.rules) {
      if (rule.attach.self) {
        join(resource.urn, resource.name, resource.urn, rule, resource);
        continue;
      }
      const { field, value } = rule.attach;
      // The dependency says which declared group the value comes from, known or not.
      const deps = (resource.propertyDependencies?.[field] ?? []).filter((d) => GROUP_TYPES.has(d.type));
      const fromId = typeof value === "string" ? idToUrn.get(value) : undefined;
      const urn = fromId ?? (deps.length === 1 ? deps[0].urn : undefined);
      if (urn) join(urn, byUrn.get(urn)?.name ?? urn, urn, rule, resource);
      else if (typeof value === "string") join(`id:${value}`, value, undefined, rule, resource);
      else {
        const why = value === UNKNOWN ? `${field} is not known during preview and depends on ${deps.length ? `${deps.length} groups` : "no group of this stack"}` : `${field} is not set`;
        notes.push(`${resource.name}: ${why}, so its rules cannot be joined with its group's others; they are judged alone`);
        join(`alone:${resource.urn}`, resource.name, resource.urn, rule, resource);
      }
    }
  }
  return { groups: [...groups.values()], notes: [...new Set(notes)] };
}

/** A world opening of a group that no single resource of it opens alone, with the resources that make it. */
export interface SplitOpening {
  group: JoinedGroup;
  opening: WorldOpening;
  /** The resources whose rules together make the opening, by name. */
  resources: StackResource[];
}

/** Port ranges of `o` (one protocol, one family) less the ranges in `minus`. */
function subtract(o: WorldOpening, minus: readonly WorldOpening[]): WorldOpening[] {
  let pieces = [{ from: o.fromPort, to: o.toPort }];
  for (const m of minus) {
    if (m.protocol !== o.protocol) continue;
    pieces = pieces.flatMap((p) => {
      if (m.toPort < p.from || m.fromPort > p.to) return [p];
      const out: { from: number; to: number }[] = [];
      if (m.fromPort > p.from) out.push({ from: p.from, to: m.fromPort - 1 });
      if (m.toPort < p.to) out.push({ from: m.toPort + 1, to: p.to });
      return out;
    });
  }
  return pieces.map((p) => ({ ...o, fromPort: p.from, toPort: p.to }));
}

/**
 * World openings of each group's ingress that only the union of several resources makes: what a
 * single resource opens alone is the resource policies' to report. Judged per family, so an
 * IPv6 world in one resource does not hide an IPv4 world split across two.
 */
export function splitOpenings(joined: StackRules): SplitOpening[] {
  const out: SplitOpening[] = [];
  for (const group of joined.groups) {
    const ingress = group.rules.filter((x) => x.rule.direction === "ingress");
    if (new Set(ingress.map((x) => x.resource.urn)).size < 2) continue;
    for (const family of ["IPv4", "IPv6"] as const) {
      const inFamily = (p: Permission): Permission => ({ ...p, cidrs: p.cidrs.filter((c) => c.includes(":") === (family === "IPv6")) });
      const perms = ingress.map((x) => inFamily(x.rule));
      const alone = [...new Set(ingress.map((x) => x.resource.urn))].flatMap((urn) => worldOpenings(perms.filter((_, i) => ingress[i].resource.urn === urn)));
      for (const opening of worldOpenings(perms)) {
        for (const piece of subtract(opening, alone)) {
          const resources = [...new Map(piece.permissions.map((i) => [ingress[i].resource.urn, ingress[i].resource])).values()];
          out.push({ group, opening: { ...piece, families: [family] }, resources });
        }
      }
    }
  }
  return out;
}
