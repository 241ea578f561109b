import { expect } from "chai";
import fc from "fast-check";
import ipaddr from "ipaddr.js";
import type { Audience, CatalogEntry, Direction, OffsetBehaviour, Protocol } from "../catalog/index.js";
import { applyOffset } from "../catalog/index.js";
import { type Cloud, type Peer, type PeerSet, type PlannedRule, peerKey, planRules, resolvePeerSet, ruleKey, type Selection, type Sources, splitIntoGroups, usage } from "../planner/index.js";

// Small port space so the reference model can enumerate every port; offsets still apply.
const arbEntry = (i: number) =>
  fc
    .record({
      protocol: fc.constantFrom<Protocol>("tcp", "udp"),
      direction: fc.constantFrom<Direction>("ingress", "ingress", "egress"),
      fromPort: fc.integer({ min: 1, max: 120 }),
      width: fc.integer({ min: 0, max: 8 }),
      audiences: fc.uniqueArray(fc.constantFrom<Audience>("public", "admin", "internal"), { minLength: 1, maxLength: 3 }),
      feature: fc.constantFrom<string | undefined>(undefined, undefined, "f1", "f2"),
      offset: fc.constantFrom<OffsetBehaviour>("product", "fixed", "analytics-server"),
    })
    .map(
      (r): CatalogEntry => ({
        id: `t/v/e${i}`,
        catalog: "t",
        variant: "v",
        service: `S${i}`,
        protocol: r.protocol,
        fromPort: r.fromPort,
        toPort: r.fromPort + r.width,
        direction: r.direction,
        audiences: r.audiences,
        required: r.feature === undefined,
        ...(r.feature ? { feature: r.feature } : {}),
        offset: r.offset,
        description: `entry ${i}`,
        source: { document: "test", section: "property" },
      }),
    );

const arbEntries = fc.integer({ min: 1, max: 14 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbEntry(i))));

const arbSelections = fc
  .array(fc.record({ entries: arbEntries, portOffset: fc.integer({ min: 0, max: 30 }), analyticsPortOffset: fc.integer({ min: 0, max: 5 }) }), { minLength: 1, maxLength: 3 })
  .map((list): Selection[] =>
    list.map((s, n) => ({
      name: `p${n}`,
      // Each selection has its own ids, as products do.
      entries: s.entries.map((e) => ({ ...e, id: `t/v${n}/${e.id.split("/")[2]}`, variant: `v${n}` })),
      offsets: { portOffset: s.portOffset, analyticsPortOffset: s.analyticsPortOffset },
    })),
  );

// Neutron has no prefix lists, so OpenStack peer sets never draw one.
const arbPeerSet = (cloud: Cloud): fc.Arbitrary<PeerSet> =>
  fc
    .record({
      cidrIpv4: fc.subarray(["0.0.0.0/0", "10.0.0.0/8", "10.1.0.0/16", "192.168.1.0/24"]),
      cidrIpv6: fc.subarray(["::/0", "2001:db8::/32"]),
      securityGroups: fc.subarray([{ id: "sg-a" }, { id: "sg-b", name: "bastion" }]),
      prefixLists: cloud === "aws" ? fc.subarray([{ id: "pl-1", maxEntries: 3 }]) : fc.constant<{ id: string; maxEntries: number }[]>([]),
      self: fc.boolean(),
    })
    .filter((s) => s.cidrIpv4.length + s.cidrIpv6.length + s.securityGroups.length + s.prefixLists.length > 0 || s.self);

const arbSources = (cloud: Cloud): fc.Arbitrary<Sources> =>
  fc.record({ public: fc.option(arbPeerSet(cloud), { nil: undefined }), admin: fc.option(arbPeerSet(cloud), { nil: undefined }), internal: fc.option(arbPeerSet(cloud), { nil: undefined }) });

const arbCase = fc.constantFrom<Cloud>("aws", "openstack").chain((cloud) =>
  fc.record({
    selections: arbSelections,
    sources: arbSources(cloud),
    cloud: fc.constant(cloud),
    features: fc.subarray(["f1", "f2"]),
    allFeatures: fc.boolean(),
  }),
);

type Case = { selections: Selection[]; sources: Sources; cloud: Cloud; features: string[]; allFeatures: boolean };

