// The Pulumi import file that adopts an existing group into a component without re-creating a rule.
//
// Format, per `pulumi import --help` (pulumi.com/docs/iac/cli/commands/pulumi_import): a JSON object
// with "resources": [{ "type", "name", "id", "parent", "provider", "version", "component", ... }] and
// a "nameTable" mapping the parent and provider names used in "resources" to their URNs. Since
// Pulumi 3.94 (pulumi/pulumi#14467, #14524) a resource may instead be an empty component
// (`"component": true`, no id) that the others name as their parent, without a nameTable entry.
import { PortcatalogError } from "../catalog/errors.js";
import { idKey } from "../planner/ids.js";
import type { Cloud } from "../components/clouds.js";
import type { PlannedRule } from "../planner/index.js";
import { protocolClass } from "../policy/judge.js";
import { canonicalCidr, type Drift, drift } from "./audit.js";
import type { ExistingGroup, ExistingRule } from "./model.js";

export interface ImportResource {
  type: string;
  name: string;
  id?: string;
  parent?: string;
  component?: boolean;
}

export interface PulumiImportFile {
  nameTable?: Record<string, string>;
  resources: ImportResource[];
}

/** What the component plans, as the import needs it (from `reportOf` and the resources it registered). */
export interface ComponentPlan<Id = unknown> {
  /** The class, e.g. `CatalogSecurityGroup`. */
  component: string;
  /** Its type token, e.g. `portcatalog:index:CatalogSecurityGroup`. */
  type: string;
  name: string;
  cloud: Cloud;
  /** Groups with their rules, primary first; for rules-only components the one existing group. */
  groups: { name: string; rules: PlannedRule<Id>[] }[];
  /** Whether the component creates the group itself (and so adopts it), or only adds rules to a given one. */
  ownsGroup: boolean;
  /** The child name each rule gets (`<component>-<rule key>`). */
  ruleName: (rule: PlannedRule<Id>) => string;
  /** The group's inputs as the component registers them, to spot changes that would replace it. */
  groupInputs?: { description?: string; vpcId?: string };
  /**
   * Each rule resource as the component registers it, by its name: its type and inputs, with the id of a group
   * the component creates already read as the adopted group's. What an adopted rule must be, field by field.
   * Unset (a plan made by hand): the planned rule's fields, in the group `ruleGroupId` names.
   */
  registered?: Map<string, { type: string; inputs: Record<string, unknown> }>;
  /** Where a rules-only component's rules go (its `securityGroupId`); unset: the adopted group. */
  ruleGroupId?: string;
}

export interface ImportPlan<Id = unknown> {
  file: PulumiImportFile;
  drift: Drift<PlannedRule<Id>>;
  /** Rules the component puts into spill-over groups: created by `pulumi up`, not adopted. */
  spill: PlannedRule<Id>[];
  /** What would still be replaced after the import, and how to avoid it. */
  warnings: string[];
  /** Why each rule of `drift.remove` is not adopted, where it is more than "not in the plan". */
  reasons: Map<ExistingRule, string>;
}

/** A rule's content in one vocabulary for the component's inputs, its planned rule and an exported rule. */
interface Content {
  group: string;
  direction: string;
  family: string;
  protocol: string;
  ports: string;
  peer: string;
  /** `undefined`: the export does not say. */
  description: string | undefined;
  /** Neutron's project; compared only where the component sets one. */
  project?: string | undefined;
}

const UNKNOWN_VALUE = "(unknown)";
const text = (v: unknown) => (typeof v === "string" ? v : v === undefined || v === null ? "" : UNKNOWN_VALUE);
const portText = (protocol: string, from: unknown, to: unknown) => (protocol === "all" ? "all" : `${from}-${to}`);
const protocolText = (raw: unknown) => {
  const c = protocolClass(raw);
  return c === "other" ? `other:${String(raw).toLowerCase()}` : c;
};

function existingContent(r: ExistingRule): Content {
  const peer = r.peer.kind === "cidr" ? `cidr:${canonicalCidr(r.peer.cidr)}` : `${r.peer.kind}:${idKey(r.peer.id)}`;
  return {
    group: idKey(r.groupId),
    direction: r.direction,
    family: r.family,
    protocol: r.protocol === "other" ? `other:${r.rawProtocol.toLowerCase()}` : r.protocol,
    ports: portText(r.protocol, r.fromPort, r.toPort),
    peer,
    description: r.descriptionUnknown ? undefined : (r.description ?? ""),
    project: r.project,
  };
}

