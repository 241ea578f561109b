import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AWS_RULES_PER_GROUP, splitIntoGroups, usage } from "../../planner/index.js";
import { beforeRegistering, bucketRules, checkQuota, groupReport, groupResourceName, PortcatalogComponentResource } from "../base.js";
import { planComponent, type ProductSelectionArgs, type RuleSelectionArgs } from "../selection.js";
import { registerAwsRules } from "./rules.js";

/** Arguments shared by every AWS component that creates its own security group(s). */
export interface AwsSecurityGroupOptionsArgs extends RuleSelectionArgs {
  /** The VPC the group(s) belong to. */
  vpcId: pulumi.Input<string>;
  /** Group description (ASCII, at most 255 characters). Defaults to the products it serves. */
  description?: string;
  /** Tags for the group(s). */
  tags?: { [key: string]: pulumi.Input<string> };
  /** Rules a group may hold per direction and address family; AWS's default quota is 60. Raise it only after raising the quota. */
  rulesPerGroup?: number;
}

/** Arguments of {@link CatalogSecurityGroup}. */
export interface CatalogSecurityGroupArgs extends AwsSecurityGroupOptionsArgs {
  /** The products to open, e.g. `[{ product: "anbox-cloud/appliance" }]`. */
  products: ProductSelectionArgs[];
}

/**
 * Base of the group-creating AWS components: `aws.ec2.SecurityGroup` without inline rules, plus
 * one `aws.vpc.SecurityGroupIngressRule`/`EgressRule` per planned rule. When the rules exceed the
 * per-group quota they spill into extra groups; attach every group in `securityGroupIds`.
 */
export class AwsSecurityGroupComponent extends PortcatalogComponentResource {
  /** Every group the component created, primary first. */
  readonly securityGroupIds: pulumi.Output<string[]>;
  /** The first group: the one to reference from other groups' rules. */
  readonly primarySecurityGroupId: pulumi.Output<string>;
  /** The groups themselves, primary first. */
  readonly securityGroups: aws.ec2.SecurityGroup[];

  protected constructor(type: string, name: string, products: ProductSelectionArgs[], args: AwsSecurityGroupOptionsArgs, opts?: pulumi.ComponentResourceOptions) {
    // Everything that can fail runs before the component registers, so bad arguments leave nothing behind.
    const plan = planComponent(type, name, "aws", products, args);
    const limit = args.rulesPerGroup ?? AWS_RULES_PER_GROUP;
    const split = beforeRegistering(type, name, () => splitIntoGroups(plan.rules, limit));
    const groups = (split.groups.length ? split.groups : [[]]).map((rules, i) => groupReport(groupResourceName(name, i), rules));
    super(type, name, { component: type, name, cloud: "aws", groups, plan, quota: { scope: "group", limit, inUse: 0, providerDefaults: 0 } }, opts);

    const description = (args.description ?? `portcatalog: ${products.map((p) => p.product).join(", ")}`).slice(0, 255);
    this.securityGroups = groups.map((g, i) => {
      const group = new aws.ec2.SecurityGroup(
        g.name,
        {
          vpcId: args.vpcId,
          description: groups.length > 1 ? `${description.slice(0, 240)} (${i + 1}/${groups.length})` : description,
          revokeRulesOnDelete: true,
          tags: { ...args.tags, "portcatalog:component": name },
        },
        { parent: this },
      );
      registerAwsRules(this, name, group.id, g.rules);
      return group;
    });
    this.securityGroupIds = pulumi.all(this.securityGroups.map((g) => g.id));
    this.primarySecurityGroupId = this.securityGroups[0].id;
    this.registerOutputs({
      securityGroupIds: this.securityGroupIds,
      primarySecurityGroupId: this.primarySecurityGroupId,
      ruleCount: this.ruleCount,
      ruleKeys: this.ruleKeys,
    });
  }
}

/** Creates security group(s) for any catalog selection. */
export class CatalogSecurityGroup extends AwsSecurityGroupComponent {
  constructor(name: string, args: CatalogSecurityGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    super("CatalogSecurityGroup", name, args.products, args, opts);
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
export class CatalogSecurityGroupRules extends PortcatalogComponentResource {
  constructor(name: string, args: CatalogSecurityGroupRulesArgs, opts?: pulumi.ComponentResourceOptions) {
    const type = "CatalogSecurityGroupRules";
    const plan = planComponent(type, name, "aws", args.products, args);
    const limit = args.rulesPerGroup ?? AWS_RULES_PER_GROUP;
    const inUse = args.existingRules ?? 0;
    beforeRegistering(type, name, () =>
      checkQuota("AWS's rules per security group", bucketRules(usage(plan.rules)), inUse, limit, "narrow the selection, or use CatalogSecurityGroup, which spills into extra groups"),
    );
    super(type, name, { component: type, name, cloud: "aws", groups: [groupReport("the existing group", plan.rules)], plan, quota: { scope: "group", limit, inUse, providerDefaults: 0 } }, opts);
    registerAwsRules(this, name, args.securityGroupId, plan.rules);
    this.registerOutputs({ ruleCount: this.ruleCount, ruleKeys: this.ruleKeys });
  }
}
