import * as pulumi from "@pulumi/pulumi";
import { PortcatalogError } from "../catalog/errors.js";
import type { Plan, PlannedRule } from "../planner/index.js";
import { checkArgs } from "./args.js";
import { type ComponentClass, publishReport, type RuleOutputs } from "./base.js";
import { beforeRegistering, type ComponentReport, type RuleSelectionArgs } from "./selection.js";

/** Outputs of the deployment components: one group (or more, when one spills) per role. */
export interface DeploymentOutputs extends RuleOutputs {
  securityGroupIds: pulumi.Output<Record<string, string>>;
  allSecurityGroupIds: pulumi.Output<Record<string, string[]>>;
}

/** The id a role's group has while planning: rules name it and get the real id once the group exists. */
export const placeholder = (role: string) => `portcatalog-role-group-${role}`;

/** The deployment's roles checked (a list, each once), and the other roles' placeholder groups for each. */
export function deploymentRoles(type: ComponentClass, name: string, roles: unknown, role: unknown, roleGroups: unknown): { role: string; roleGroups: Record<string, string> }[] {
  return beforeRegistering(type, name, () => {
    if (role !== undefined || roleGroups !== undefined) throw new PortcatalogError(`args.${role !== undefined ? "role" : "roleGroups"}: a deployment gives each of args.roles its own group and wires them; role and roleGroups are for a single group's component`);
    if (!Array.isArray(roles) || !roles.length) throw new PortcatalogError("args.roles: name the deployment's roles, each gets its own group (e.g. [\"controller\", \"compute\"])");
    const seen = new Set<string>();
    roles.forEach((r, i) => {
      if (seen.has(r)) throw new PortcatalogError(`args.roles[${i}]: "${r}" is named twice: each role gets one group`);
      seen.add(r);
    });
    return (roles as string[]).map((r) => ({ role: r, roleGroups: Object.fromEntries(roles.filter((o) => o !== r).map((o) => [o, placeholder(o)])) }));
  });
}

/** One role's plan, ready to register. */
export interface RoleGroupsPlan {
  role: string;
  report: ComponentReport;
  description: string;
}

/** A deployment component's plan: each role's groups, planned as the cloud plans one group, with the checked arguments they were planned from. */
export interface DeploymentPlan<G> {
  type: ComponentClass;
  name: string;
  plans: (RoleGroupsPlan & { args: G })[];
}

/**
 * Checks a deployment's arguments and plans each role's groups with `planGroups` (the cloud's
 * single-group planner, quotas included) as `<name>-<role>`, before the component registers.
 */
export function planDeployment<A extends RuleSelectionArgs & { roles: string[] }, G>(
  type: ComponentClass,
  name: string,
  rawArgs: A,
  planGroups: (roleName: string, args: A) => { report: ComponentReport; description: string; args: G },
): DeploymentPlan<G> {
  const checked = checkArgs(type, name, rawArgs) as A;
  const roles = deploymentRoles(type, name, checked.roles, checked.role, checked.roleGroups);
  const plans = roles.map(({ role, roleGroups }) => {
    const planned = planGroups(`${name}-${role}`, { ...checked, role, roleGroups });
    return { role, report: planned.report, description: roleDescription(planned.description, role), args: planned.args };
  });
  return { type, name, plans };
}

/** Every role's report as one, for reportOf and warnings: its groups are all the roles' groups. */
function combined(type: string, name: string, plans: readonly RoleGroupsPlan[]): ComponentReport {
  const first = plans[0].report;
  const all = plans.map((p) => p.report.plan);
  // Each role's flows and fallbacks too, so the CLI's matrix sees the whole deployment.
  const roleLists = Object.fromEntries((["wired", "notNarrowed", "notWired"] as const).map((k) => [k, all.flatMap((p) => (p as unknown as Record<string, unknown[]>)[k] ?? [])]));
  const plan: Plan<pulumi.Input<string>> = {
    ...first.plan,
    ...roleLists,
    rules: all.flatMap((p) => p.rules),
    leftOut: all.flatMap((p) => p.leftOut),
    warnings: [...new Set(all.flatMap((p) => p.warnings))],
    notes: [...new Set(all.flatMap((p) => p.notes))],
  };
  return { ...first, component: type, name, groups: plans.flatMap((p) => p.report.groups), plan };
}

/**
 * Creates every role's groups first, then their rules, so a rule that names another role's group
 * gets its real id (members of a role attach all of its groups, so its first group stands for it).
 */
export function createDeployment<P extends RoleGroupsPlan>(
  component: pulumi.ComponentResource,
  type: string,
  name: string,
  plans: readonly P[],
  makeGroup: (plan: P, groupName: string, position: number, opts: pulumi.CustomResourceOptions) => pulumi.CustomResource,
  registerRules: (plan: P, groupName: string, groupId: pulumi.Output<string>, rules: PlannedRule<pulumi.Input<string>>[]) => void,
): DeploymentOutputs {
  const groups = new Map<string, pulumi.CustomResource[]>();
  for (const plan of plans) {
    const made: pulumi.CustomResource[] = [];
    plan.report.groups.forEach((g, i) => made.push(makeGroup(plan, g.name, i + 1, made[0] ? { parent: made[0] } : { parent: component })));
    groups.set(plan.role, made);
  }
  const ids = new Map([...groups].map(([role, made]) => [placeholder(role), made[0].id]));
  for (const plan of plans) {
    const made = groups.get(plan.role) as pulumi.CustomResource[];
    plan.report.groups.forEach((g, i) => {
      const rules = g.rules.map((r) => {
        if (r.peer.kind !== "security-group") return r;
        const id = ids.get(r.peer.id as string);
        if (!id) return r; // a group of the user's (sources)
        return { ...r, peer: { ...r.peer, id } };
      });
      registerRules(plan, g.name, made[i].id, rules);
    });
  }
  const rules = publishReport(component, combined(type, name, plans));
  return {
    ...rules,
    securityGroupIds: pulumi.all(Object.fromEntries([...groups].map(([role, made]) => [role, made[0].id]))),
    allSecurityGroupIds: pulumi.all(Object.fromEntries([...groups].map(([role, made]) => [role, pulumi.all(made.map((g) => g.id))]))),
  };
}

/** A role's group description: the user's (or the products') with the role, within the 255 characters both clouds allow. */
export function roleDescription(description: string, role: string): string {
  const suffix = ` - role ${role}`;
  return description.length + suffix.length <= 255 ? `${description}${suffix}` : `${description.slice(0, 252 - suffix.length)}...${suffix}`;
}
