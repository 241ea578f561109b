import * as pulumi from "@pulumi/pulumi";
import { splitIntoGroups, usage } from "../../planner/index.js";
import type { ComponentClass } from "../base.js";
import { checkArgs } from "../args.js";
import { bucketRules, checkQuota, EXISTING_GROUP, createGroups, type GroupOutputs, groupReport, groupResourceName, productsDescription, publishReport, typeToken } from "../base.js";
import { aws } from "../providers.js";
import { beforeRegistering, checkAndPlan, type ComponentReport, type ProductSelectionArgs, type RuleSelectionArgs } from "../selection.js";
import { checkGroupNames } from "../args.js";
import { AWS_PROFILE, AWS_RULES_PER_GROUP } from "./profile.js";
import { registerAwsRules } from "./rules.js";
import { createDeployment, deploymentRoles, roleDescription } from "../deployment.js";

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

/** Arguments of {@link CatalogSecurityGroup}. */
export interface CatalogSecurityGroupArgs extends AwsSecurityGroupOptionsArgs {
  /** The products to open, e.g. `[{ product: "anbox-cloud/appliance" }]`. */
  products: ProductSelectionArgs[];
}

/** Creates AWS security group(s) for any catalog selection; attach every group in `securityGroupIds`. */
export class CatalogSecurityGroup extends pulumi.ComponentResource {
  /** Every group the component created, primary first; attach them all. */
  readonly securityGroupIds!: pulumi.Output<string[]>;
  /** The first group: the one to reference from other groups' rules. */
  readonly primarySecurityGroupId!: pulumi.Output<string>;
  /** Number of provider rules created. */
  readonly ruleCount!: pulumi.Output<number>;
  /** Stable keys of the rules, in group order. */
  readonly ruleKeys!: pulumi.Output<string[]>;

  constructor(name: string, args: CatalogSecurityGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    const planned = planAwsGroups("CatalogSecurityGroup", name, args, (a) => a.products);
    super(typeToken("CatalogSecurityGroup"), name, {}, opts);
    const outputs = createAwsGroups(this, planned);
    Object.assign(this, outputs);
    this.registerOutputs(outputs);
  }
}

/** Arguments of {@link CatalogSecurityGroupRules}. */
export interface CatalogSecurityGroupRulesArgs extends RuleSelectionArgs {
  /** The existing group the rules go into; `self` peers mean this group. */
  securityGroupId: pulumi.Input<string>;
  /** The products to open. */
  products: ProductSelectionArgs[];
  /** Rules the group may hold per direction and address family; AWS's default quota is 60. */
  rulesPerGroup?: number;
  /** Rules the group already holds per direction and family (counted against the quota). Default 0. */
  existingRules?: number;
}

/**
 * Adds a selection's rules to an existing AWS security group. It cannot spill, so it fails at
 * construction, with the numbers, when the rules would exceed the group's quota.
 */
export class CatalogSecurityGroupRules extends pulumi.ComponentResource {
  /** Number of provider rules created. */
  readonly ruleCount!: pulumi.Output<number>;
  /** Stable keys of the rules. */
  readonly ruleKeys!: pulumi.Output<string[]>;

  constructor(name: string, args: CatalogSecurityGroupRulesArgs, opts?: pulumi.ComponentResourceOptions) {
    const type = "CatalogSecurityGroupRules";
    const { args: checked, plan } = checkAndPlan(type, name, AWS_PROFILE, args, (a) => a.products);
    const limit = checked.rulesPerGroup ?? AWS_RULES_PER_GROUP;
    const inUse = checked.existingRules ?? 0;
    beforeRegistering(type, name, () =>
      checkQuota("AWS's rules per security group", bucketRules(usage(plan.rules)), inUse, limit, "narrow the selection, or use CatalogSecurityGroup, which spills into extra groups"),
    );
    super(typeToken(type), name, {}, opts);
    registerAwsRules(this, name, checked.securityGroupId, plan.rules);
    const outputs = publishReport(this, { component: type, name, cloud: "aws", groups: [groupReport(EXISTING_GROUP, plan.rules)], plan, quota: { scope: "group", limit, inUse, providerDefaults: 0 } });
    Object.assign(this, outputs);
    this.registerOutputs(outputs);
  }
}

/** Arguments of {@link CatalogDeploymentSecurityGroups}. */
export interface CatalogDeploymentSecurityGroupsArgs extends AwsSecurityGroupOptionsArgs {
  /** The products the deployment runs, e.g. `[{ product: "openstack/cloud", release: "2025.2" }]`. */
  products: ProductSelectionArgs[];
  /** The deployment's roles, each given its own group named by its role (e.g. `["controller", "compute"]`). */
  roles: string[];
}

/**
 * One AWS security group per role of a deployment, each port open only to the roles the catalog's
 * flows say connect to it (see `role` on the single-group components); ports whose flows are unknown
 * keep their audiences. Attach each role's groups (`allSecurityGroupIds[role]`) to its instances.
 */
export class CatalogDeploymentSecurityGroups extends pulumi.ComponentResource {
  /** Each role's first group, by role: the one other groups' rules reference. */
  readonly securityGroupIds!: pulumi.Output<Record<string, string>>;
  /** Every group of each role, first group first; attach them all to that role's instances. */
  readonly allSecurityGroupIds!: pulumi.Output<Record<string, string[]>>;
  /** Number of provider rules created. */
  readonly ruleCount!: pulumi.Output<number>;
  /** Stable keys of the rules, role by role. */
  readonly ruleKeys!: pulumi.Output<string[]>;

  constructor(name: string, args: CatalogDeploymentSecurityGroupsArgs, opts?: pulumi.ComponentResourceOptions) {
    const type = "CatalogDeploymentSecurityGroups";
    const checked = checkArgs(type, name, args) as typeof args;
    const roles = deploymentRoles(type, name, checked.roles, checked.role, checked.roleGroups);
    const plans = roles.map(({ role, roleGroups }) => {
      const planned = planAwsGroups(type, `${name}-${role}`, { ...checked, role, roleGroups }, (a) => a.products);
      return { role, report: planned.report, description: roleDescription(planned.description, role), args: planned.args };
    });
    super(typeToken(type), name, {}, opts);
    const sdk = aws();
    const outputs = createDeployment(
      this,
      type,
      name,
      plans,
      (plan, groupName, position, groupOpts) => {
        const { args: a } = plans.find((p) => p.role === plan.role) as (typeof plans)[number];
        const tags = { ...a.tags, "portcatalog:component": name, "portcatalog:role": plan.role, "portcatalog:group": String(position) };
        return new sdk.ec2.SecurityGroup(groupName, { vpcId: a.vpcId, description: plan.description, revokeRulesOnDelete: true, tags }, groupOpts);
      },
      (plan, groupName, groupId, rules) => registerAwsRules(this, plan.report.name, groupId, rules),
    );
    Object.assign(this, outputs);
    this.registerOutputs(outputs);
  }
}
