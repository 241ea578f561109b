import { expect } from "chai";
import fc from "fast-check";
import ipaddr from "ipaddr.js";
import type { Audience } from "../catalog/index.js";
import { applyOffset } from "../catalog/index.js";
import { type Peer, type PeerSet, type PlannedRule, peerKey, resolvePeerSet } from "../planner/index.js";
import { arbCase, type Case, plan, usableFeatures } from "./support/planner-arbitraries.js";

/** Containment, written here with ipaddr.js rather than taken from the planner; each pair decided once per run. */
const withinMemo = new Map<string, boolean>();
function within(inner: string, outer: string): boolean {
  const key = `${inner}<${outer}`;
  let known = withinMemo.get(key);
  if (known === undefined) {
    // Each side parsed by its own family (a colon means IPv6): ipaddr.parseCIDR would throw on every IPv4 CIDR first.
    const parse = (cidr: string) => (cidr.includes(":") ? ipaddr.IPv6.parseCIDR(cidr) : ipaddr.IPv4.parseCIDR(cidr));
    const [ia, ip] = parse(inner);
    const [oa, op] = parse(outer);
    known = ia.kind() === oa.kind() && op < ip && ia.match(oa as never, op);
    withinMemo.set(key, known);
  }
  return known;
}

/** Ports of one (direction, ethertype, protocol, peer), one bit per port: the port space here is small. */
type Ports = Uint32Array;
type Tuples = Map<string, Ports>;

/** More than any test port: 128 + offsets of at most 30 and 5. */
const PORTS = 256;
// 32 bytes, which V8 keeps on its heap: a 256-byte array of flags was a costly allocation each.
const WORDS = PORTS / 32;

/** Opens ports `from..to` (within 0..PORTS-1), a word's run of bits at a time. */
function open(ports: Ports, from: number, to: number): void {
  for (let p = from; p <= to; p = (p | 31) + 1) {
    const hi = Math.min(31, to - (p & ~31));
    ports[p >>> 5] |= (-1 >>> (31 - hi)) & (-1 << (p & 31));
  }
}

/** The first port from `p` on that is open (`want` 1) or closed (`want` 0); PORTS if none. */
function next(ports: Ports, p: number, want: 0 | 1): number {
  for (; p < PORTS; p = (p | 31) + 1) {
    const bits = (want ? ports[p >>> 5] : ~ports[p >>> 5]) >>> (p & 31);
    if (bits) return p + 31 - Math.clz32(bits & -bits);
  }
  return PORTS;
}

function portsOf(tuples: Tuples, key: string): Ports {
  let ports = tuples.get(key);
  if (!ports) tuples.set(key, (ports = new Uint32Array(WORDS)));
  return ports;
}

/** One line per (direction, ethertype, protocol, peer) with any port: its open ports as maximal runs (one way to write a set). */
function listTuples(tuples: Tuples): string[] {
  const lines: string[] = [];
  for (const [key, ports] of tuples) {
    const runs: string[] = [];
    for (let p = next(ports, 0, 1); p < PORTS; p = next(ports, p, 1)) {
      const end = next(ports, p, 0) - 1;
      runs.push(p === end ? `${p}` : `${p}-${end}`);
      p = end + 1;
    }
    if (runs.length) lines.push(`${key}|${runs.join(",")}`);
  }
  return lines.sort();
}

/** A requested peer and its port sets per `direction|protocol`, one per family it needs. */
type ModelPeer = { peer: Peer; key: string; families: string[]; slots: Map<string, Ports[]> };

/**
 * Reference model, written independently of the planner: every (direction, ethertype, protocol,
 * port, peer) tuple requested, port by port, less the CIDR tuples a wider requested CIDR already
 * allows on that port.
 */
