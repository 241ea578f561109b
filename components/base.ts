import * as pulumi from "@pulumi/pulumi";
import { PortcatalogError } from "../catalog/errors.js";
import { type PlannedRule, usage } from "../planner/index.js";
import { type ComponentReport, withComponent } from "./selection.js";

export const TYPE_PREFIX = "portcatalog:index:";

/** Child resource name for a rule: the component's name plus the rule's content key, never an index. */
export const ruleResourceName = (component: string, rule: PlannedRule<unknown>) => `${component}-${rule.key}`;

/** Group resource names: the component's own name for the primary, then `-2`, `-3` for spill-over groups. */
export const groupResourceName = (component: string, index: number) => (index === 0 ? component : `${component}-${index + 1}`);

/** Runs argument checks before the component registers, re-throwing user errors with the component named. */
export function beforeRegistering<T>(type: string, name: string, check: () => T): T {
  try {
    return check();
  } catch (err) {
    throw withComponent(type, name, err);
  }
}

/**
 * Fails with the numbers when rules would not fit a quota; called before anything registers.
 * `used` maps what is counted (e.g. `ingress/IPv4 rules`) to how many.
 */
export function checkQuota(what: string, used: Record<string, number>, inUse: number, limit: number, hint: string): void {
  for (const [counted, n] of Object.entries(used)) {
    if (n + inUse > limit) {
      throw new PortcatalogError(`${n} ${counted}${inUse ? ` plus ${inUse} already in use` : ""} exceed ${what} of ${limit}; ${hint}`);
    }
  }
}

/** AWS buckets as `checkQuota` counts them: `ingress/IPv4 rules`, … */
export const bucketRules = (used: Record<string, number>) => Object.fromEntries(Object.entries(used).map(([b, n]) => [`${b} rules`, n]));

/**
 * The state every portcatalog component shares: what it planned, and the outputs users read.
 * Warnings from the plan (admin ports left closed, conflicts, facts that cannot be rules) become
 * Pulumi warnings on the component.
 */
export abstract class PortcatalogComponentResource extends pulumi.ComponentResource {
  /** What the component planned: groups, rules, entries left out, conflicts, quota. */
  readonly report: ComponentReport;
  /** Number of provider rules the component creates. */
  readonly ruleCount: pulumi.Output<number>;
  /** Stable keys of the rules, in group order. */
  readonly ruleKeys: pulumi.Output<string[]>;

  protected constructor(type: string, name: string, report: ComponentReport, opts?: pulumi.ComponentResourceOptions) {
    super(`${TYPE_PREFIX}${type}`, name, {}, opts);
    this.report = report;
    const rules = report.groups.flatMap((g) => g.rules);
    this.ruleCount = pulumi.output(rules.length);
    this.ruleKeys = pulumi.output(rules.map((r) => r.key));
    for (const warning of report.plan.warnings) pulumi.log.warn(warning, this);
  }
}

export function groupReport(name: string, rules: PlannedRule<pulumi.Input<string>>[]): ComponentReport["groups"][number] {
  return { name, rules, usage: usage(rules) };
}
