// plan --diff is a review tool: any change of any value of any rule is reported, and identical plans report nothing.
import { expect } from "chai";
import fc from "fast-check";
import { diffRules, type PlanRule } from "../cli/plan-command.js";

const VALUES = ["direction", "protocol", "ports", "peer", "target", "ethertype", "description"] as const;
const text = fc.string({ maxLength: 6 });
const rule: fc.Arbitrary<PlanRule> = fc.record({
  group: text,
  name: text,
  direction: fc.constantFrom("ingress" as const, "egress" as const),
  protocol: text,
  ports: text,
  peer: text,
  target: text,
  ethertype: text,
  description: text,
});
const plan = fc.uniqueArray(rule, { maxLength: 8, selector: (r) => `${r.group}\u0000${r.name}` });

describe("plan --diff (property)", () => {
  it("identical plans report nothing", () => {
    fc.assert(
      fc.property(plan, (rules) => {
        const d = diffRules(rules, rules.map((r) => ({ ...r })));
        expect(d.added.length + d.removed.length + d.changed.length).to.equal(0);
      }),
      { numRuns: 200 },
    );
  });

  it("any change of any value of a rule is reported as that rule changed, naming the value", () => {
    fc.assert(
      fc.property(plan.filter((p) => p.length > 0), fc.nat(), fc.constantFrom(...VALUES), text, (rules, at, field, value) => {
        const i = at % rules.length;
        const next = field === "direction" ? (rules[i].direction === "ingress" ? "egress" : "ingress") : value;
        fc.pre(next !== rules[i][field]);
        const after = rules.map((r, j) => (j === i ? { ...r, [field]: next } : r));
        const d = diffRules(rules, after);
        expect(d.added).to.deep.equal([]);
        expect(d.removed).to.deep.equal([]);
        expect(d.changed.map((c) => [c.group, c.name, c.fields])).to.deep.equal([[rules[i].group, rules[i].name, [field]]]);
      }),
      { numRuns: 300 },
    );
  });
});
