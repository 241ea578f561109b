import { expect } from "chai";
import fc from "fast-check";
import { PortcatalogError } from "../catalog/errors.js";
import { AZURE_RULE_SHAPE } from "../components/azure/profile.js";
import { azureRuleName } from "../components/azure/rules.js";
import { derivedPriority, type ListRule, type Peer, type PlannedRule, planListRules, ruleKey } from "../planner/index.js";

// Azure priorities under random sequences of changes: a rule that stays keeps its priority, and no
// moment of a deployment has two rules on one priority in a direction.

const PEERS: Peer[] = [
  { kind: "cidr", cidr: "0.0.0.0/0", ethertype: "IPv4" },
  { kind: "cidr", cidr: "10.0.0.0/8", ethertype: "IPv4" },
  { kind: "cidr", cidr: "192.168.1.0/24", ethertype: "IPv4" },
  { kind: "cidr", cidr: "::/0", ethertype: "IPv6" },
  { kind: "self" },
  { kind: "security-group", name: "asg-ops", id: "/asg/ops" },
  { kind: "security-group", name: "asg-web", id: "/asg/web" },
];

type Atom = { direction: "ingress" | "egress"; protocol: "tcp" | "udp"; peer: number; fromPort: number; toPort: number };
const arbAtom = fc
  .record({ direction: fc.constantFrom("ingress" as const, "ingress" as const, "egress" as const), protocol: fc.constantFrom("tcp" as const, "udp" as const), peer: fc.nat(PEERS.length - 1), fromPort: fc.integer({ min: 1, max: 60 }), width: fc.nat(3) })
  .map(({ width, ...a }): Atom => ({ ...a, toPort: a.fromPort + width }));

type Change = { op: "add"; atom: Atom } | { op: "remove"; index: number } | { op: "change"; index: number; fromPort: number };
const arbChange: fc.Arbitrary<Change> = fc.oneof(
  arbAtom.map((atom) => ({ op: "add" as const, atom })),
  fc.nat(40).map((index) => ({ op: "remove" as const, index })),
  fc.record({ index: fc.nat(40), fromPort: fc.integer({ min: 1, max: 60 }) }).map((c) => ({ op: "change" as const, ...c })),
);

function planned(atoms: readonly Atom[]): PlannedRule[] {
  return atoms.map((a) => {
    const peer = PEERS[a.peer];
    const ethertype = peer.kind === "cidr" ? peer.ethertype : "any";
    const r = { direction: a.direction, protocol: a.protocol, fromPort: a.fromPort, toPort: a.toPort, peer, ethertype } as const;
    return { ...r, key: ruleKey(r), description: "d", entries: ["e"], services: ["s"] };
  });
}

