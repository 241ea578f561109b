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
