import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AWS_RULES_PER_GROUP, splitIntoGroups, usage } from "../../planner/index.js";
import { bucketRules, checkQuota, createGroups, type GroupOutputs, groupReport, groupResourceName, productsDescription, publishReport, typeToken } from "../base.js";
import { beforeRegistering, type ComponentReport, planComponent, type ProductSelectionArgs, type RuleSelectionArgs } from "../selection.js";
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
  /** Allow all outbound traffic (every protocol to 0.0.0.0/0 and ::/0), as AWS gives groups made in its console. Default false: the catalog's egress only. */
  allowAllEgress?: boolean;
}

/** Plans and checks everything before the component registers, so bad arguments leave nothing behind. */
export function planAwsGroups(type: string, name: string, products: ProductSelectionArgs[], args: AwsSecurityGroupOptionsArgs): ComponentReport {
  const plan = planComponent(type, name, "aws", products, args, { allowAllEgress: args.allowAllEgress });
  const limit = args.rulesPerGroup ?? AWS_RULES_PER_GROUP;
  const split = beforeRegistering(type, name, () => splitIntoGroups(plan.rules, limit));
  const groups = (split.groups.length ? split.groups : [[]]).map((rules, i) => groupReport(groupResourceName(name, i), rules));
  return { component: type, name, cloud: "aws", groups, plan, quota: { scope: "group", limit, inUse: 0, providerDefaults: 0 } };
}

/**
 * `aws.ec2.SecurityGroup` without inline rules, plus one `aws.vpc.SecurityGroupIngressRule`/
 * `EgressRule` per planned rule; rules past the per-group quota spill into extra groups.
 */
export function createAwsGroups(component: pulumi.ComponentResource, report: ComponentReport, products: ProductSelectionArgs[], args: AwsSecurityGroupOptionsArgs): GroupOutputs {
  // AWS descriptions are at most 255 characters; leave room for the "(2/3)" of a split.
  const description = (args.description ?? productsDescription(products)).slice(0, 240);
  return createGroups(
    component,
    report,
    description,
    (name, text) =>
      new aws.ec2.SecurityGroup(name, { vpcId: args.vpcId, description: text, revokeRulesOnDelete: true, tags: { ...args.tags, "portcatalog:component": report.name } }, { parent: component }),
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
    const report = planAwsGroups("CatalogSecurityGroup", name, args.products, args);
    super(typeToken("CatalogSecurityGroup"), name, {}, opts);
    const outputs = createAwsGroups(this, report, args.products, args);
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
    const plan = planComponent(type, name, "aws", args.products, args);
    const limit = args.rulesPerGroup ?? AWS_RULES_PER_GROUP;
    const inUse = args.existingRules ?? 0;
    beforeRegistering(type, name, () =>
      checkQuota("AWS's rules per security group", bucketRules(usage(plan.rules)), inUse, limit, "narrow the selection, or use CatalogSecurityGroup, which spills into extra groups"),
    );
    super(typeToken(type), name, {}, opts);
    registerAwsRules(this, name, args.securityGroupId, plan.rules);
    const outputs = publishReport(this, { component: type, name, cloud: "aws", groups: [groupReport("the existing group", plan.rules)], plan, quota: { scope: "group", limit, inUse, providerDefaults: 0 } });
    Object.assign(this, outputs);
    this.registerOutputs(outputs);
  }
}