/** Features named must exist in the selection, as the planner demands. */
const usableFeatures = (c: Case) => c.features.filter((f) => c.selections.some((s) => s.entries.some((e) => e.feature === f)));

/** Containment, written here with ipaddr.js rather than taken from the planner. */
function within(inner: string, outer: string): boolean {
  const [ia, ip] = ipaddr.parseCIDR(inner);
  const [oa, op] = ipaddr.parseCIDR(outer);
  return ia.kind() === oa.kind() && op < ip && ia.match(oa, op);
}

/**
 * Reference model, written independently of the planner: one tuple per (direction, ethertype,
 * protocol, port, peer), less the CIDR tuples a wider requested CIDR already allows on that port.
 */
function expectedTuples(c: Case): Set<string> {
  const peersFor = (a: Audience): Peer[] => {
    const given = c.sources[a];
    const set: PeerSet | undefined = given ?? (a === "public" ? { cidrIpv4: ["0.0.0.0/0"], cidrIpv6: ["::/0"] } : a === "internal" ? { self: true } : undefined);
    return set ? resolvePeerSet(a, set) : [];
  };
  const out = new Set<string>();
  const cidrs = new Map<string, string[]>();
  const features = new Set(usableFeatures(c));
  for (const s of c.selections) {
    for (const e of s.entries) {
      if (!e.required && !c.allFeatures && !features.has(e.feature as string)) continue;
      const { fromPort, toPort } = applyOffset(e, s.offsets);
      for (const peer of e.audiences.flatMap(peersFor)) {
        const families = peer.kind === "cidr" ? [peer.ethertype] : c.cloud === "aws" ? ["any"] : ["IPv4", "IPv6"];
        for (const fam of families) {
          for (let p = fromPort; p <= toPort; p++) {
            out.add(`${e.direction}|${fam}|${e.protocol}|${p}|${peerKey(peer)}`);
            if (peer.kind === "cidr") cidrs.set(`${e.direction}|${fam}|${e.protocol}|${p}`, [...(cidrs.get(`${e.direction}|${fam}|${e.protocol}|${p}`) ?? []), peer.cidr]);
          }
        }
      }
    }
  }
  const covered = new Map<string, boolean>();
  const isWithin = (inner: string, outer: string) => {
    const k = `${inner}<${outer}`;
    if (!covered.has(k)) covered.set(k, within(inner, outer));
    return covered.get(k);
  };
  for (const [slot, list] of cidrs) {
    for (const inner of list) {
      if (list.some((outer) => isWithin(inner, outer))) out.delete(`${slot}|${peerKey({ kind: "cidr", cidr: inner, ethertype: inner.includes(":") ? "IPv6" : "IPv4" })}`);
    }
  }
  return out;
}

function ruleTuples(rules: PlannedRule[]): Set<string> {
  const out = new Set<string>();
  for (const r of rules) for (let p = r.fromPort; p <= r.toPort; p++) out.add(`${r.direction}|${r.ethertype}|${r.protocol}|${p}|${peerKey(r.peer)}`);
  return out;
}

const plan = (c: Case) => planRules(c.selections, { cloud: c.cloud, sources: c.sources, features: usableFeatures(c), allFeatures: c.allFeatures });
const groupOf = (r: PlannedRule) => `${r.direction}|${r.ethertype}|${r.protocol}|${peerKey(r.peer)}`;

