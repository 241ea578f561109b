import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { PortcatalogError } from "../../catalog/errors.js";
import { countEveryRule, NEUTRON_RULES_PER_PROJECT, type PlannedRule, splitIntoGroups } from "../../planner/index.js";
import { beforeRegistering, checkQuota, groupReport, groupResourceName, PortcatalogComponentResource } from "../base.js";
import { planComponent, type ProductSelectionArgs, type RuleSelectionArgs } from "../selection.js";
import { registerOpenStackRules } from "./rules.js";

/** Neutron adds an allow-all egress rule per family to every new group unless they are deleted. */
const NEUTRON_DEFAULT_RULES = 2;

/** Arguments shared by the OpenStack components: where the rules live and the project quota. */
export interface OpenStackPlacementArgs extends RuleSelectionArgs {
  /** The region; defaults to the provider's. */
  region?: pulumi.Input<string>;
  /** The project (tenant); defaults to the provider's. */
  tenantId?: pulumi.Input<string>;
  /** Neutron's `security_group_rule` quota for the project. Default 100, Neutron's default. */
  projectRuleQuota?: number;
  /** Rules the project already holds in other groups, counted against the quota. Default 0. */
  rulesInProject?: number;
}

/** Arguments shared by every OpenStack component that creates its own group(s). */
export interface OpenStackSecGroupOptionsArgs extends OpenStackPlacementArgs {
  /** Group description. Defaults to the products it serves. */
  description?: string;
  /** Delete Neutron's default allow-all egress rules, leaving only the catalog's egress. Default false. */
  deleteDefaultRules?: boolean;
  /** Tags for the group(s). */
  tags?: string[];
  /** Spread the rules over groups of at most this many rules (Neutron has no per-group limit; some operators set one). Default: one group. */
  maxRulesPerGroup?: number;
}

/** Arguments of {@link CatalogSecGroup}. */
export interface CatalogSecGroupArgs extends OpenStackSecGroupOptionsArgs {
  /** The products to open, e.g. `[{ product: "anbox-cloud/appliance" }]`. */
  products: ProductSelectionArgs[];
}

const QUOTA_HINT = "raise the project's security_group_rule quota (and projectRuleQuota), or narrow the selection";

/**
 * Base of the group-creating OpenStack components: `openstack.networking.SecGroup` plus one
 * `SecGroupRule` per planned rule. Neutron's rule quota is per project, so the component checks
 * the whole project total, default egress rules included, before registering anything.
 */
export class OpenStackSecGroupComponent extends PortcatalogComponentResource {
  /** Every group the component created, primary first. */
  readonly securityGroupIds: pulumi.Output<string[]>;
  /** The first group: the one to reference from other groups' rules. */
  readonly primarySecurityGroupId: pulumi.Output<string>;
  /** The groups themselves, primary first. */
  readonly secGroups: openstack.networking.SecGroup[];

  protected constructor(type: string, name: string, products: ProductSelectionArgs[], args: OpenStackSecGroupOptionsArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planComponent(type, name, "openstack", products, args);
    const limit = args.projectRuleQuota ?? NEUTRON_RULES_PER_PROJECT;
    const inUse = args.rulesInProject ?? 0;
    const split: PlannedRule<pulumi.Input<string>>[][] = beforeRegistering(type, name, () => {
      const max = args.maxRulesPerGroup;
      if (max !== undefined && (!Number.isInteger(max) || max < 1)) throw new PortcatalogError(`maxRulesPerGroup ${max} is not valid: use a whole number of at least 1`);
      // A per-group cap counts every rule alike, so split on the rule count, not on AWS's per-family buckets.
      const groups = max === undefined ? [plan.rules] : splitIntoGroups(plan.rules, max, countEveryRule).groups;
      const defaults = args.deleteDefaultRules ? 0 : NEUTRON_DEFAULT_RULES * groups.length;
      const counted = defaults ? `rules (${plan.rules.length} planned + ${defaults} Neutron default egress)` : "rules";
      checkQuota("Neutron's project quota", { [counted]: plan.rules.length + defaults }, inUse, limit, QUOTA_HINT);
      return groups;
    });
    const groups = (split.length ? split : [[]]).map((rules, i) => groupReport(groupResourceName(name, i), rules));
    const providerDefaults = args.deleteDefaultRules ? 0 : NEUTRON_DEFAULT_RULES * groups.length;
    super(type, name, { component: type, name, cloud: "openstack", groups, plan, quota: { scope: "project", limit, inUse, providerDefaults } }, opts);

    const description = args.description ?? `portcatalog: ${products.map((p) => p.product).join(", ")}`;
    const placement = { region: args.region, tenantId: args.tenantId };
    this.secGroups = groups.map((g, i) => {
      const group = new openstack.networking.SecGroup(
        g.name,
        {
          description: groups.length > 1 ? `${description} (${i + 1}/${groups.length})` : description,
          deleteDefaultRules: args.deleteDefaultRules ?? false,
          ...(args.tags ? { tags: args.tags } : {}),
          ...(args.region ? { region: args.region } : {}),
          ...(args.tenantId ? { tenantId: args.tenantId } : {}),
        },
        { parent: this },
      );
      registerOpenStackRules(this, name, group.id, g.rules, placement);
      return group;
    });
    this.securityGroupIds = pulumi.all(this.secGroups.map((g) => g.id));
    this.primarySecurityGroupId = this.secGroups[0].id;
    this.registerOutputs({
      securityGroupIds: this.securityGroupIds,
      primarySecurityGroupId: this.primarySecurityGroupId,
      ruleCount: this.ruleCount,
      ruleKeys: this.ruleKeys,
    });
  }
}

/** Creates security group(s) for any catalog selection. */
export class CatalogSecGroup extends OpenStackSecGroupComponent {
  constructor(name: string, args: CatalogSecGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    super("CatalogSecGroup", name, args.products, args, opts);
  }
}

/** Arguments of the OpenStack components that add rules to a group you already have. */
export interface OpenStackNodeRulesArgs extends OpenStackPlacementArgs {
  /** The existing group the rules go into; `self` peers mean this group. */
  securityGroupId: pulumi.Input<string>;
}

/** Arguments of {@link CatalogSecGroupRules}. */
export interface CatalogSecGroupRulesArgs extends OpenStackNodeRulesArgs {
  /** The products to open. */
  products: ProductSelectionArgs[];
}

/** Base of the OpenStack components that add rules to an existing group. */
export class OpenStackRulesComponent extends PortcatalogComponentResource {
  protected constructor(type: string, name: string, products: ProductSelectionArgs[], args: OpenStackNodeRulesArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planComponent(type, name, "openstack", products, args);
    const limit = args.projectRuleQuota ?? NEUTRON_RULES_PER_PROJECT;
    const inUse = args.rulesInProject ?? 0;
    beforeRegistering(type, name, () => checkQuota("Neutron's project quota", { rules: plan.rules.length }, inUse, limit, QUOTA_HINT));
    super(type, name, { component: type, name, cloud: "openstack", groups: [groupReport("the existing group", plan.rules)], plan, quota: { scope: "project", limit, inUse, providerDefaults: 0 } }, opts);
    registerOpenStackRules(this, name, args.securityGroupId, plan.rules, { region: args.region, tenantId: args.tenantId });
    this.registerOutputs({ ruleCount: this.ruleCount, ruleKeys: this.ruleKeys });
  }
}

/** Adds a selection's rules to an existing Neutron security group. */
export class CatalogSecGroupRules extends OpenStackRulesComponent {
  constructor(name: string, args: CatalogSecGroupRulesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("CatalogSecGroupRules", name, args.products, args, opts);
  }
}
