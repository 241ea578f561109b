import * as pulumi from "@pulumi/pulumi";
import { PortcatalogError } from "../../catalog/errors.js";
import { type ListRule, planListRules } from "../../planner/lists.js";
import type { Plan } from "../../planner/plan.js";
import { showValue } from "../../planner/validate.js";
import { checkAzureNames } from "../args.js";
import type { ComponentClass } from "../base.js";
import { azureNative } from "../providers.js";
import { beforeRegistering, checkAndPlan, checkOwnGroup, type ProductSelectionArgs, type RuleSelectionArgs } from "../selection.js";
import { AZURE_PROFILE, AZURE_RULE_SHAPE } from "./profile.js";
import { recordAzureReports } from "./report.js";
import { type AzureTarget, CLOSING_WARNING, registerAzureRules } from "./rules.js";

type Id = pulumi.Input<string>;

/** Arguments every Azure component takes. */
export interface AzureRuleOptionsArgs extends RuleSelectionArgs {
  /** The resource group of the network security group. */
  resourceGroupName: pulumi.Input<string>;
  /**
   * Priorities to pin, by rule key (see `ruleKeys`), each 100-4094. Unpinned rules take a priority
   * derived from their key alone; pin one when planning says two rules would share a priority.
   */
  priorities?: { [key: string]: number };
  /**
   * Keep Azure's default `AllowVnetInBound`, which admits every machine of the virtual network. Default
   * false: an AzureLoadBalancer allow (4095) and a VirtualNetwork deny (4096) close it inbound.
   */
  keepVirtualNetworkDefault?: boolean;
}

/** Arguments shared by the Azure components that create their own network security group. */
export interface AzureNetworkSecurityGroupOptionsArgs extends AzureRuleOptionsArgs {
  /** The Azure region. Default: the resource group's. */
  location?: pulumi.Input<string>;
  /** Tags for the network security group and the application security group. */
  tags?: { [key: string]: pulumi.Input<string> };
}

/** What an Azure component planned: the planner's rules and the Azure rules made of them. */
export interface AzureReport {
  component: string;
  name: string;
  cloud: "azure";
  plan: Plan<Id>;
  rules: ListRule<Id>[];
  /** Whether the AzureLoadBalancer allow and VirtualNetwork deny are added. */
  closing: boolean;
}

export { azureReportOf, azureReportsOf, recordAzureReports } from "./report.js";

/** What planAzure reads besides the selection; a deployment's `priorities` are per role, so `pinsOf` picks them. */
type AzurePlanArgs = RuleSelectionArgs & { keepVirtualNetworkDefault?: boolean; applicationSecurityGroupId?: pulumi.Input<string> };

/** Checks the arguments and plans Azure's rules, all before the component registers. */
export function planAzure<A extends AzurePlanArgs>(
  type: ComponentClass,
  name: string,
  rawArgs: A,
  productsOf: (args: A) => ProductSelectionArgs[],
  usedPriorities: (args: A) => number[] = () => [],
  pinsOf: (args: A) => Record<string, number> = (a) => (a as { priorities?: Record<string, number> }).priorities ?? {},
  createsGroup = true,
): { args: A; report: AzureReport } {
  const { args, plan } = checkAndPlan(type, name, AZURE_PROFILE, rawArgs, productsOf);
  // The NSG and ASG it creates are named after it: Azure's limits, before anything registers.
  if (createsGroup) beforeRegistering(type, name, () => checkAzureNames(name));
  beforeRegistering(type, name, () => checkOwnGroup("applicationSecurityGroupId", args.applicationSecurityGroupId, args.roleGroups, "application security group"));
  const closing = !args.keepVirtualNetworkDefault;
  const used = usedPriorities(args);
  const rules = beforeRegistering(type, name, () => {
    if (closing) {
      const top = AZURE_RULE_SHAPE.priorityMax;
      const clash = used.filter((p) => p >= top - 1);
      if (clash.length) throw new PortcatalogError(`usedPriorities: ${clash.join(", ")} are where the VirtualNetwork closing rules go; move those rules or set keepVirtualNetworkDefault: true`);
    }
    return planListRules(plan.rules, AZURE_RULE_SHAPE, pinsOf(args), used);
  });
  if (closing) plan.warnings.push(CLOSING_WARNING);
  return { args, report: { component: type, name, cloud: "azure", plan, rules, closing } };
}

/** Outputs every Azure component has. */
export interface AzureRuleOutputs {
  ruleCount: pulumi.Output<number>;
  ruleKeys: pulumi.Output<string[]>;
  rulePriorities: pulumi.Output<{ [key: string]: number }>;
}