describe("planner properties (fast-check)", () => {
  it("exact: the rules allow exactly the requested tuples (10,000 random selections, offsets and peer sets)", function () {
    this.timeout(240_000);
    fc.assert(
      fc.property(arbCase, (c) => {
        const rules = plan(c).rules;
        expect([...ruleTuples(rules)].sort()).to.deep.equal([...expectedTuples(c)].sort());
      }),
      { numRuns: 10_000 },
    );
  });

  it("minimal: within each (direction, ethertype, protocol, peer) rules are disjoint and never adjacent; keys are unique", () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        const rules = plan(c).rules;
        expect(new Set(rules.map((r) => r.key)).size).to.equal(rules.length);
        const groups = new Map<string, PlannedRule[]>();
        for (const r of rules) groups.set(groupOf(r), [...(groups.get(groupOf(r)) ?? []), r]);
        for (const list of groups.values()) {
          list.sort((a, b) => a.fromPort - b.fromPort);
          for (let i = 1; i < list.length; i++) expect(list[i].fromPort, list[i].key).to.be.greaterThan(list[i - 1].toPort + 1);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it("stable: adding one entry changes only the rules on its ports (and their neighbours) in its direction, family and protocol", () => {
    fc.assert(
      fc.property(arbCase, arbEntry(99), (c, extra) => {
        const added = { ...extra, id: "t/v0/extra", variant: "v0", required: true, feature: undefined };
        delete (added as Partial<CatalogEntry>).feature;
        const before = plan(c).rules;
        const withExtra: Case = { ...c, selections: c.selections.map((s, i) => (i === 0 ? { ...s, entries: [...s.entries, added] } : s)) };
        const after = plan(withExtra).rules;
        const { fromPort, toPort } = applyOffset(added, c.selections[0].offsets);
        // A new wider CIDR can also trim a narrower CIDR's rules on the same ports.
        const slot = (r: PlannedRule) => `${r.direction}|${r.ethertype}|${r.protocol}`;
        const touchedSlots = new Set(after.filter((r) => r.entries.includes("t/v0/extra")).map(slot));
        const touches = (r: PlannedRule) => touchedSlots.has(slot(r)) && r.fromPort <= toPort + 1 && r.toPort >= fromPort - 1;
        const afterKeys = new Map(after.map((r) => [r.key, r]));
        for (const r of before.filter((x) => !touches(x))) {
          const same = afterKeys.get(r.key);
          expect(same, `rule ${r.key} disappeared`).to.not.equal(undefined);
          expect([same?.fromPort, same?.toPort]).to.deep.equal([r.fromPort, r.toPort]);
        }
        const beforeKeys = new Set(before.map((r) => r.key));
        for (const r of after.filter((x) => !touches(x))) expect(beforeKeys.has(r.key), `rule ${r.key} appeared`).to.equal(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it("order-independent: shuffling entries gives the same plan", () => {
    fc.assert(
      fc.property(arbCase, fc.integer(), (c, seed) => {
        const shuffled = c.selections.map((s) => ({ ...s, entries: [...s.entries].sort((a, b) => ((a.id.length * 31 + seed) % 7) - ((b.id.length * 17 + seed) % 5)) }));
        expect(plan({ ...c, selections: shuffled }).rules.map((r) => r.key)).to.deep.equal(plan(c).rules.map((r) => r.key));
      }),
      { numRuns: 1_000 },
    );
  });
});

describe("quota split properties (fast-check)", () => {
  const arbRule = fc.record({
    kind: fc.constantFrom("v4", "v6", "ref"),
    direction: fc.constantFrom<Direction>("ingress", "egress"),
    port: fc.integer({ min: 1, max: 65535 }),
  });
  it("with unit costs (no prefix lists) it always uses exactly the lower bound of groups, none over the limit", () => {
    fc.assert(
      fc.property(fc.uniqueArray(arbRule, { selector: (r) => `${r.kind}|${r.direction}|${r.port}`, maxLength: 200 }), fc.integer({ min: 1, max: 12 }), (specs, limit) => {
        const rules: PlannedRule[] = specs.map((r) => {
          const peer: Peer = r.kind === "ref" ? { kind: "self" } : { kind: "cidr", cidr: r.kind === "v4" ? "10.0.0.0/8" : "::/0", ethertype: r.kind === "v4" ? "IPv4" : "IPv6" };
          const ethertype: PlannedRule["ethertype"] = r.kind === "ref" ? "any" : r.kind === "v4" ? "IPv4" : "IPv6";
          const base = { direction: r.direction, ethertype, protocol: "tcp" as const, fromPort: r.port, toPort: r.port, peer };
          return { ...base, key: ruleKey(base), description: "d", entries: [], services: [] };
        });
        const split = splitIntoGroups(rules, limit);
        expect(split.groups.length).to.equal(split.lowerBound);
        for (const g of split.groups) for (const n of Object.values(usage(g))) expect(n).to.be.at.most(limit);
        expect(split.groups.flat().length).to.equal(rules.length);
      }),
      { numRuns: 2_000 },
    );
  });
});
