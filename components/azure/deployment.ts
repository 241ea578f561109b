import * as pulumi from "@pulumi/pulumi";
import { oneOf, PortcatalogError } from "../../catalog/errors.js";
import { checkArgs } from "../args.js";
import type { ComponentClass } from "../base.js";
import { deploymentRoles, placeholder } from "../deployment.js";
import { beforeRegistering, type ProductSelectionArgs, type RuleSelectionArgs } from "../selection.js";
import { type AzureReport, createAzureNsg, planAzure, recordAzureReports } from "./network-security-group.js";
import type { CatalogDeploymentNetworkSecurityGroupsArgs } from "./components.generated.js";
import { registerAzureRules } from "./rules.js";

/** What the Azure deployment component takes (its generated Args): where the NSGs go, pins per role, and the roles. */
type AzureDeploymentArgs = CatalogDeploymentNetworkSecurityGroupsArgs;

/** A checked plan of every role's NSG of an Azure deployment component, ready to register. */
export interface AzureDeploymentPlan {
  name: string;
  args: AzureDeploymentArgs;
  plans: { role: string; report: AzureReport }[];
}

/**
 * Checks the arguments and plans one NSG per role before the component registers; pins are per role,
 * and a pinned role must be one of the deployment's.
 */
export function planAzureDeployment<A extends AzureDeploymentArgs>(type: ComponentClass, name: string, rawArgs: A, productsOf: (args: A) => ProductSelectionArgs[]): AzureDeploymentPlan {
  const checked = checkArgs(type, name, rawArgs) as A;
  const roles = deploymentRoles(type, name, checked.roles, checked.role, checked.roleGroups);
  beforeRegistering(type, name, () => checkPinnedRoles(checked.priorities, checked.roles));
  const plans = roles.map(({ role, roleGroups }) => ({ role, report: planRoleNsg(type, name, role, { ...checked, role, roleGroups }, productsOf) }));
  return { name, args: checked, plans };
}

/** Every role's NSG and ASG, then their rules (see `createRoleNsgs`). */
export function createAzureDeployment(component: pulumi.ComponentResource, { name, args, plans }: AzureDeploymentPlan) {
  return createRoleNsgs(component, name, args, plans);
}

function checkPinnedRoles(priorities: AzureDeploymentArgs["priorities"], roles: string[]): void {
  for (const role of Object.keys(priorities ?? {})) {
    if (!roles.includes(role)) throw new PortcatalogError(`args.priorities.${role}: "${role}" is not one of args.roles: use ${oneOf(roles)}`);
  }
}

/** One role's plan; pins and their errors are the role's (`priorities.<role>.<key>`). */
function planRoleNsg<A extends AzureDeploymentArgs>(type: ComponentClass, name: string, role: string, args: A, productsOf: (args: A) => ProductSelectionArgs[]): AzureReport {
  try {
    return planAzure(type, `${name}-${role}`, args, productsOf, () => [], (a) => a.priorities?.[role] ?? {}).report;
  } catch (err) {
    if (!(err instanceof PortcatalogError)) throw err;
    throw new PortcatalogError(err.message.replace(/: priorities\./, `: priorities.${role}.`).replace(/priorities: \{ ("[^"]+": \d+) \}/g, `priorities: { ${role}: { $1 } }`));
  }
}

/**
 * Every role's NSG and ASG first, then the rules, with each role's placeholder swapped for its real
 * ASG id: a role peer becomes `sourceApplicationSecurityGroups: [{ id }]` of that role's ASG.
 */
function createRoleNsgs(component: pulumi.ComponentResource, name: string, args: AzureDeploymentArgs, plans: { role: string; report: AzureReport }[]) {
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