function publish(component: pulumi.ComponentResource, report: AzureReport): AzureRuleOutputs {
  recordAzureReports(component, [report]);
  return {
    ruleCount: pulumi.output(report.rules.length),
    ruleKeys: pulumi.output(report.rules.map((r) => r.key)),
    rulePriorities: pulumi.output(Object.fromEntries(report.rules.map((r) => [r.key, r.priority]))),
  };
}

/** Outputs of the components that create the NSG. */
export interface AzureGroupOutputs extends AzureRuleOutputs {
  networkSecurityGroupId: pulumi.Output<string>;
  networkSecurityGroupName: pulumi.Output<string>;
  applicationSecurityGroupId: pulumi.Output<string>;
}

/**
 * A `NetworkSecurityGroup` with no inline rules (inline and standalone rules fight), an
 * `ApplicationSecurityGroup` for its members, and one `SecurityRule` per planned rule.
 */
export function createAzureGroup(component: pulumi.ComponentResource, args: AzureNetworkSecurityGroupOptionsArgs, report: AzureReport): AzureGroupOutputs {
  const { nsg, members, target } = createAzureNsg(component, report.name, args, { "portcatalog:component": report.name });
  registerAzureRules(component, report.name, target, report.rules, report.closing);
  return { ...publish(component, report), networkSecurityGroupId: nsg.id, networkSecurityGroupName: nsg.name, applicationSecurityGroupId: members.id };
}

/** The NSG (no inline rules) and its members' ASG, named `<name>` and `<name>-members`, and the target their rules go to. */
/** @internal */
export function createAzureNsg(
  component: pulumi.ComponentResource,
  name: string,
  args: Pick<AzureNetworkSecurityGroupOptionsArgs, "resourceGroupName" | "location" | "tags">,
  libraryTags: Record<string, string>,
): { nsg: pulumi.CustomResource & { name: pulumi.Output<string> }; members: pulumi.CustomResource; target: AzureTarget } {
  const sdk = azureNative();
  const placement = { resourceGroupName: args.resourceGroupName, ...(args.location === undefined ? {} : { location: args.location }), tags: { ...args.tags, ...libraryTags } };
  const nsg = new sdk.network.NetworkSecurityGroup(name, placement, { parent: component });
  const members = new sdk.network.ApplicationSecurityGroup(`${name}-members`, placement, { parent: component });
  return { nsg, members, target: { resourceGroupName: args.resourceGroupName, networkSecurityGroupName: nsg.name, membersId: members.id } };
}

/** What the rules-only Azure components take besides the rule options: the NSG, its members' ASG and the priorities its other rules hold. */
export interface AzureExistingGroupArgs extends AzureRuleOptionsArgs {
  networkSecurityGroupName: pulumi.Input<string>;
  applicationSecurityGroupId?: pulumi.Input<string>;
  usedPriorities?: number[];
}

/** A checked plan of an Azure rules-only component, ready to register. */
export interface AzureRulesPlan {
  report: AzureReport;
  args: AzureExistingGroupArgs;
}

const existingTarget = (args: AzureExistingGroupArgs): AzureTarget => ({ resourceGroupName: args.resourceGroupName, networkSecurityGroupName: args.networkSecurityGroupName, membersId: args.applicationSecurityGroupId });

/**
 * Checks the arguments and plans the rules around the NSG's other priorities before the component
 * registers; `self` peers need the members' application security group.
 */
export function planAzureRules<A extends AzureExistingGroupArgs>(type: ComponentClass, name: string, rawArgs: A, productsOf: (args: A) => ProductSelectionArgs[]): AzureRulesPlan {
  const { args, report } = planAzure(type, name, rawArgs, productsOf, (a) => a.usedPriorities ?? [], undefined, false);
  beforeRegistering(type, name, () => {
    const self = report.rules.find((r) => r.peers.some((p) => p.kind === "self"));
    if (self && existingTarget(args).membersId === undefined) {
      throw new PortcatalogError(`rule ${self.key} is open to the group's own machines (self): give applicationSecurityGroupId, or sources for its audience`);
    }
  });
  return { report, args };
}

/** One `SecurityRule` per planned rule (and the closing rules), in the NSG the user gave. */
export function createAzureRules(component: pulumi.ComponentResource, { report, args }: AzureRulesPlan): AzureRuleOutputs {
  registerAzureRules(component, report.name, existingTarget(args), report.rules, report.closing);
  return publish(component, report);
}
