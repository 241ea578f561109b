import { PortcatalogError } from "../catalog/errors.js";
import type { PlannedRule } from "./plan.js";
import { type CloudProfile, type CloudQuota, cloudProfile } from "./profile.js";

/**
 * What a rule costs under `direction-family` counting (AWS's), per bucket (`ingress/IPv4`, …). A
 * CIDR rule costs 1 in its family; a family-less group reference counts once in each family, and a
 * prefix list reference costs its max entries.
 */
export function ruleCost(rule: PlannedRule<unknown>): Record<string, number> {
  const weight = rule.peer.kind === "prefix-list" ? rule.peer.maxEntries : 1;
  const families = rule.ethertype === "any" ? ["IPv4", "IPv6"] : [rule.ethertype];
  return Object.fromEntries(families.map((f) => [`${rule.direction}/${f}`, weight]));
}

/** Every rule costs 1 in one bucket: Neutron's project quota, and per-group caps that count rules alike (Neutron operators' caps). */
export const countEveryRule = (): Record<string, number> => ({ rules: 1 });

/** What a rule costs, per bucket, the way a cloud's quota counts it. */
export type RuleCost = (rule: PlannedRule<unknown>) => Record<string, number>;

const COSTS: Record<CloudQuota["buckets"], RuleCost> = { "direction-family": ruleCost, rules: countEveryRule };

/** How a quota counts a rule: its buckets' cost function. */
export const quotaCost = (quota: CloudQuota): RuleCost => COSTS[quota.buckets];

/** Rules used per bucket; `cost` defaults to AWS's per-direction, per-family counting. */
export function usage<Id>(rules: readonly PlannedRule<Id>[], cost: (rule: PlannedRule<Id>) => Record<string, number> = ruleCost): Record<string, number> {
  const total: Record<string, number> = {};
  for (const r of rules) for (const [b, n] of Object.entries(cost(r))) total[b] = (total[b] ?? 0) + n;
  return Object.fromEntries(Object.entries(total).sort());
}

/** The fewest groups any split could use: the fullest bucket divided by the limit. */
export function groupLowerBound<Id>(rules: readonly PlannedRule<Id>[], limit: number, cost: (rule: PlannedRule<Id>) => Record<string, number> = ruleCost): number {
  return Math.max(rules.length ? 1 : 0, ...Object.values(usage(rules, cost)).map((n) => Math.ceil(n / limit)));
}

export interface GroupSplit<Id> {
  /** Rules per group, in key order; group 0 is the primary. */
  groups: PlannedRule<Id>[][];
  limit: number;
  lowerBound: number;
}

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
  return { groups: groups.map((g) => g.rules), limit, lowerBound: groupLowerBound(rules, limit, cost) };
}

/** Quota figures of a plan, for reports and benchmarks. */
export interface QuotaReport {
  /** The cloud profile's name. */
  cloud: string;
  /** Per group (per bucket), or per project, as the cloud's quota applies. */
  limit: number;
  /** Rules used per bucket of the cloud's quota (AWS `ingress/IPv4`, …; Neutron `rules`). */
  usage: Record<string, number>;
  /** Per-group quotas: groups needed (first fit) and the lower bound. */
  groups?: number;
  lowerBound?: number;
  /** Project quotas: rules against the project's limit. */
  projectRules?: number;
  fits: boolean;
}

/** How a plan's rules meet a cloud's quota (its default limit, or `limit`). */
export function quotaReport(cloud: CloudProfile, rules: readonly PlannedRule<unknown>[], limit?: number): QuotaReport {
  const { name, quota } = cloudProfile(cloud);
  const l = limit ?? quota.limit;
  const cost = quotaCost(quota);
  const used = usage(rules, cost);
  if (quota.scope === "group") {
    const split = splitIntoGroups(rules, l, cost);
    return { cloud: name, limit: l, usage: used, groups: split.groups.length, lowerBound: split.lowerBound, fits: split.groups.length <= 1 };
  }
  return { cloud: name, limit: l, usage: used, projectRules: rules.length, fits: Object.values(used).every((n) => n <= l) };
}
