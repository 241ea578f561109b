// The Pulumi import file that adopts an existing group into a component without re-creating a rule.
//
// Format, per `pulumi import --help` (pulumi.com/docs/iac/cli/commands/pulumi_import): a JSON object
// with "resources": [{ "type", "name", "id", "parent", "provider", "version", "component", ... }] and
// a "nameTable" mapping the parent and provider names used in "resources" to their URNs. Since
// Pulumi 3.94 (pulumi/pulumi#14467, #14524) a resource may instead be an empty component
// (`"component": true`, no id) that the others name as their parent, without a nameTable entry.
import { PortcatalogError } from "../catalog/errors.js";
import type { Cloud, PlannedRule } from "../planner/index.js";
import { type Drift, drift } from "./audit.js";
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
}

export interface ImportPlan<Id = unknown> {
  file: PulumiImportFile;
  drift: Drift<PlannedRule<Id>>;
  /** Rules the component puts into spill-over groups: created by `pulumi up`, not adopted. */
  spill: PlannedRule<Id>[];
  /** What would still be replaced after the import, and how to avoid it. */
  warnings: string[];
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
  const d = drift(group, primary?.rules ?? []);
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
  if (plan.cloud === "aws" && plan.ownsGroup) {
    const want = plan.groupInputs?.description;
    if (group.description === undefined) warnings.push(`group ${group.id}: its description is unknown; add \`aws ec2 describe-security-groups --output json\` to check it, since AWS replaces a group whose description changes`);
    else if (want !== undefined && want !== group.description) warnings.push(`group ${group.id}: the component's description "${want}" differs from the group's "${group.description}", and AWS cannot change it: pass description: ${JSON.stringify(group.description)} in the component's args, or the group and every rule in it are replaced`);
    const vpc = plan.groupInputs?.vpcId;
    if (group.vpcId !== undefined && vpc !== undefined && vpc !== group.vpcId) warnings.push(`group ${group.id}: the component's vpcId "${vpc}" differs from the group's "${group.vpcId}": pass vpcId: "${group.vpcId}", or the group is replaced`);
  }
  if (plan.cloud === "openstack") {
    // Neutron rules cannot be changed in place: a different description replaces the rule.
    for (const { existing, planned } of d.keep) {
      if (existing.description !== undefined && existing.description !== planned.description) {
        warnings.push(`rule ${existing.id} (${plan.ruleName(planned)}): its description differs from the catalog's, and Neutron rules cannot be updated: \`pulumi up\` would replace it`);
      }
    }
    if (d.keep.length && d.keep.every(({ existing }) => existing.description === undefined)) {
      warnings.push("the export carries no rule descriptions (`openstack security group rule list` has none); a rule whose description differs from the catalog's is replaced: check with the Neutron API's export");
    }
  }
  const file: PulumiImportFile = options.urn ? { nameTable: { [plan.name]: options.urn }, resources } : { resources };
  return { file, drift: d, spill: spillGroups.flatMap((g) => g.rules), warnings };
}

/** Why an existing rule is not adopted. */
export function removalReason(rule: ExistingRule): string {
  const neutronDefault = rule.direction === "egress" && rule.protocol === "all" && rule.peer.kind === "cidr" && (rule.peer.cidr === "0.0.0.0/0" || rule.peer.cidr === "::/0");
  return neutronDefault ? "not in the plan (allow-all egress, as Neutron and AWS add to new groups)" : "not in the plan";
}
