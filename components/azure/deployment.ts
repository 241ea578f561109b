import * as pulumi from "@pulumi/pulumi";
import { oneOf, PortcatalogError } from "../../catalog/errors.js";
import { checkArgs } from "../args.js";
import { typeToken } from "../base.js";
import { deploymentRoles, placeholder } from "../deployment.js";
import { beforeRegistering, type ProductSelectionArgs, type RuleSelectionArgs } from "../selection.js";
import { type AzureReport, createAzureNsg, planAzure, recordAzureReports } from "./network-security-group.js";
import { registerAzureRules } from "./rules.js";

/** Arguments of {@link CatalogDeploymentNetworkSecurityGroups}. */
export interface CatalogDeploymentNetworkSecurityGroupsArgs extends RuleSelectionArgs {
  /** The resource group of the network security groups. */
  resourceGroupName: pulumi.Input<string>;
  /** The Azure region. Default: the resource group's. */
  location?: pulumi.Input<string>;
  /** Tags for every network security group and application security group. */
  tags?: { [key: string]: pulumi.Input<string> };
  /**
   * Keep Azure's default `AllowVnetInBound` in every role's NSG. Default false: an AzureLoadBalancer
   * allow (4095) and a VirtualNetwork deny (4096) close it inbound.
   */
  keepVirtualNetworkDefault?: boolean;
  /**
   * Priorities to pin, by role and then rule key (see `ruleKeys`), each 100-4094: each role's NSG has
   * its own rules, so a key means a rule only within its role.
   */
  priorities?: { [role: string]: { [key: string]: number } };
  /** The products the deployment runs, e.g. `[{ product: "openstack/cloud", release: "2025.2" }]`. */
  products: ProductSelectionArgs[];
  /** The deployment's roles, each given its own NSG and application security group named by its role (e.g. `["controller", "compute"]`). */
  roles: string[];
}

const TYPE = "CatalogDeploymentNetworkSecurityGroups";

/**
 * One Azure network security group and one application security group per role of a deployment,
 * each port open only to the roles the catalog's flows say connect to it (see `role` on the single-NSG
 * components); ports whose flows are unknown keep their audiences. Attach `networkSecurityGroupIds[role]`
 * to the role's NICs or subnet and put its NICs in `applicationSecurityGroupIds[role]`.
 */
export class CatalogDeploymentNetworkSecurityGroups extends pulumi.ComponentResource {
  /** Each role's network security group, by role. */
  readonly networkSecurityGroupIds!: pulumi.Output<Record<string, string>>;
  /** Each role's network security group's Azure name, by role. */
  readonly networkSecurityGroupNames!: pulumi.Output<Record<string, string>>;
  /** Each role's application security group, by role: its machines, which the other roles' rules name. */
  readonly applicationSecurityGroupIds!: pulumi.Output<Record<string, string>>;
  /** Number of catalog rules created, all roles together (the closing rules not counted). */
  readonly ruleCount!: pulumi.Output<number>;
  /** Stable keys of each role's rules, by role. */
  readonly ruleKeys!: pulumi.Output<Record<string, string[]>>;
  /** Each role's rule priorities, by role and key. */
  readonly rulePriorities!: pulumi.Output<Record<string, Record<string, number>>>;

  constructor(name: string, args: CatalogDeploymentNetworkSecurityGroupsArgs, opts?: pulumi.ComponentResourceOptions) {
    const checked = checkArgs(TYPE, name, args) as CatalogDeploymentNetworkSecurityGroupsArgs;
    const roles = deploymentRoles(TYPE, name, checked.roles, checked.role, checked.roleGroups);
    beforeRegistering(TYPE, name, () => checkPinnedRoles(checked.priorities, checked.roles));
    const plans = roles.map(({ role, roleGroups }) => ({ role, report: planRoleNsg(name, role, { ...checked, role, roleGroups }) }));
    super(typeToken(TYPE), name, {}, opts);
    const outputs = createRoleNsgs(this, name, checked, plans);
    Object.assign(this, outputs);
    this.registerOutputs(outputs);
  }
}

function checkPinnedRoles(priorities: CatalogDeploymentNetworkSecurityGroupsArgs["priorities"], roles: string[]): void {
  for (const role of Object.keys(priorities ?? {})) {
    if (!roles.includes(role)) throw new PortcatalogError(`args.priorities.${role}: "${role}" is not one of args.roles: use ${oneOf(roles)}`);
  }
}

/** One role's plan; pins and their errors are the role's (`priorities.<role>.<key>`). */
function planRoleNsg(name: string, role: string, args: CatalogDeploymentNetworkSecurityGroupsArgs): AzureReport {
  try {
    return planAzure(TYPE, `${name}-${role}`, args, (a) => a.products, () => [], (a) => a.priorities?.[role] ?? {}).report;
  } catch (err) {
    if (!(err instanceof PortcatalogError)) throw err;
    throw new PortcatalogError(err.message.replace(/: priorities\./, `: priorities.${role}.`).replace(/priorities: \{ ("[^"]+": \d+) \}/g, `priorities: { ${role}: { $1 } }`));
  }
}

/**
 * Every role's NSG and ASG first, then the rules, with each role's placeholder swapped for its real
 * ASG id: a role peer becomes `sourceApplicationSecurityGroups: [{ id }]` of that role's ASG.
 */
function createRoleNsgs(component: pulumi.ComponentResource, name: string, args: CatalogDeploymentNetworkSecurityGroupsArgs, plans: { role: string; report: AzureReport }[]) {
  const made = plans.map((p) => ({ ...p, ...createAzureNsg(component, p.report.name, args, { "portcatalog:component": name, "portcatalog:role": p.role }) }));
  const asgs = new Map<unknown, pulumi.Output<string>>(made.map((m) => [placeholder(m.role), m.members.id]));
  for (const m of made) {
    const rules = m.report.rules.map((r) => ({ ...r, peers: r.peers.map((p) => (p.kind === "security-group" && asgs.has(p.id) ? { ...p, id: asgs.get(p.id) as pulumi.Output<string> } : p)) }));
    registerAzureRules(component, m.report.name, m.target, rules, m.report.closing);
  }
  recordAzureReports(component, plans.map((p) => p.report));
  const byRole = <T>(value: (m: (typeof made)[number]) => T) => Object.fromEntries(made.map((m) => [m.role, value(m)]));
  return {
    networkSecurityGroupIds: pulumi.all(byRole((m) => m.nsg.id)),
    networkSecurityGroupNames: pulumi.all(byRole((m) => m.nsg.name)),
    applicationSecurityGroupIds: pulumi.all(byRole((m) => m.members.id)),
    ruleCount: pulumi.output(plans.reduce((n, p) => n + p.report.rules.length, 0)),
    ruleKeys: pulumi.output(byRole((m) => m.report.rules.map((r) => r.key))),
    rulePriorities: pulumi.output(byRole((m) => Object.fromEntries(m.report.rules.map((r) => [r.key, r.priority])))),
  };
}
