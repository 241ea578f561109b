import * as pulumi from "@pulumi/pulumi";
import { PortcatalogError } from "../../catalog/errors.js";
import { type ListRule, planListRules } from "../../planner/lists.js";
import type { Plan } from "../../planner/plan.js";
import { showValue } from "../../planner/validate.js";
import { type ComponentClass, typeToken } from "../base.js";
import { azureNative } from "../providers.js";
import { beforeRegistering, checkAndPlan, type ProductSelectionArgs, type RuleSelectionArgs } from "../selection.js";
import { type Wso2ProductArgs, wso2Selections } from "../wso2.js";
import { AZURE_PROFILE, AZURE_RULE_SHAPE } from "./profile.js";
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

// One report per NSG: a deployment component plans one NSG per role.
const reports = new WeakMap<pulumi.ComponentResource, AzureReport[]>();

/** What an Azure portcatalog component planned; a deployment component has one report per role (see {@link azureReportsOf}). */
export function azureReportOf(component: pulumi.ComponentResource): AzureReport {
  const all = azureReportsOf(component);
  if (all.length !== 1) throw new Error(`${component.constructor.name} plans ${all.length} network security groups, one per role: read azureReportsOf`);
  return all[0];
}

/** What an Azure portcatalog component planned, one report per network security group it fills. */
export function azureReportsOf(component: pulumi.ComponentResource): AzureReport[] {
  const all = reports.get(component);
  if (!all) throw new Error(`${component.constructor.name} is not a portcatalog Azure component`);
  return all;
}

