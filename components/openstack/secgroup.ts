import * as pulumi from "@pulumi/pulumi";
import { PortcatalogError } from "../../catalog/errors.js";
import { countEveryRule, splitIntoGroups } from "../../planner/index.js";
import type { ComponentClass } from "../base.js";
import { checkGroupNames } from "../args.js";
import { openstack } from "../providers.js";
import { checkQuota, EXISTING_GROUP, createGroups, type GroupOutputs, groupReport, groupResourceName, productsDescription, publishReport, type RuleOutputs } from "../base.js";
import { beforeRegistering, checkAndPlan, checkOwnGroup, type ComponentReport, type ProductSelectionArgs, type RuleSelectionArgs } from "../selection.js";
import { NEUTRON_DEFAULT_GROUP_RULES, NEUTRON_RULES_PER_PROJECT, OPENSTACK_PROFILE } from "./profile.js";
import { registerOpenStackRules } from "./rules.js";
import { createDeployment, type DeploymentOutputs, type DeploymentPlan, planDeployment } from "../deployment.js";

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
  /**
   * Rules the project already holds in other groups, counted against the quota. Default 4: the rules
   * of the `default` group Neutron gives every project, which count too.
   */
  rulesInProject?: number;
}

/** Arguments shared by every OpenStack component that creates its own group(s). */
export interface OpenStackSecGroupOptionsArgs extends OpenStackPlacementArgs {
  /** Group description, at most 255 characters. Defaults to the products it serves. */
  description?: string;
  /** Delete Neutron's default allow-all egress rules, leaving only the catalog's egress. Default false. */
  deleteDefaultRules?: boolean;
  /** Tags for the group(s). */
  tags?: string[];
  /** Spread the rules over groups of at most this many rules (Neutron has no per-group limit; some operators set one). Default: one group. */
  maxRulesPerGroup?: number;
}

const QUOTA_HINT = "raise the project's security_group_rule quota (and projectRuleQuota), or narrow the selection";

/** A checked plan of an OpenStack group-creating component, ready to register. */
export interface OpenStackGroupsPlan {
  report: ComponentReport;
  args: OpenStackSecGroupOptionsArgs;
  description: string;
}

/**
 * Checks the arguments, plans and checks the quota before the component registers. Neutron's rule
 * quota is per project, so the whole total counts, the default egress rules of each new group included.
 */
export function planOpenStackGroups<A extends OpenStackSecGroupOptionsArgs>(type: ComponentClass, name: string, rawArgs: A, productsOf: (args: A) => ProductSelectionArgs[]): OpenStackGroupsPlan {
  const { args, products, plan } = checkAndPlan(type, name, OPENSTACK_PROFILE, rawArgs, productsOf);
  const limit = args.projectRuleQuota ?? NEUTRON_RULES_PER_PROJECT;
  const inUse = args.rulesInProject ?? NEUTRON_DEFAULT_GROUP_RULES;
  const split = beforeRegistering(type, name, () => {
    const max = args.maxRulesPerGroup;
    // A per-group cap counts every rule alike, unlike AWS's per-family buckets.
    const groups = max === undefined ? [plan.rules] : splitIntoGroups(plan.rules, max, countEveryRule).groups;
    const defaults = args.deleteDefaultRules ? 0 : NEUTRON_DEFAULT_RULES * Math.max(groups.length, 1);
    const counted = defaults ? `rules (${plan.rules.length} planned + ${defaults} Neutron default egress)` : "rules";
    checkQuota("Neutron's project quota", { [counted]: plan.rules.length + defaults }, inUse, limit, QUOTA_HINT);
    return groups.length ? groups : [[]];
  });
  const groups = split.map((rules, i) => groupReport(groupResourceName(name, i), rules));
  beforeRegistering(type, name, () => checkGroupNames("openstack", name, groups.length));
  const providerDefaults = args.deleteDefaultRules ? 0 : NEUTRON_DEFAULT_RULES * groups.length;
  const report: ComponentReport = { component: type, name, cloud: "openstack", groups, plan, quota: { scope: "project", limit, inUse, providerDefaults } };
  return { report, args, description: args.description ?? productsDescription(products) };
}

/** `openstack.networking.SecGroup` plus one `SecGroupRule` per planned rule. */
export function createOpenStackGroups(component: pulumi.ComponentResource, { report, args, description }: OpenStackGroupsPlan): GroupOutputs {
  const placement = { region: args.region, tenantId: args.tenantId };
  const sdk = openstack();
  return createGroups(
    component,
    report,
    (name, position, opts) =>
      new sdk.networking.SecGroup(
        name,
        {
          description,
          deleteDefaultRules: args.deleteDefaultRules ?? false,
          // The position is a tag, so a group's inputs do not change when the component spills.
          tags: [...(args.tags ?? []), `portcatalog:component=${report.name}`, `portcatalog:group=${position}`],
          ...(args.region ? { region: args.region } : {}),
          ...(args.tenantId ? { tenantId: args.tenantId } : {}),
        },
        opts,
      ),
    (groupId, rules) => registerOpenStackRules(component, report.name, groupId, rules, placement),
  );
}

