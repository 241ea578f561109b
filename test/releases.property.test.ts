import { expect } from "chai";
import fc from "fast-check";
import { applyOffset, builtinCatalog, diffReleases, holdsFor, selectProduct } from "../catalog/index.js";
import { type Cloud, resolveCloud } from "../components/clouds.js";
import { planRules } from "../planner/index.js";

const catalog = builtinCatalog;
// Every (product, release) pair the registry knows, drawn uniformly.
const pairs = catalog.releases.map((r) => ({ product: r.product, release: r.name }));
const products = [...new Set(pairs.map((p) => p.product))];
const arbPair = fc.constantFrom(...pairs);
const arbTwoOfOneProduct = fc.constantFrom(...products).chain((product) => {
  const names = pairs.filter((p) => p.product === product).map((p) => p.release);
  return fc.tuple(fc.constantFrom(...names), fc.constantFrom(...names)).map(([a, b]) => ({ product, a, b }));
});

describe("releases properties (fast-check)", () => {
  it("a selection is exactly the product's entries that hold for the release, plus what the release includes", () => {
    fc.assert(
      fc.property(arbPair, ({ product, release }) => {
        const s = selectProduct(catalog, { product, release });
        const own = catalog.entries.filter((e) => `${e.catalog}/${e.variant}` === product && holdsFor(e, release));
        expect(s.entries.filter((e) => `${e.catalog}/${e.variant}` === product)).to.deep.equal(own);
        const included = new Set((catalog.releases.find((r) => r.product === product && r.name === release)?.includes ?? []).map((i) => i.split("@")[0]));
        for (const e of s.entries) expect(`${e.catalog}/${e.variant}` === product || included.has(`${e.catalog}/${e.variant}`), e.id).to.equal(true);
      }),
      { numRuns: 200 },
    );
  });

  it("the planner plans every release: every selected entry is served by a rule (its own, or a wider one from anywhere) or left out with a reason", () => {
    fc.assert(
      fc.property(arbPair, fc.constantFrom<Cloud>("aws", "openstack"), ({ product, release }, cloud) => {
        const s = selectProduct(catalog, { product, release });
        const plan = planRules([{ name: `${s.name}@${s.release}`, entries: s.entries }], { cloud: resolveCloud(cloud), allFeatures: true, sources: { admin: { cidrIpv4: ["10.9.0.0/16"] } } });
        const selected = new Set(s.entries.map((e) => e.id));
        const planned = new Set([...plan.rules.flatMap((r) => r.entries), ...plan.leftOut.map((l) => l.entryId)]);
        expect([...planned].filter((id) => !selected.has(id))).to.deep.equal([]);
        // An admin-only port that a public rule already opens to everyone needs no rule of its own.
        const coveredFromAnywhere = (id: string) => {
          const e = s.entries.find((x) => x.id === id);
          if (!e) return false;
          const { fromPort, toPort } = applyOffset(e, {});
          return plan.rules.some(
            (r) => r.direction === e.direction && r.protocol === e.protocol && r.fromPort <= fromPort && toPort <= r.toPort && r.peer.kind === "cidr" && (r.peer.cidr === "0.0.0.0/0" || r.peer.cidr === "::/0"),
          );
        };
        expect([...selected].filter((id) => !planned.has(id) && !coveredFromAnywhere(id))).to.deep.equal([]);
        for (const l of plan.leftOut) expect(l.reason).to.be.a("string").that.is.not.empty;
      }),
      { numRuns: 120 },
    );
  });

  it("a diff accounts for both sides, and a release against itself changes nothing", () => {
    fc.assert(
      fc.property(arbTwoOfOneProduct, ({ product, a, b }) => {
        const d = diffReleases(catalog, { product, release: a }, { product, release: b });
        const from = selectProduct(catalog, { product, release: a }).entries.length;
        const to = selectProduct(catalog, { product, release: b }).entries.length;
        expect(d.removed.length + d.changed.length + d.unchanged).to.equal(from);
        expect(d.added.length + d.changed.length + d.unchanged).to.equal(to);
        if (a === b) expect([d.added, d.removed, d.changed]).to.deep.equal([[], [], []]);
        const back = diffReleases(catalog, { product, release: b }, { product, release: a });
        expect([back.added.length, back.removed.length, back.changed.length]).to.deep.equal([d.removed.length, d.added.length, d.changed.length]);
      }),
      { numRuns: 200 },
    );
  });
});
