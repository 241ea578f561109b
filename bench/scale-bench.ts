import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtinCatalog, type CatalogEntry, findConflicts, type Listener, productEntries } from "../catalog/index.js";
import { AWS_PROFILE } from "../components/aws/profile.js";
import { planRules } from "../planner/index.js";
import { setupMocks } from "../testing/index.js";
import { growthExponent, median, timeMedian } from "./stats.js";

export interface SeriesPoint {
  n: number;
  ms: number;
  /** What came out, so a fast wrong answer shows: rules planned, conflicts found, resources registered. */
  output: number;
}

export interface Series {
  name: string;
  unit: string;
  points: SeriesPoint[];
  /** Fitted k of ms ≈ c·n^k (log-log least squares): 1 is linear, 2 quadratic. */
  exponent: number;
}

const series = (name: string, unit: string, points: SeriesPoint[]): Series => ({ name, unit, points, exponent: growthExponent(points) });

/** `n` distinct /32s, different for every `run` so no cache of an earlier run helps. */
const adminCidrs = (n: number, run: number) => Array.from({ length: n }, (_, i) => `${10 + (run % 200)}.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}/32`);

/** Planning the whole OpenStack catalog (every feature) with 1 … 10,000 admin CIDRs. */
export function cidrSeries(sizes = [1, 10, 100, 1_000, 10_000]): Series {
  const entries = productEntries(builtinCatalog.entries, "openstack/kilo");
  let run = 0;
  return series(
    "plan openstack/kilo with N admin CIDRs",
    "CIDRs",
    sizes.map((n) => {
      let output = 0;
      const ms = timeMedian(n >= 10_000 ? 3 : 5, () => {
        output = planRules([{ name: "openstack/kilo", entries }], { cloud: AWS_PROFILE, allFeatures: true, sources: { admin: { cidrIpv4: adminCidrs(n, run++) } } }).rules.length;
      });
      return { n, ms, output };
    }),
  );
}

/** A generated user catalog: `n` entries over `products` products, ports spread like real ones (singles and short ranges, overlaps between products). */
export function userCatalog(n: number, products = 4): CatalogEntry[] {
  return Array.from({ length: n }, (_, i) => {
    const variant = `product-${i % products}`;
    const fromPort = 1 + ((i * 7919) % 65000);
    return {
      id: `acme/${variant}/port-${i}`,
      catalog: "acme",
      variant,
      service: `Service ${i % 97}`,
      protocol: i % 3 ? "tcp" : "udp",
      fromPort,
      toPort: fromPort + (i % 7 === 0 ? 20 : 0),
      direction: "ingress",
      audiences: i % 2 ? ["admin"] : ["internal"],
      required: true,
      description: `Generated entry ${i} of a benchmark user catalog, about as long as real descriptions are`,
      source: { document: "acme-ports.md", section: `Section ${i % 40}` },
    } satisfies CatalogEntry;
  });
}

/** Planning a user catalog of 1k … 100k entries, admin from one /24. */
export function catalogSizeSeries(sizes = [1_000, 10_000, 100_000]): Series {
  return series(
    "plan a user catalog of N entries (admin /24)",
    "entries",
    sizes.map((n) => {
      const entries = userCatalog(n, 1);
      let output = 0;
      const ms = timeMedian(3, () => {
        output = planRules([{ name: "acme", entries }], { cloud: AWS_PROFILE, sources: { admin: { cidrIpv4: ["10.0.0.0/24"] } } }).rules.length;
      });
      return { n, ms, output };
    }),
  );
}

/** Conflicts between the 4 products of a user catalog of 1k … 100k entries. */
export function conflictsSeries(sizes = [1_000, 10_000, 100_000]): Series {
  return series(
    "conflicts among 4 products of N entries",
    "entries",
    sizes.map((n) => {
      const listeners: Listener[] = userCatalog(n).map((e) => ({ product: e.variant, entryId: e.id, service: e.service, protocol: e.protocol, fromPort: e.fromPort, toPort: e.toPort }));
      let output = 0;
      const ms = timeMedian(3, () => {
        output = findConflicts(listeners).length;
      });
      return { n, ms, output };
    }),
  );
}

/** Registering N rules through a component under the Pulumi mocks (OpenStack, N admin /32s on one port). */
export async function registeredRulesSeries(sizes = [1_000, 5_000]): Promise<Series> {
  const { CatalogSecGroupRules } = await import("../components/index.js");
  const points: SeriesPoint[] = [];
  let run = 0;
  for (const n of sizes) {
    const times: number[] = [];
    let output = 0;
    // The SDK's registration dominates (seconds per thousand resources): fewer runs for the largest.
    for (let i = 0; i < (n >= 5_000 ? 1 : 3); i++) {
      const recorder = await setupMocks({ project: "bench", stack: "bench" });
      const t0 = process.hrtime.bigint();
      // Horizon's dashboard is one admin port (443/80 are public): one rule per admin CIDR and family.
      new CatalogSecGroupRules(`bench-${run}`, {
        securityGroupId: "sg-bench",
        products: [{ product: "openstack/kilo", roles: ["controller"] }],
        sources: { admin: { cidrIpv4: adminCidrs(n, run++) } },
        projectRuleQuota: 1_000_000,
      });
      await recorder.settled();
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      output = recorder.resources.filter((r) => r.type === "openstack:networking/secGroupRule:SecGroupRule").length;
    }
    points.push({ n, ms: median(times), output });
  }
  return series("register rules under mocks (component to settled)", "CIDRs", points);
}

export interface LoadPoint {
  megabytes: number;
  entries: number;
  /** loadCatalogFile: read, JSON.parse, validate. */
  ms: number;
  /** Peak resident memory of the whole process that loaded it. */
  peakRssMiB: number;
}

/** Loading (read, parse, validate) a ~10 MB and a ~27 MB JSON user catalog, each in a fresh process. */
export function catalogLoadSeries(megabytes = [10, 27]): LoadPoint[] {
  const dir = mkdtempSync(join(tmpdir(), "portcatalog-bench-"));
  try {
    const perEntry = JSON.stringify(userCatalog(1_000)).length / 1_000;
    return megabytes.map((mb) => {
      const file = join(dir, `catalog-${mb}mb.json`);
      writeFileSync(file, JSON.stringify({ entries: userCatalog(Math.round((mb * 1e6) / perEntry)) }));
      const runs = [0, 1, 2].map(() => {
        const r = spawnSync(process.execPath, ["--import", "tsx", join(__dirname, "load-catalog-process.ts"), file], { encoding: "utf8" });
        if (r.status !== 0) throw new Error(`loading ${file}: ${r.stderr}`);
        return JSON.parse(r.stdout) as { entries: number; ms: number; peakRssMiB: number };
      });
      return { megabytes: Number((statSync(file).size / 1e6).toFixed(1)), entries: runs[0].entries, ms: median(runs.map((r) => r.ms)), peakRssMiB: median(runs.map((r) => r.peakRssMiB)) };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
