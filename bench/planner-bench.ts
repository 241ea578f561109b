import { AWS_PROFILE } from "../components/aws/profile.js";
import { performance } from "node:perf_hooks";
import { builtinCatalog, type CatalogEntry, productEntries } from "../catalog/index.js";
import { applyOffset } from "../catalog/offset.js";
import { cidrCovers, effectiveSources, peerKey, planRules, quotaReport, resolvePeerSet, type Selection } from "../planner/index.js";

/** What the benchmark plans: every option switched on and admin given, so every entry becomes rules. */
const OPTIONS = { cloud: AWS_PROFILE, allFeatures: true, sources: { admin: { cidrIpv4: ["10.0.0.0/8"] } } };

export interface PlannerBenchRow {
  selection: string;
  entries: number;
  /** One rule per entry per peer (per family for references), as a hand-written program would have it. */
  naiveRules: number;
  plannedRules: number;
  /** Maximal contiguous runs counted port by port, independently of the planner. */
  lowerBound: number;
  awsGroups: number;
  awsGroupLowerBound: number;
  /** The most rules any one AWS bucket (direction and family) would hold in a single group. */
  fullestAwsBucket: { bucket: string; rules: number };
  /** Median of repeated runs, milliseconds. */
  planMs: number;
}

function peersOf(e: CatalogEntry) {
  const sources = effectiveSources(OPTIONS.sources);
  if (e.direction === "egress" && e.destination) return resolvePeerSet("destination", e.destination);
  return e.audiences.flatMap((a) => (sources[a] ? resolvePeerSet(a, sources[a]) : []));
}

function naiveRules(selections: Selection[]): number {
  return selections.reduce((n, s) => n + s.entries.reduce((m, e) => m + peersOf(e).length, 0), 0);
}

function runLowerBound(selections: Selection[]): number {
  const ports = new Map<string, Uint8Array>();
  for (const s of selections) {
    for (const e of s.entries) {
      const { fromPort, toPort } = applyOffset(e, s.offsets);
      for (const peer of peersOf(e)) {
        const k = `${e.direction}|${e.protocol}|${peerKey(peer)}|${peer.kind === "cidr" ? peer.cidr : ""}`;
        const bits = ports.get(k) ?? new Uint8Array(65537);
        bits.fill(1, fromPort, toPort + 1);
        ports.set(k, bits);
      }
    }
  }
  // A port a wider CIDR already opens needs no rule for a narrower one.
  for (const [k, bits] of ports) {
    const [direction, protocol, , cidr] = k.split("|");
    if (!cidr) continue;
    for (const [k2, wider] of ports) {
      const [d2, p2, , cidr2] = k2.split("|");
      if (cidr2 && d2 === direction && p2 === protocol && cidrCovers(cidr2, cidr)) for (let p = 1; p <= 65535; p++) if (wider[p]) bits[p] = 0;
    }
  }
  let runs = 0;
  for (const bits of ports.values()) for (let p = 1; p <= 65536; p++) if (bits[p] && !bits[p - 1]) runs++;
  return runs;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function plannerSelections(): { name: string; selections: Selection[] }[] {
  const entries = builtinCatalog.entries;
  const products = [...new Set(entries.map((e) => `${e.catalog}/${e.variant}`))];
  const one = (name: string): Selection => ({ name, entries: productEntries(entries, name) });
  const wso2 = products.filter((p) => p.startsWith("wso2/") && p !== "wso2/common");
  return [
    ...products.map((p) => ({ name: p, selections: [one(p)] })),
    { name: "whole WSO2 platform on one host", selections: wso2.map(one) },
    { name: "Anbox appliance + OpenStack controller", selections: [one("anbox-cloud/appliance"), { name: "openstack/kilo controller", entries: entries.filter((e) => e.catalog === "openstack" && e.roles?.includes("controller")) }] },
    { name: "whole catalog", selections: products.map(one) },
  ];
}

export function benchPlanner(iterations = 30): PlannerBenchRow[] {
  return plannerSelections().map(({ name, selections }) => {
    const times: number[] = [];
    let plan = planRules(selections, OPTIONS);
    for (let i = 0; i < iterations; i++) {
      const t0 = performance.now();
      plan = planRules(selections, OPTIONS);
      times.push(performance.now() - t0);
    }
    const quota = quotaReport(AWS_PROFILE, plan.rules);
    return {
      selection: name,
      entries: new Set(selections.flatMap((s) => s.entries.map((e) => e.id))).size,
      naiveRules: naiveRules(selections),
      plannedRules: plan.rules.length,
      lowerBound: runLowerBound(selections),
      awsGroups: quota.groups ?? 0,
      awsGroupLowerBound: quota.lowerBound ?? 0,
      fullestAwsBucket: Object.entries(quota.usage)
        .map(([bucket, rules]) => ({ bucket, rules }))
        .reduce((a, b) => (b.rules > a.rules ? b : a), { bucket: "none", rules: 0 }),
      planMs: Number(median(times).toFixed(3)),
    };
  });
}