function expectedTuples(c: Case): string[] {
  const out: Tuples = new Map();
  // CIDR peers per (direction, ethertype, protocol): the candidates for "a wider CIDR allows it".
  const cidrs = new Map<string, Set<string>>();
  // Each audience's peers resolved once per case, not once per entry.
  const resolved = new Map<Audience, ModelPeer[]>();
  const peersFor = (a: Audience): ModelPeer[] => {
    let peers = resolved.get(a);
    if (!peers) {
      const given = c.sources[a];
      const set: PeerSet | undefined = given ?? (a === "public" ? { cidrIpv4: ["0.0.0.0/0"], cidrIpv6: ["::/0"] } : a === "internal" ? { self: true } : undefined);
      peers = (set ? resolvePeerSet(a, set) : []).map((peer) => ({
        peer,
        key: peerKey(peer),
        families: peer.kind === "cidr" ? [peer.ethertype] : c.cloud.name === "aws" ? ["any"] : ["IPv4", "IPv6"],
        slots: new Map(),
      }));
      resolved.set(a, peers);
    }
    return peers;
  };
  /** A peer's port sets for one direction and protocol, made (and its CIDR noted) on first request. */
  const requested = (m: ModelPeer, direction: string, protocol: string): Ports[] => {
    const dp = `${direction}|${protocol}`;
    let sets = m.slots.get(dp);
    if (!sets) {
      sets = m.families.map((fam) => {
        const slot = `${direction}|${fam}|${protocol}`;
        if (m.peer.kind === "cidr") cidrs.set(slot, (cidrs.get(slot) ?? new Set()).add(m.peer.cidr));
        return portsOf(out, `${slot}|${m.key}`);
      });
      m.slots.set(dp, sets);
    }
    return sets;
  };
  const features = new Set(usableFeatures(c));
  for (const s of c.selections) {
    for (const e of s.entries) {
      if (!e.required && !c.allFeatures && !features.has(e.feature as string)) continue;
      const { fromPort, toPort } = applyOffset(e, s.offsets);
      if (fromPort < 1 || toPort >= PORTS) throw new Error(`test ports ${fromPort}-${toPort} beyond the model's 1-${PORTS - 1}`);
      for (const a of e.audiences) for (const m of peersFor(a)) for (const ports of requested(m, e.direction, e.protocol)) open(ports, fromPort, toPort);
    }
  }
  for (const [slot, list] of cidrs) {
    const key = (cidr: string) => `${slot}|${peerKey({ kind: "cidr", cidr, ethertype: cidr.includes(":") ? "IPv6" : "IPv4" })}`;
    // As requested, before anything is taken away.
    const asRequested = new Map([...list].map((cidr) => [cidr, (out.get(key(cidr)) as Ports).slice()]));
    for (const inner of list) {
      const ports = out.get(key(inner)) as Ports;
      for (const outer of list) {
        if (!within(inner, outer)) continue;
        // Every port the wider CIDR was asked for is closed here: 32 ports at a time.
        const wider = asRequested.get(outer) as Ports;
        for (let w = 0; w < WORDS; w++) ports[w] &= ~wider[w];
      }
    }
  }
  return listTuples(out);
}

function ruleTuples(rules: PlannedRule[]): string[] {
  const out: Tuples = new Map();
  for (const r of rules) {
    const key = `${r.direction}|${r.ethertype}|${r.protocol}|${peerKey(r.peer)}`;
    // Beyond the test's port space: never requested, so it must fail the comparison, not vanish.
    if (r.fromPort < 1 || r.toPort >= PORTS) open(portsOf(out, `${key}|outside 1-${PORTS - 1}: ${r.fromPort}-${r.toPort}`), 0, 0);
    open(portsOf(out, key), Math.max(r.fromPort, 0), Math.min(r.toPort, PORTS - 1));
  }
  return listTuples(out);
}

describe("planner properties (fast-check)", () => {
  it("exact: the rules allow exactly the requested tuples (10,000 random selections, offsets and peer sets)", function () {
    this.timeout(240_000);
    fc.assert(
      fc.property(arbCase, (c) => {
        const rules = plan(c).rules;
        expect(ruleTuples(rules)).to.deep.equal(expectedTuples(c));
      }),
      { numRuns: 10_000 },
    );
  });
});