/** What the component registers for one rule, read from its AWS or OpenStack inputs. */
function registeredContent(type: string, i: Record<string, unknown>): Content {
  if (type === RESOURCE_TYPES.openstack.ingress) {
    const protocol = i.protocol === undefined || i.protocol === null || i.protocol === "" ? "all" : protocolText(i.protocol);
    const family = text(i.ethertype);
    const peer = i.remoteIpPrefix !== undefined ? `cidr:${canonicalCidr(text(i.remoteIpPrefix))}` : i.remoteGroupId !== undefined ? `group:${idKey(text(i.remoteGroupId))}` : `cidr:${family === "IPv6" ? "::/0" : "0.0.0.0/0"}`;
    return {
      group: idKey(text(i.securityGroupId)),
      direction: text(i.direction),
      family,
      protocol,
      ports: portText(protocol, i.portRangeMin, i.portRangeMax),
      peer,
      description: text(i.description),
      ...(i.tenantId !== undefined ? { project: text(i.tenantId) } : {}),
    };
  }
  const protocol = i.ipProtocol === "-1" ? "all" : protocolText(i.ipProtocol);
  const cidr = i.cidrIpv4 ?? i.cidrIpv6;
  const peer = cidr !== undefined ? `cidr:${canonicalCidr(text(cidr))}` : i.referencedSecurityGroupId !== undefined ? `group:${idKey(text(i.referencedSecurityGroupId))}` : `prefix-list:${idKey(text(i.prefixListId))}`;
  return {
    group: idKey(text(i.securityGroupId)),
    direction: type === RESOURCE_TYPES.aws.egress ? "egress" : "ingress",
    family: i.cidrIpv4 !== undefined ? "IPv4" : i.cidrIpv6 !== undefined ? "IPv6" : "any",
    protocol,
    ports: portText(protocol, i.fromPort, i.toPort),
    peer,
    description: text(i.description),
  };
}

/** A planned rule's content, in the group its rules go into (a plan made by hand, without registered inputs). */
function plannedContent(r: PlannedRule<unknown>, groupId: string): Content {
  const p = r.peer;
  const peer = p.kind === "cidr" ? `cidr:${canonicalCidr(p.cidr)}` : p.kind === "named-cidr" ? `cidr:${canonicalCidr(String(p.cidr))}` : p.kind === "self" ? `group:${idKey(groupId)}` : p.kind === "security-group" ? `group:${idKey(String(p.id))}` : `prefix-list:${idKey(String(p.id))}`;
  return { group: idKey(groupId), direction: r.direction, family: r.ethertype, protocol: r.protocol, ports: portText(r.protocol, r.fromPort, r.toPort), peer, description: r.description ?? "" };
}

/**
 * Why an existing rule is not exactly the component's rule (undefined: it is, in every field the component sets,
 * its group included). Adopting anything else would let the next `pulumi up` change or move it.
 */
function difference(have: Content, want: Content, shown: { group: string; wantGroup: string }, cloud: Cloud): string | undefined {
  if (have.group !== want.group) return `it is in group ${shown.group}, but the component's rules go into ${shown.wantGroup}: adopting it would move it out of the group it protects`;
  for (const field of ["direction", "family", "protocol", "ports", "peer"] as const) {
    if (have[field] !== want[field]) return `its ${field} (${have[field]}) differs from the component's (${want[field]})`;
  }
  const again = cloud === "aws" ? "AWS refuses a second rule of the same protocol, ports and peer" : "Neutron refuses a second rule of the same content (its description does not count)";
  if (have.description === undefined) return `the export does not show rule descriptions (\`openstack security group rule list\` has none), so it cannot be told to be the component's: export the Neutron API's rules (GET /v2.0/security-group-rules) to adopt it`;
  if (have.description !== want.description) return `its description ${JSON.stringify(have.description)} differs from the component's ${JSON.stringify(want.description)}: only a rule that is exactly the component's is adopted; remove it before \`pulumi up\` creates the component's (${again})`;
  if (want.project !== undefined && have.project !== want.project) return `its project ${have.project === undefined ? "is not in the export" : JSON.stringify(have.project)}, where the component's tenantId is ${JSON.stringify(want.project)}`;
  return undefined;
}

