import * as pulumi from "@pulumi/pulumi";
import { splitIntoGroups, usage } from "../../planner/index.js";
import type { ComponentClass } from "../base.js";
import { checkGroupNames } from "../args.js";
import { bucketRules, checkQuota, EXISTING_GROUP, createGroups, type GroupOutputs, groupReport, groupResourceName, productsDescription, publishReport, type RuleOutputs } from "../base.js";
import { aws } from "../providers.js";
import { beforeRegistering, checkAndPlan, checkOwnGroup, type ComponentReport, type ProductSelectionArgs, type RuleSelectionArgs } from "../selection.js";
import { AWS_PROFILE, AWS_RULES_PER_GROUP } from "./profile.js";
import { registerAwsRules } from "./rules.js";
import { createDeployment, type DeploymentOutputs, type DeploymentPlan, planDeployment } from "../deployment.js";

/** Arguments shared by every AWS component that creates its own security group(s). */
export interface AwsSecurityGroupOptionsArgs extends RuleSelectionArgs {
  /** The VPC the group(s) belong to. */
  vpcId: pulumi.Input<string>;
  /** Group description: at most 255 characters of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$* (AWS cannot change it later). Defaults to the products it serves. */
  description?: string;
  /** Tags for the group(s). */
  tags?: { [key: string]: pulumi.Input<string> };
  /** Rules a group may hold per direction and address family; AWS's default quota is 60. Raise it only after raising the quota. */
  rulesPerGroup?: number;
  /**
   * Allow all outbound traffic (every protocol to 0.0.0.0/0 and ::/0), as the AWS console, the AWS CDK and
   * terraform-aws-modules give new groups. Default true; false keeps only the catalog's egress rules.
   */
  allowAllEgress?: boolean;
}

/** AWS attaches at most 5 security groups to a network interface unless the quota is raised. */
const AWS_GROUPS_PER_INTERFACE = 5;

/** A checked plan of an AWS group-creating component, ready to register. */
export interface AwsGroupsPlan {
  report: ComponentReport;
  args: AwsSecurityGroupOptionsArgs;
  description: string;
}

/**
 * Checks the arguments, plans and checks quotas before the component registers, so bad arguments
 * leave nothing behind. `productsOf` reads the products from the checked arguments.
 */
export function planAwsGroups<A extends AwsSecurityGroupOptionsArgs>(type: ComponentClass, name: string, rawArgs: A, productsOf: (args: A) => ProductSelectionArgs[]): AwsGroupsPlan {
  const { args, products, plan } = checkAndPlan(type, name, AWS_PROFILE, rawArgs, productsOf, (a) => ({ allowAllEgress: a.allowAllEgress ?? true }));
  const limit = args.rulesPerGroup ?? AWS_RULES_PER_GROUP;
  const split = beforeRegistering(type, name, () => splitIntoGroups(plan.rules, limit));
  const groups = (split.groups.length ? split.groups : [[]]).map((rules, i) => groupReport(groupResourceName(name, i), rules));
  beforeRegistering(type, name, () => checkGroupNames("aws", name, groups.length));
  if (groups.length > AWS_GROUPS_PER_INTERFACE) {
    plan.warnings.push(
      `${groups.length} security groups needed, more than the ${AWS_GROUPS_PER_INTERFACE} AWS attaches to one network interface by default: raise the "Security groups per network interface" quota (and rulesPerGroup with the rules quota), or narrow the selection`,
    );
  }
  const report: ComponentReport = { component: type, name, cloud: "aws", groups, plan, quota: { scope: "group", limit, inUse: 0, providerDefaults: 0 } };
  return { report, args, description: args.description ?? productsDescription(products) };
}

/**
 * `aws.ec2.SecurityGroup` without inline rules, plus one `aws.vpc.SecurityGroupIngressRule`/
 * `EgressRule` per planned rule; rules past the per-group quota spill into extra groups.
 */
