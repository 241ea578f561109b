import { PortcatalogError } from "../catalog/errors.js";
import type { Cloud, PlannedRule } from "./plan.js";

/** AWS's default: 60 inbound and 60 outbound rules per group, counted per address family. */
export const AWS_RULES_PER_GROUP = 60;
/** Neutron's default `security_group_rule` quota: 100 rules per project. */
export const NEUTRON_RULES_PER_PROJECT = 100;

/**
 * What a rule costs against per-group quotas, per bucket (`ingress/IPv4`, …). A CIDR rule costs
 * 1 in its family; a group reference counts in both families (AWS counts it once in each), and a
 * prefix list reference costs its max entries in both.
 */
export function ruleCost(rule: PlannedRule<unknown>): Record<string, number> {
  const weight = rule.peer.kind === "prefix-list" ? rule.peer.maxEntries : 1;
  const families = rule.ethertype === "any" ? ["IPv4", "IPv6"] : [rule.ethertype];
  return Object.fromEntries(families.map((f) => [`${rule.direction}/${f}`, weight]));
}

/** Rules used per bucket. */
export function usage(rules: readonly PlannedRule<unknown>[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const r of rules) for (const [b, n] of Object.entries(ruleCost(r))) total[b] = (total[b] ?? 0) + n;
  return Object.fromEntries(Object.entries(total).sort());
}

/** The fewest groups any split could use: the fullest bucket divided by the limit. */
export function groupLowerBound(rules: readonly PlannedRule<unknown>[], limit: number): number {
  return Math.max(rules.length ? 1 : 0, ...Object.values(usage(rules)).map((n) => Math.ceil(n / limit)));
}

export interface GroupSplit<Id> {
  /** Rules per group, in key order; group 0 is the primary. */
  groups: PlannedRule<Id>[][];
  limit: number;
  lowerBound: number;
}

/** Every rule costs 1 in one bucket: for per-group caps that count rules alike (Neutron operators' caps). */
export const countEveryRule = (): Record<string, number> => ({ rules: 1 });

/**
 * Splits rules across groups so no bucket of any group exceeds `limit`: first fit in key order,
 * so the split is deterministic and a rule only moves when a group before it runs out of room.
 * `cost` defaults to AWS's per-direction, per-family counting.
 */
export function splitIntoGroups<Id>(rules: readonly PlannedRule<Id>[], limit: number, cost: (rule: PlannedRule<Id>) => Record<string, number> = ruleCost): GroupSplit<Id> {
  if (!Number.isInteger(limit) || limit < 1) throw new PortcatalogError(`rules per group ${limit} is not valid: use a whole number of at least 1`);
  const ordered = [...rules].sort((a, b) => (a.key < b.key ? -1 : 1));
  const groups: { rules: PlannedRule<Id>[]; used: Record<string, number> }[] = [];
  for (const rule of ordered) {
    const costs = cost(rule);
    if (Object.values(costs).some((n) => n > limit)) {
      throw new PortcatalogError(`rule ${rule.key} alone costs ${Math.max(...Object.values(costs))} rules, more than the ${limit} a group may hold: use a prefix list with fewer max entries or raise the quota`);
    }
    let group = groups.find((g) => Object.entries(costs).every(([b, n]) => (g.used[b] ?? 0) + n <= limit));
    if (!group) {
      group = { rules: [], used: {} };
      groups.push(group);
    }
    group.rules.push(rule);
    for (const [b, n] of Object.entries(costs)) group.used[b] = (group.used[b] ?? 0) + n;
  }
  return { groups: groups.map((g) => g.rules), limit, lowerBound: groupLowerBound(rules, limit) };
}

/** Quota figures of a plan, for reports and benchmarks. */
export interface QuotaReport {
  cloud: Cloud;
  /** AWS: per group, per direction and family. Neutron: per project. */
  limit: number;
  usage: Record<string, number>;
  /** AWS: groups needed (first fit) and the lower bound; Neutron: rules against the project quota. */
  groups?: number;
  lowerBound?: number;
  projectRules?: number;
  fits: boolean;
}

export function quotaReport(cloud: Cloud, rules: readonly PlannedRule<unknown>[], limit?: number): QuotaReport {
  if (cloud === "aws") {
    const l = limit ?? AWS_RULES_PER_GROUP;
    const split = splitIntoGroups(rules, l);
    return { cloud, limit: l, usage: usage(rules), groups: split.groups.length, lowerBound: split.lowerBound, fits: split.groups.length <= 1 };
  }
  const l = limit ?? NEUTRON_RULES_PER_PROJECT;
  return { cloud, limit: l, usage: usage(rules), projectRules: rules.length, fits: rules.length <= l };
}