/** Records a component's reports and surfaces their warnings once each, on the component. */
export function recordAzureReports(component: pulumi.ComponentResource, all: AzureReport[]): void {
  reports.set(component, all);
  for (const warning of new Set(all.flatMap((r) => r.plan.warnings))) pulumi.log.warn(warning, component);
}

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
): { args: A; report: AzureReport } {
  const { args, plan } = checkAndPlan(type, name, AZURE_PROFILE, rawArgs, productsOf);
  beforeRegistering(type, name, () => checkOwnGroup(args.applicationSecurityGroupId, args.roleGroups));
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

/**
 * The members' own ASG is `self`: named again as another role's group, that role's flows would open
 * these ports to this role's machines too (a group holds one role).
 */
function checkOwnGroup(own: pulumi.Input<string> | undefined, roleGroups: RuleSelectionArgs["roleGroups"]): void {
  if (own === undefined) return;
  for (const [role, id] of Object.entries(roleGroups ?? {})) {
    if (id === own) throw new PortcatalogError(`args.roleGroups.${role}: ${showValue(id)} is args.applicationSecurityGroupId, this group's own machines: a group holds one role, so give role "${role}" its own application security group`);
  }
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

/** Arguments of {@link CatalogNetworkSecurityGroup}. */
export interface CatalogNetworkSecurityGroupArgs extends AzureNetworkSecurityGroupOptionsArgs {
  /** The products to open, e.g. `[{ product: "anbox-cloud/appliance" }]`. */
  products: ProductSelectionArgs[];
}

/**
 * Creates an Azure network security group and an application security group for its members for any
 * catalog selection: attach the NSG to the members' NICs or subnet and put their NICs in the ASG.
 */
export class CatalogNetworkSecurityGroup extends pulumi.ComponentResource {
  /** The network security group. */
  readonly networkSecurityGroupId!: pulumi.Output<string>;
  /** The network security group's Azure name. */
  readonly networkSecurityGroupName!: pulumi.Output<string>;
  /** The application security group of the members: the rules' other end, and what `self` means. */
  readonly applicationSecurityGroupId!: pulumi.Output<string>;
  /** Number of catalog rules created (the closing rules not counted). */
  readonly ruleCount!: pulumi.Output<number>;
  /** Stable keys of the rules. */
  readonly ruleKeys!: pulumi.Output<string[]>;
  /** Each rule's priority, by key. */
  readonly rulePriorities!: pulumi.Output<{ [key: string]: number }>;

  constructor(name: string, args: CatalogNetworkSecurityGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    const { args: checked, report } = planAzure("CatalogNetworkSecurityGroup", name, args, (a) => a.products);
    super(typeToken("CatalogNetworkSecurityGroup"), name, {}, opts);
    const outputs = createAzureGroup(this, checked, report);
    Object.assign(this, outputs);
    this.registerOutputs(outputs);
  }
}

/** Arguments of {@link CatalogNetworkSecurityRules}. */
export interface CatalogNetworkSecurityRulesArgs extends AzureRuleOptionsArgs {
  /** The existing network security group's name. */
  networkSecurityGroupName: pulumi.Input<string>;
  /** The application security group of the machines the rules serve: the rules' other end and what `self` means. Unset: `*`, and no `self` peers. */
  applicationSecurityGroupId?: pulumi.Input<string>;
  /** The products to open. */
  products: ProductSelectionArgs[];
  /** Priorities the NSG's other rules hold (either direction): planned rules never take them. */
  usedPriorities?: number[];
}

/** Adds a selection's rules to an existing Azure network security group. */
export class CatalogNetworkSecurityRules extends pulumi.ComponentResource {
  /** Number of catalog rules created (the closing rules not counted). */
  readonly ruleCount!: pulumi.Output<number>;
  /** Stable keys of the rules. */
  readonly ruleKeys!: pulumi.Output<string[]>;
  /** Each rule's priority, by key. */
  readonly rulePriorities!: pulumi.Output<{ [key: string]: number }>;

  constructor(name: string, args: CatalogNetworkSecurityRulesArgs, opts?: pulumi.ComponentResourceOptions) {
    const type = "CatalogNetworkSecurityRules";
    const { args: checked, report } = planAzure(type, name, args, (a) => a.products, (a) => a.usedPriorities ?? []);
    const target: AzureTarget = { resourceGroupName: checked.resourceGroupName, networkSecurityGroupName: checked.networkSecurityGroupName, membersId: checked.applicationSecurityGroupId };
    beforeRegistering(type, name, () => {
      const self = report.rules.find((r) => r.peers.some((p) => p.kind === "self"));
      if (self && target.membersId === undefined) {
        throw new PortcatalogError(`rule ${self.key} is open to the group's own machines (self): give applicationSecurityGroupId, or sources for its audience`);
      }
    });
    super(typeToken(type), name, {}, opts);
    registerAzureRules(this, name, target, report.rules, report.closing);
    const outputs = publish(this, report);
    Object.assign(this, outputs);
    this.registerOutputs(outputs);
  }
}

/** Arguments of {@link AnboxApplianceNetworkSecurityGroup}. */
export interface AnboxApplianceNetworkSecurityGroupArgs extends AzureNetworkSecurityGroupOptionsArgs {
  /** The Anbox Cloud release, e.g. `1.30`. Default: the newest the catalog has; pin it. */
  release?: string;
}

/** The Anbox Cloud Appliance's ports on Azure: 443 for the UI and API, plus instance services and TURN when their features are on. */
export class AnboxApplianceNetworkSecurityGroup extends pulumi.ComponentResource {
  /** The network security group. */
  readonly networkSecurityGroupId!: pulumi.Output<string>;
  /** The network security group's Azure name. */
  readonly networkSecurityGroupName!: pulumi.Output<string>;
  /** The application security group of the members: the rules' other end, and what `self` means. */
  readonly applicationSecurityGroupId!: pulumi.Output<string>;
  /** Number of catalog rules created (the closing rules not counted). */
  readonly ruleCount!: pulumi.Output<number>;
  /** Stable keys of the rules. */
  readonly ruleKeys!: pulumi.Output<string[]>;
  /** Each rule's priority, by key. */
  readonly rulePriorities!: pulumi.Output<{ [key: string]: number }>;

  constructor(name: string, args: AnboxApplianceNetworkSecurityGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    const { args: checked, report } = planAzure("AnboxApplianceNetworkSecurityGroup", name, args, (a) => [{ product: "anbox-cloud/appliance", release: a.release }]);
    super(typeToken("AnboxApplianceNetworkSecurityGroup"), name, {}, opts);
    const outputs = createAzureGroup(this, checked, report);
    Object.assign(this, outputs);
    this.registerOutputs(outputs);
  }
}

/** Arguments of {@link AnboxCloudNetworkSecurityGroup}. */
export interface AnboxCloudNetworkSecurityGroupArgs extends AzureNetworkSecurityGroupOptionsArgs {
  /** Only the ports of these machines: `control`, `lxd`, `streaming`. Default: every machine of the deployment. */
  roles?: string[];
  /** The Anbox Cloud release, e.g. `1.30`. Default: the newest the catalog has; pin it. */
  release?: string;
}

/** The charmed Anbox Cloud deployment's ports on Azure; internal ones open only between the members by default. */
export class AnboxCloudNetworkSecurityGroup extends pulumi.ComponentResource {
  /** The network security group. */
  readonly networkSecurityGroupId!: pulumi.Output<string>;
  /** The network security group's Azure name. */
  readonly networkSecurityGroupName!: pulumi.Output<string>;
  /** The application security group of the members: the rules' other end, and what `self` means. */
  readonly applicationSecurityGroupId!: pulumi.Output<string>;
  /** Number of catalog rules created (the closing rules not counted). */
  readonly ruleCount!: pulumi.Output<number>;
  /** Stable keys of the rules. */
  readonly ruleKeys!: pulumi.Output<string[]>;
  /** Each rule's priority, by key. */
  readonly rulePriorities!: pulumi.Output<{ [key: string]: number }>;

  constructor(name: string, args: AnboxCloudNetworkSecurityGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    const { args: checked, report } = planAzure("AnboxCloudNetworkSecurityGroup", name, args, (a) => [{ product: "anbox-cloud/charmed", roles: a.roles, release: a.release }]);
    super(typeToken("AnboxCloudNetworkSecurityGroup"), name, {}, opts);
    const outputs = createAzureGroup(this, checked, report);
    Object.assign(this, outputs);
    this.registerOutputs(outputs);
  }
}

/** Arguments of {@link Wso2NetworkSecurityGroup}. */
export interface Wso2NetworkSecurityGroupArgs extends AzureNetworkSecurityGroupOptionsArgs {
  /** The WSO2 products on the host, each with its port offset. */
  products: Wso2ProductArgs[];
  /** The API Manager Analytics server's port offset, for ports that follow it. Default 1. */
  analyticsPortOffset?: number;
}

/** WSO2 products (with port offsets) and WSO2's common ports on Azure. */
export class Wso2NetworkSecurityGroup extends pulumi.ComponentResource {
  /** The network security group. */
  readonly networkSecurityGroupId!: pulumi.Output<string>;
  /** The network security group's Azure name. */
  readonly networkSecurityGroupName!: pulumi.Output<string>;
  /** The application security group of the members: the rules' other end, and what `self` means. */
  readonly applicationSecurityGroupId!: pulumi.Output<string>;
  /** Number of catalog rules created (the closing rules not counted). */
  readonly ruleCount!: pulumi.Output<number>;
  /** Stable keys of the rules. */
  readonly ruleKeys!: pulumi.Output<string[]>;
  /** Each rule's priority, by key. */
  readonly rulePriorities!: pulumi.Output<{ [key: string]: number }>;

  constructor(name: string, args: Wso2NetworkSecurityGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    const { args: checked, report } = planAzure("Wso2NetworkSecurityGroup", name, args, (a) => wso2Selections(a.products, a.analyticsPortOffset));
    super(typeToken("Wso2NetworkSecurityGroup"), name, {}, opts);
    const outputs = createAzureGroup(this, checked, report);
    Object.assign(this, outputs);
    this.registerOutputs(outputs);
  }
}
