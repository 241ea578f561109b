import { expect } from "chai";
import fc from "fast-check";
import type { CatalogEntry, Direction } from "../catalog/index.js";
import { applyOffset } from "../catalog/index.js";
import { type Peer, type PlannedRule, ruleKey, splitIntoGroups, usage } from "../planner/index.js";
import { arbCase, arbEntry, type Case, groupOf, plan } from "./support/planner-arbitraries.js";

// The planner's other properties, beside planner.property.test.ts (exactness) so both run at once.
describe("planner properties (fast-check)", () => {
  it("minimal: within each (direction, ethertype, protocol, peer) rules are disjoint and never adjacent; keys are unique", () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        const rules = plan(c).rules;
        expect(new Set(rules.map((r) => r.key)).size).to.equal(rules.length);
        const groups = new Map<string, PlannedRule[]>();
        for (const r of rules) {
          const g = groupOf(r);
          const list = groups.get(g);
          if (list) list.push(r);
          else groups.set(g, [r]);
        }
        // Checked in plain code, asserted once: a chai assertion per rule cost more than planning.
        const touching: string[] = [];
        for (const list of groups.values()) {
          list.sort((a, b) => a.fromPort - b.fromPort);
          for (let i = 1; i < list.length; i++) if (!(list[i].fromPort > list[i - 1].toPort + 1)) touching.push(`${list[i].key} starts at ${list[i].fromPort}, not above ${list[i - 1].toPort + 1}`);
        }
        expect(touching, touching.join("; ")).to.deep.equal([]);
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
        // Collected, then asserted once (a chai assertion per rule cost more than planning).
        const changed: string[] = [];
        for (const r of before.filter((x) => !touches(x))) {
          const same = afterKeys.get(r.key);
          if (same === undefined) changed.push(`rule ${r.key} disappeared`);
          else if (same.fromPort !== r.fromPort || same.toPort !== r.toPort) changed.push(`rule ${r.key} moved from ${r.fromPort}-${r.toPort} to ${same.fromPort}-${same.toPort}`);
        }
        const beforeKeys = new Set(before.map((r) => r.key));
        for (const r of after.filter((x) => !touches(x))) if (!beforeKeys.has(r.key)) changed.push(`rule ${r.key} appeared`);
        expect(changed, changed.join("; ")).to.deep.equal([]);
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
        const over = split.groups.flatMap((g, i) => Object.entries(usage(g)).flatMap(([what, n]) => (!(n <= limit) ? [`group ${i}: ${n} ${what}`] : [])));
        expect(over, `over the limit of ${limit}: ${over.join("; ")}`).to.deep.equal([]);
        expect(split.groups.flat().length).to.equal(rules.length);
      }),
      { numRuns: 2_000 },
    );
  });
});
