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

/** Ports of one (direction, ethertype, protocol, peer), one flag per port: the port space here is small. */
type Tuples = Map<string, Uint8Array>;

/** More than any test port: 128 + offsets of at most 30 and 5. */
const PORTS = 256;

function portsOf(tuples: Tuples, key: string): Uint8Array {
  let ports = tuples.get(key);
  if (!ports) tuples.set(key, (ports = new Uint8Array(PORTS)));
  return ports;
}

/** One line per (direction, ethertype, protocol, peer) with any port: its open ports as maximal runs (one way to write a set). */
function listTuples(tuples: Tuples): string[] {
  const lines: string[] = [];
  for (const [key, ports] of tuples) {
    const runs: string[] = [];
    for (let p = ports.indexOf(1); p !== -1; ) {
      let end = p;
      while (end + 1 < PORTS && ports[end + 1]) end++;
      runs.push(p === end ? `${p}` : `${p}-${end}`);
      p = end + 1 < PORTS ? ports.indexOf(1, end + 1) : -1;
    }
    if (runs.length) lines.push(`${key}|${runs.join(",")}`);
  }
  return lines.sort();
}

/** A requested peer and its port sets per `direction|protocol`, one per family it needs. */
type ModelPeer = { peer: Peer; key: string; families: string[]; slots: Map<string, Uint8Array[]> };

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
        families: peer.kind === "cidr" ? [peer.ethertype] : c.cloud === "aws" ? ["any"] : ["IPv4", "IPv6"],
        slots: new Map(),
      }));
      resolved.set(a, peers);
    }
    return peers;
  };
  /** A peer's port sets for one direction and protocol, made (and its CIDR noted) on first request. */
  const requested = (m: ModelPeer, direction: string, protocol: string): Uint8Array[] => {
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
      for (const a of e.audiences) for (const m of peersFor(a)) for (const ports of requested(m, e.direction, e.protocol)) ports.fill(1, fromPort, toPort + 1);
    }
  }
  for (const [slot, list] of cidrs) {
    const key = (cidr: string) => `${slot}|${peerKey({ kind: "cidr", cidr, ethertype: cidr.includes(":") ? "IPv6" : "IPv4" })}`;
    // As requested, before anything is taken away.
    const asRequested = new Map([...list].map((cidr) => [cidr, Uint8Array.from(out.get(key(cidr)) as Uint8Array)]));
    for (const inner of list) {
      const ports = out.get(key(inner)) as Uint8Array;
      for (const outer of list) {
        if (!within(inner, outer)) continue;
        const wider = asRequested.get(outer) as Uint8Array;
        for (let p = 0; p < PORTS; p++) if (wider[p]) ports[p] = 0;
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
    if (r.fromPort < 1 || r.toPort >= PORTS) out.set(`${key}|outside 1-${PORTS - 1}: ${r.fromPort}-${r.toPort}`, Uint8Array.of(1));
    const ports = portsOf(out, key);
    for (let p = r.fromPort; p <= Math.min(r.toPort, PORTS - 1); p++) ports[p] = 1;
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
