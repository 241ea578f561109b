import * as pulumi from "@pulumi/pulumi";
import { PortcatalogError } from "../catalog/errors.js";
import { type Ethertype, type PlannedRule, resolvePeerSet, usage } from "../planner/index.js";
import type { ComponentReport } from "./selection.js";

/** Every component class, by name: the type token's last part. */
export type ComponentClass =
  | "CatalogSecurityGroup"
  | "CatalogSecurityGroupRules"
  | "CatalogDeploymentSecurityGroups"
  | "AnboxApplianceSecurityGroup"
  | "AnboxCloudSecurityGroup"
  | "Wso2SecurityGroup"
  | "OpenStackControllerSecurityGroup"
  | "OpenStackComputeSecurityGroup"
  | "OpenStackNetworkSecurityGroup"
  | "OpenStackStorageSecurityGroup"
  | "CatalogSecGroup"
  | "CatalogSecGroupRules"
  | "CatalogDeploymentSecGroups"
  | "AnboxApplianceSecGroup"
  | "AnboxCloudSecGroup"
  | "Wso2SecGroup"
  | "OpenStackControllerRules"
  | "OpenStackComputeRules"
  | "OpenStackNetworkRules"
  | "OpenStackStorageRules"
  | "CatalogNetworkSecurityGroup"
  | "CatalogNetworkSecurityRules"
  | "AnboxApplianceNetworkSecurityGroup"
  | "AnboxCloudNetworkSecurityGroup"
  | "Wso2NetworkSecurityGroup"
  | "CatalogDeploymentNetworkSecurityGroups"
  | "CatalogDeploymentNetworkPolicies"
  | "Wso2NetworkPolicies"
  | "OpenStackHelmNetworkPolicies";

/** `portcatalog:index:<Class>`: one package, class names unique across both clouds. */
export const typeToken = (component: string) => `portcatalog:index:${component}`;

/** Child resource name for a rule: the component's name plus the rule's content key, never an index. */
export const ruleResourceName = (component: string, rule: PlannedRule<unknown>) => `${component}-${rule.key}`;

/** An alias to the name version 0.1 gave a rule, where its key has changed since: Pulumi then moves it instead of replacing it. */
export function previousName(component: string, rule: PlannedRule<unknown>): { aliases?: pulumi.Alias[] } {
  return rule.previousKey ? { aliases: [{ name: `${component}-${rule.previousKey}` }] } : {};
}

/** The group name a rules-only component reports: the group is the user's, not one it creates. */
export const EXISTING_GROUP = "the existing group";

/** Group resource names: the component's own name for the primary, then `-2`, `-3` for spill-over groups. */
export const groupResourceName = (component: string, index: number) => (index === 0 ? component : `${component}-${index + 1}`);

/**
 * Fails with the numbers when rules would not fit a quota; called before anything registers.
 * `used` maps what is counted (e.g. `ingress/IPv4 rules`) to how many.
 */
export function checkQuota(what: string, used: Record<string, number>, inUse: number, limit: number, hint: string): void {
  for (const [counted, n] of Object.entries(used)) {
    if (n + inUse > limit) {
      throw new PortcatalogError(`${n} ${counted}${inUse ? ` plus ${inUse} already in use` : ""} exceed ${what} of ${limit}; ${hint}`);
    }
  }
}

/** AWS buckets as `checkQuota` counts them: `ingress/IPv4 rules`, … */
export const bucketRules = (used: Record<string, number>) => Object.fromEntries(Object.entries(used).map(([b, n]) => [`${b} rules`, n]));

export function groupReport(name: string, rules: PlannedRule<pulumi.Input<string>>[]): ComponentReport["groups"][number] {
  return { name, rules, usage: usage(rules) };
}

// Kept beside the component rather than on it: a public non-Output property would become part of
// the component package's schema.
const reports = new WeakMap<pulumi.ComponentResource, ComponentReport>();

/** What a portcatalog component planned: groups, rules, entries left out, conflicts, quota. */
export function reportOf(component: pulumi.ComponentResource): ComponentReport {
  const report = reports.get(component);
  if (!report) throw new Error(`${component.constructor.name} is not a portcatalog component`);
  return report;
}

/** Outputs of the components that create their own groups. */
export interface GroupOutputs extends RuleOutputs {
  securityGroupIds: pulumi.Output<string[]>;
  primarySecurityGroupId: pulumi.Output<string>;
}

/**
 * Creates the report's groups (primary first, spill-over after) with their rules, both clouds alike:
 * `makeGroup` builds one provider group (`position` 1 is the primary), `registerRules` its rules.
 * A group's inputs never depend on how many groups there are, so spilling never replaces one.
 */
export function createGroups(
  component: pulumi.ComponentResource,
  report: ComponentReport,
  makeGroup: (name: string, position: number, opts: pulumi.CustomResourceOptions) => pulumi.CustomResource,
  registerRules: (groupId: pulumi.Output<string>, rules: PlannedRule<pulumi.Input<string>>[]) => void,
): GroupOutputs {
  let primary: pulumi.CustomResource | undefined;
  const groups = report.groups.map((g, i) => {
    // Spill-over groups are children of the primary group, so their URNs can never equal the
    // primary group of another component that happens to be named `<name>-2`.
    // Version 0.1 parented spill-over groups to the component: the alias keeps them from being replaced.
    const group = makeGroup(g.name, i + 1, primary ? { parent: primary, aliases: [{ parent: component }] } : { parent: component });
    primary ??= group;
    registerRules(group.id, g.rules);
    return group;
  });
  return { ...publishReport(component, report), securityGroupIds: pulumi.all(groups.map((g) => g.id)), primarySecurityGroupId: groups[0].id };
}

/** Default group description: the products it serves, cut to the 255 characters both clouds allow. */
export function productsDescription(products: readonly { product: string }[]): string {
  const text = `portcatalog: ${[...new Set(products.map((p) => p.product))].join(", ")}`;
  return text.length <= 255 ? text : `${text.slice(0, 252)}...`;
}

/** Outputs every portcatalog component has. */
export interface RuleOutputs {
  ruleCount: pulumi.Output<number>;
  ruleKeys: pulumi.Output<string[]>;
}

/**
 * Records the report, surfaces the plan's notes (admin ports left closed, conflicts, facts that
 * cannot be rules) as Pulumi warnings on the component, and returns the rule outputs.
 */
export function publishReport(component: pulumi.ComponentResource, report: ComponentReport): RuleOutputs {
  reports.set(component, report);
  for (const warning of report.plan.warnings) pulumi.log.warn(warning, component);
  const rules = report.groups.flatMap((g) => g.rules);
  return { ruleCount: pulumi.output(rules.length), ruleKeys: pulumi.output(rules.map((r) => r.key)) };
}

/**
 * A named CIDR's value, checked when it resolves: the planner could not see it, so a value of the
 * wrong family, with host bits or not a CIDR at all fails that rule's registration with the name.
 */
export function checkedCidr(key: string, peer: { name: string; cidr: pulumi.Input<string>; ethertype: Ethertype }): pulumi.Output<string> {
  return pulumi.output(peer.cidr).apply((cidr) => {
    const field = peer.ethertype === "IPv4" ? "namedCidrIpv4" : "namedCidrIpv6";
    const [resolved] = resolvePeerSet(`rule ${key}: ${field} "${peer.name}"`, { [peer.ethertype === "IPv4" ? "cidrIpv4" : "cidrIpv6"]: [cidr] });
    return (resolved as { cidr: string }).cidr;
  });
}
