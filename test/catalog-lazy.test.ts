// The built-in catalog loads per catalog (catalog/builtin.ts): a selection made from only the
// catalogs its products name must be exactly the selection the whole catalog gives.
import { expect } from "chai";
import { builtinCatalogFor } from "../catalog/builtin.js";
import { builtinCatalog, catalogProducts, PRODUCT_ALIASES, productReleases, selectProduct } from "../catalog/index.js";

const outcome = (run: () => unknown) => {
  try {
    return { value: run() };
  } catch (err) {
    return { error: (err as Error).message };
  }
};

describe("catalog: the built-in catalog loaded per catalog", () => {
  const products = catalogProducts(builtinCatalog);

  it("every product at every release (and none named) selects the same entries, in the same order, as from the whole catalog", () => {
    let compared = 0;
    for (const product of [...products, ...Object.keys(PRODUCT_ALIASES)]) {
      const name = PRODUCT_ALIASES[product]?.product ?? product;
      for (const release of [undefined, ...productReleases(builtinCatalog, name).map((r) => r.name)]) {
        const selector = { product, ...(release !== undefined ? { release } : {}) };
        expect(outcome(() => selectProduct(builtinCatalogFor([product]), selector)), `${product}@${release}`).to.deep.equal(outcome(() => selectProduct(builtinCatalog, selector)));
        compared++;
      }
    }
    expect(compared).to.be.greaterThan(20);
  });

  it("an unknown product or release fails with the whole catalog's message", () => {
    for (const selector of [{ product: "openstack/nope" }, { product: "nope/cloud" }, { product: "wso2/api-manager", release: "9.9" }, { product: "openstack/kilo", release: "2025.2" }]) {
      const partial = outcome(() => selectProduct(builtinCatalogFor([selector.product]), selector));
      expect(partial.error, selector.product).to.be.a("string");
      expect(partial).to.deep.equal(outcome(() => selectProduct(builtinCatalog, selector)));
    }
  });

  it("loads only the catalogs named, and the whole catalog shares their entries", () => {
    const openstack = builtinCatalogFor(["openstack/cloud"]);
    expect(new Set(openstack.entries.map((e) => e.catalog))).to.deep.equal(new Set(["openstack"]));
    expect(openstack.notes).to.deep.equal([]);
    const wso2 = builtinCatalogFor(["wso2/api-manager", "openstack/kilo"]);
    expect(new Set(wso2.entries.map((e) => e.catalog))).to.deep.equal(new Set(["openstack", "wso2"]));
    expect(wso2.notes).to.deep.equal(builtinCatalog.notes.filter((n) => n.catalog === "wso2"));
    const whole = new Set(builtinCatalog.entries);
    expect(wso2.entries.every((e) => whole.has(e))).to.equal(true);
    expect(builtinCatalog.entries.filter((e) => e.catalog !== "anbox-cloud")).to.deep.equal(wso2.entries);
  });
});