/** Plans as a user would: on a priority clash, pin the rule being added or changed to the free priority the error names. */
function planAsUser(atoms: readonly Atom[], pins: Record<string, number>, before: readonly ListRule[]): ListRule[] {
  const known = new Set(before.map((r) => r.key));
  for (const key of Object.keys(pins)) if (!planListRulesKeys(atoms).has(key)) delete pins[key];
  for (let tries = 0; tries < 10; tries++) {
    try {
      return planListRules(planned(atoms), AZURE_RULE_SHAPE, pins);
    } catch (err) {
      if (!(err instanceof PortcatalogError)) throw err;
      const offers = [...err.message.matchAll(/\{ "([^"]+)": (\d+) \}/g)].map((m) => [m[1], Number(m[2])] as const);
      const fresh = offers.find(([k]) => !known.has(k));
      if (!fresh) throw err;
      pins[fresh[0]] = fresh[1];
    }
  }
  throw new Error("no plan after 10 pins");
}

// The keys a plan would have, whatever the priorities: planned with an empty shape's priorities checked off.
function planListRulesKeys(atoms: readonly Atom[]): Set<string> {
  try {
    return new Set(planListRules(planned(atoms), { ...AZURE_RULE_SHAPE, priorityMin: 1, priorityMax: 2 ** 31, reservedAtEnd: 0 }).map((r) => r.key));
  } catch {
    return new Set();
  }
}

function apply(atoms: Atom[], change: Change): Atom[] {
  if (change.op === "add") return [...atoms, change.atom];
  if (!atoms.length) return atoms;
  const i = change.index % atoms.length;
  if (change.op === "remove") return atoms.filter((_, j) => j !== i);
  const width = atoms[i].toPort - atoms[i].fromPort;
  return atoms.map((a, j) => (j === i ? { ...a, fromPort: change.fromPort, toPort: change.fromPort + width } : a));
}

/**
 * Every moment of deploying `after` over `before` as Pulumi does: creates and updates in program
 * order, then deletes; a replaced resource (its Azure name changed under one Pulumi name) is deleted
 * first when `deleteBeforeReplace`, else created first and the old one deleted at the end. Returns
 * the first moment with two live rules on one direction and priority.
 */
function deploymentClash(before: readonly ListRule[], after: readonly ListRule[], nameOf: (r: ListRule) => string, deleteBeforeReplace: boolean): string | undefined {
  const live = new Map<string, ListRule>(before.map((r) => [nameOf(r), r]));
  const replaced: ListRule[] = [];
  const check = (extra: readonly ListRule[]) => {
    const seen = new Set<string>();
    for (const r of [...live.values(), ...extra]) {
      const slot = `${r.direction}|${r.priority}`;
      if (seen.has(slot)) return slot;
      seen.add(slot);
    }
    return undefined;
  };
  for (const r of after) {
    const name = nameOf(r);
    const old = live.get(name);
    if (old && azureRuleName(old.direction, old.priority) !== azureRuleName(r.direction, r.priority)) {
      if (deleteBeforeReplace) live.set(name, r);
      else replaced.push(old), live.set(name, r);
    } else live.set(name, r);
    const clash = check(replaced);
    if (clash) return clash;
  }
  return undefined;
}

const names = { byPriority: (r: ListRule) => azureRuleName(r.direction, r.priority), byKey: (r: ListRule) => r.key };

describe("Azure priorities (property)", () => {
  it("a rule that stays keeps its priority through any sequence of adds, removes and changes; each priority is its key's or its pin", () => {
    fc.assert(
      fc.property(fc.array(arbAtom, { maxLength: 10 }), fc.array(arbChange, { minLength: 1, maxLength: 12 }), (start, changes) => {
        const pins: Record<string, number> = {};
        let atoms = start;
        let rules = planAsUser(atoms, pins, []);
        for (const change of changes) {
          atoms = apply(atoms, change);
          const next = planAsUser(atoms, pins, rules);
          const was = new Map(rules.map((r) => [r.key, r.priority]));
          for (const r of next) {
            expect(r.priority).to.equal(r.pinned ? pins[r.key] : derivedPriority(r.key, AZURE_RULE_SHAPE));
            if (was.has(r.key)) expect(r.priority, `${r.key} moved`).to.equal(was.get(r.key));
            expect(r.priority).to.be.within(100, 4094);
          }
          for (const d of ["ingress", "egress"]) {
            const ps = next.filter((r) => r.direction === d).map((r) => r.priority);
            expect(new Set(ps).size, `${d} priorities unique`).to.equal(ps.length);
          }
          // Resource names follow priorities, and a replace deletes first: no moment clashes.
          expect(deploymentClash(rules, next, names.byPriority, true)).to.equal(undefined);
          rules = next;
        }
      }),
      { numRuns: 150 },
    );
  });

  it("the deployment model bites: two rules on one priority at one moment are found", () => {
    const a: ListRule = { key: "a", direction: "ingress", protocol: "tcp", ethertype: "any", peers: [], ports: [], priority: 500, pinned: true, description: "", entries: [], services: [], covers: [] };
    // Rules named by key: the new one is created while the old still holds 500.
    expect(deploymentClash([a], [{ ...a, key: "b" }], names.byKey, false)).to.equal("ingress|500");
    // Named by priority it is one resource, updated in place.
    expect(deploymentClash([a], [{ ...a, key: "b" }], names.byPriority, false)).to.equal(undefined);
    // A replace under one Pulumi name onto a priority another rule leaves: create-before-delete clashes, delete-before-replace does not.
    const before = [a, { ...a, key: "c", priority: 501 }];
    const after = [{ ...a, key: "c", priority: 500 }];
    expect(deploymentClash(before, after, names.byKey, false)).to.equal("ingress|500");
  });
});

describe("Azure limits (plan time, with the numbers)", () => {
  const rule = (peer: Peer, port: number): PlannedRule => {
    const r = { direction: "ingress" as const, protocol: "tcp" as const, fromPort: port, toPort: port, peer, ethertype: peer.kind === "cidr" ? peer.ethertype : ("any" as const) };
    return { ...r, key: ruleKey(r), description: "d", entries: ["e"], services: ["s"] };
  };
  it("more than 10 application security groups needing one port set split into rules of at most 10", () => {
    const groups: Peer[] = Array.from({ length: 23 }, (_, i) => ({ kind: "security-group", name: `asg-${i}`, id: `/asg/${i}` }));
    const rules = planListRules(groups.map((g) => rule(g, 443)), AZURE_RULE_SHAPE);
    expect(rules.map((r) => r.peers.length).sort((a, b) => a - b)).to.deep.equal([3, 10, 10]);
  });
  it("100 application security groups per NSG, 4,000 addresses per side and 1,000 rules per NSG fail with the numbers", () => {
    const groups: Peer[] = Array.from({ length: 100 }, (_, i) => ({ kind: "security-group", name: `asg-${i}`, id: `/asg/${i}` }));
    expect(() => planListRules(groups.map((g) => rule(g, 443)), AZURE_RULE_SHAPE)).to.throw(PortcatalogError, "101 application groups named by the rules exceed the 100");
    const cidrs: Peer[] = Array.from({ length: 4001 }, (_, i) => ({ kind: "cidr", cidr: `10.${i >> 8}.${i & 255}.0/24`, ethertype: "IPv4" }));
    expect(() => planListRules(cidrs.map((c) => rule(c, 443)), AZURE_RULE_SHAPE)).to.throw(PortcatalogError, "4001 source addresses and ranges exceed the 4000");
    // One peer per port set: 999 rules plus the 2 closing ones.
    const many = Array.from({ length: 999 }, (_, i) => rule({ kind: "cidr", cidr: `10.0.${i >> 2}.${(i & 3) * 64}/26`, ethertype: "IPv4" }, 1000 + i * 2));
    expect(() => planListRules(many, AZURE_RULE_SHAPE)).to.throw(PortcatalogError, "999 rules plus 2 closing rules exceed the 1000 rules a group may hold");
  });
});