export const RESOURCE_TYPES = {
  aws: { group: "aws:ec2/securityGroup:SecurityGroup", ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule" },
  openstack: { group: "openstack:networking/secGroup:SecGroup", ingress: "openstack:networking/secGroupRule:SecGroupRule", egress: "openstack:networking/secGroupRule:SecGroupRule" },
} as const;

/** A top-level component's URN; a component under a parent needs `--component-urn`. */
export const componentUrn = (stack: string, project: string, type: string, name: string) => `urn:pulumi:${stack}::${project}::${type}::${name}`;

/**
 * Maps every existing rule the plan keeps to the name the component gives it, the group to the
 * group's name, and lists the rest as rules to remove (never imported under a wrong name).
 * `urn` set: the component already exists (or will), named through the nameTable; unset: the file
 * creates it as an empty component.
 */
export function importPlan<Id>(group: ExistingGroup, plan: ComponentPlan<Id>, options: { urn?: string } = {}): ImportPlan<Id> {
  const [primary, ...spillGroups] = plan.groups;
  const matched = drift(group, primary?.rules ?? []);
  // A rule whose key matches is adopted only when it is exactly what the component registers, in its group.
  const wantGroup = plan.ruleGroupId ?? group.id;
  const reasons = new Map<ExistingRule, string>();
  const d: Drift<PlannedRule<Id>> = { ...matched, keep: [], add: [...matched.add], remove: [...matched.remove] };
  for (const pair of matched.keep) {
    const registered = plan.registered?.get(plan.ruleName(pair.planned));
    const want = registered ? registeredContent(registered.type, registered.inputs) : plannedContent(pair.planned, wantGroup);
    const why = difference(existingContent(pair.existing), want, { group: pair.existing.groupId, wantGroup: registered ? text(registered.inputs.securityGroupId) : wantGroup }, plan.cloud);
    if (why === undefined) d.keep.push(pair);
    else {
      reasons.set(pair.existing, why);
      d.remove.push(pair.existing);
      d.add.push(pair.planned);
    }
  }
  // Rules-only components: every rule of another group than theirs is left, and the report says so once.
  const otherGroup = plan.ruleGroupId !== undefined && idKey(plan.ruleGroupId) !== idKey(group.id);
  // A rule read from IpPermissions has no sgr- id, and an import under a made-up id fails at `pulumi import`.
  const unnamed = d.keep.find(({ existing }) => existing.fromPermissions);
  if (unnamed) throw new PortcatalogError(`${unnamed.existing.origin}: describe-security-groups gives no rule ids to import; add the output of \`aws ec2 describe-security-group-rules --filters Name=group-id,Values=${group.id} --output json\``);
  const types = RESOURCE_TYPES[plan.cloud];
  const resources: ImportResource[] = [];
  if (!options.urn) resources.push({ type: plan.type, name: plan.name, component: true });
  if (plan.ownsGroup) resources.push({ type: types.group, name: primary.name, id: group.id, parent: plan.name });
  for (const { existing, planned } of [...d.keep].sort((a, b) => (plan.ruleName(a.planned) < plan.ruleName(b.planned) ? -1 : 1))) {
    resources.push({ type: planned.direction === "ingress" ? types.ingress : types.egress, name: plan.ruleName(planned), id: existing.id, parent: plan.name });
  }
  const warnings: string[] = [];
  if (otherGroup) warnings.push(`the component adds its rules to group ${plan.ruleGroupId} (args.securityGroupId), not to the exported group ${group.id}: none of ${group.id}'s rules is adopted; import ${plan.ruleGroupId}'s export, or leave securityGroupId out`);
  if (plan.cloud === "aws" && plan.ownsGroup) {
    const want = plan.groupInputs?.description;
    if (group.description === undefined) warnings.push(`group ${group.id}: its description is unknown; add \`aws ec2 describe-security-groups --output json\` to check it, since AWS replaces a group whose description changes`);
    else if (want !== undefined && want !== group.description) warnings.push(`group ${group.id}: the component's description "${want}" differs from the group's "${group.description}", and AWS cannot change it: pass description: ${JSON.stringify(group.description)} in the component's args, or the group and every rule in it are replaced`);
    const vpc = plan.groupInputs?.vpcId;
    if (group.vpcId !== undefined && vpc !== undefined && vpc !== group.vpcId) warnings.push(`group ${group.id}: the component's vpcId "${vpc}" differs from the group's "${group.vpcId}": pass vpcId: "${group.vpcId}", or the group is replaced`);
  }
  const file: PulumiImportFile = options.urn ? { nameTable: { [plan.name]: options.urn }, resources } : { resources };
  return { file, drift: d, spill: spillGroups.flatMap((g) => g.rules), warnings, reasons };
}

/** Why an existing rule is not adopted. */
export function removalReason(rule: ExistingRule): string {
  const neutronDefault = rule.direction === "egress" && rule.protocol === "all" && rule.peer.kind === "cidr" && (rule.peer.cidr === "0.0.0.0/0" || rule.peer.cidr === "::/0");
  return neutronDefault ? "not in the plan (allow-all egress, as Neutron and AWS add to new groups)" : "not in the plan";
}