export function createAwsGroups(component: pulumi.ComponentResource, { report, args, description }: AwsGroupsPlan): GroupOutputs {
  const sdk = aws();
  return createGroups(
    component,
    report,
    (name, position, opts) =>
      new sdk.ec2.SecurityGroup(
        name,
        // The position is a tag, not part of the description: AWS replaces a group whose description changes.
        { vpcId: args.vpcId, description, revokeRulesOnDelete: true, tags: { ...args.tags, "portcatalog:component": report.name, "portcatalog:group": String(position) } },
        opts,
      ),
    (groupId, rules) => registerAwsRules(component, report.name, groupId, rules),
  );
}

/** What the rules-only AWS components take besides the rule selection: the group and its quota. */
export interface AwsExistingGroupArgs extends RuleSelectionArgs {
  securityGroupId: pulumi.Input<string>;
  rulesPerGroup?: number;
  existingRules?: number;
}

/** A checked plan of an AWS rules-only component, ready to register. */
export interface AwsRulesPlan {
  report: ComponentReport;
  securityGroupId: pulumi.Input<string>;
}

/**
 * Checks the arguments, plans and checks the existing group's quota before the component registers.
 * A rules-only component cannot spill, so it fails with the numbers when the rules would not fit.
 */
export function planAwsRules<A extends AwsExistingGroupArgs>(type: ComponentClass, name: string, rawArgs: A, productsOf: (args: A) => ProductSelectionArgs[]): AwsRulesPlan {
  const { args, plan } = checkAndPlan(type, name, AWS_PROFILE, rawArgs, productsOf);
  const limit = args.rulesPerGroup ?? AWS_RULES_PER_GROUP;
  const inUse = args.existingRules ?? 0;
  beforeRegistering(type, name, () => checkOwnGroup("securityGroupId", args.securityGroupId, args.roleGroups, "security group"));
  beforeRegistering(type, name, () =>
    checkQuota("AWS's rules per security group", bucketRules(usage(plan.rules)), inUse, limit, "narrow the selection, or use CatalogSecurityGroup, which spills into extra groups"),
  );
  const report: ComponentReport = { component: type, name, cloud: "aws", groups: [groupReport(EXISTING_GROUP, plan.rules)], plan, quota: { scope: "group", limit, inUse, providerDefaults: 0 } };
  return { report, securityGroupId: args.securityGroupId };
}

/** One `aws.vpc.SecurityGroupIngressRule`/`EgressRule` per planned rule, in the group the user gave. */
export function createAwsRules(component: pulumi.ComponentResource, { report, securityGroupId }: AwsRulesPlan): RuleOutputs {
  registerAwsRules(component, report.name, securityGroupId, report.groups[0].rules);
  return publishReport(component, report);
}

/** What a deployment component takes besides a group's options: the roles, each given its own group(s). */
export interface AwsDeploymentArgs extends AwsSecurityGroupOptionsArgs {
  roles: string[];
}

/** Checks the arguments and plans each role's groups (quotas included) before the component registers. */
export function planAwsDeployment<A extends AwsDeploymentArgs>(type: ComponentClass, name: string, rawArgs: A, productsOf: (args: A) => ProductSelectionArgs[]): DeploymentPlan<AwsSecurityGroupOptionsArgs> {
  return planDeployment(type, name, rawArgs, (roleName, args) => planAwsGroups(type, roleName, args, productsOf));
}

/** Every role's groups, then their rules (see `createDeployment`), tagged with the role. */
export function createAwsDeployment(component: pulumi.ComponentResource, { type, name, plans }: DeploymentPlan<AwsSecurityGroupOptionsArgs>): DeploymentOutputs {
  const sdk = aws();
  return createDeployment(
    component,
    type,
    name,
    plans,
    ({ role, description, args }, groupName, position, groupOpts) => {
      const tags = { ...args.tags, "portcatalog:component": name, "portcatalog:role": role, "portcatalog:group": String(position) };
      return new sdk.ec2.SecurityGroup(groupName, { vpcId: args.vpcId, description, revokeRulesOnDelete: true, tags }, groupOpts);
    },
    (plan, groupName, groupId, rules) => registerAwsRules(component, plan.report.name, groupId, rules),
  );
}