/** Arguments of the OpenStack components that add rules to a group you already have. */
export interface OpenStackNodeRulesArgs extends OpenStackPlacementArgs {
  /** The existing group the rules go into; `self` peers mean this group. */
  securityGroupId: pulumi.Input<string>;
  /** The OpenStack release: `kilo`, `2025.1`, `2025.2`. Default: the newest the catalog has; pin it. */
  release?: string;
  /** Optional services the cloud runs, by name (e.g. `octavia`, `designate`, `cinder`, `swift`): their ports open as features do. */
  services?: string[];
}

/** A checked plan of an OpenStack rules-only component, ready to register. */
export interface OpenStackRulesPlan {
  report: ComponentReport;
  args: OpenStackNodeRulesArgs;
}

/** Checks the arguments, plans and checks the quota for an existing group before the component registers. */
export function planOpenStackRules<A extends OpenStackNodeRulesArgs>(type: ComponentClass, name: string, rawArgs: A, productsOf: (args: A) => ProductSelectionArgs[]): OpenStackRulesPlan {
  const { args, plan } = checkAndPlan(type, name, OPENSTACK_PROFILE, rawArgs, productsOf);
  const limit = args.projectRuleQuota ?? NEUTRON_RULES_PER_PROJECT;
  const inUse = args.rulesInProject ?? NEUTRON_DEFAULT_GROUP_RULES;
  beforeRegistering(type, name, () => checkOwnGroup("securityGroupId", args.securityGroupId, args.roleGroups, "security group"));
  beforeRegistering(type, name, () => checkQuota("Neutron's project quota", { rules: plan.rules.length }, inUse, limit, QUOTA_HINT));
  const report: ComponentReport = { component: type, name, cloud: "openstack", groups: [groupReport(EXISTING_GROUP, plan.rules)], plan, quota: { scope: "project", limit, inUse, providerDefaults: 0 } };
  return { report, args };
}

/** One `SecGroupRule` per planned rule, in the group the user gave. */
export function createOpenStackRules(component: pulumi.ComponentResource, { report, args }: OpenStackRulesPlan): RuleOutputs {
  registerOpenStackRules(component, report.name, args.securityGroupId, report.groups[0].rules, { region: args.region, tenantId: args.tenantId });
  return publishReport(component, report);
}

/** What a deployment component takes besides a group's options: the roles, each given its own group(s). */
export interface OpenStackDeploymentArgs extends OpenStackSecGroupOptionsArgs {
  roles: string[];
}

/**
 * Checks the arguments and plans each role's groups before the component registers; the project
 * quota holds every role's groups together, so it is checked on their total.
 */
export function planOpenStackDeployment<A extends OpenStackDeploymentArgs>(type: ComponentClass, name: string, rawArgs: A, productsOf: (args: A) => ProductSelectionArgs[]): DeploymentPlan<OpenStackSecGroupOptionsArgs> {
  const planned = planDeployment(type, name, rawArgs, (roleName, args) => planOpenStackGroups(type, roleName, args, productsOf));
  beforeRegistering(type, name, () => {
    const { limit, inUse } = planned.plans[0].report.quota;
    const total = planned.plans.reduce((n, p) => n + p.report.plan.rules.length + p.report.quota.providerDefaults, 0);
    checkQuota("Neutron's project quota", { "rules (every role's groups, Neutron's default egress rules included)": total }, inUse, limit, QUOTA_HINT);
  });
  return planned;
}

/** Every role's groups, then their rules (see `createDeployment`), tagged with the role. */
export function createOpenStackDeployment(component: pulumi.ComponentResource, { type, name, plans }: DeploymentPlan<OpenStackSecGroupOptionsArgs>): DeploymentOutputs {
  const sdk = openstack();
  return createDeployment(
    component,
    type,
    name,
    plans,
    ({ role, description, args }, groupName, position, groupOpts) =>
      new sdk.networking.SecGroup(
        groupName,
        {
          description,
          deleteDefaultRules: args.deleteDefaultRules ?? false,
          tags: [...(args.tags ?? []), `portcatalog:component=${name}`, `portcatalog:role=${role}`, `portcatalog:group=${position}`],
          ...(args.region ? { region: args.region } : {}),
          ...(args.tenantId ? { tenantId: args.tenantId } : {}),
        },
        groupOpts,
      ),
    ({ report, args }, groupName, groupId, rules) => registerOpenStackRules(component, report.name, groupId, rules, { region: args.region, tenantId: args.tenantId }),
  );
}
