import { didYouMean, oneOf, PortcatalogError, useOneOf } from "./errors.js";
import type { Catalog, CatalogEntry, ProductRelease } from "./model.js";

/**
 * Product names that existed before releases did, and what they mean now. The OpenStack table
 * was one release's (`openstack/kilo`); the product is `openstack/cloud` and Kilo one release of it.
 */
export const PRODUCT_ALIASES: Readonly<Record<string, { product: string; release: string }>> = {
  "openstack/kilo": { product: "openstack/cloud", release: "kilo" },
};

/** A product and, optionally, one of its releases: `{ product: "openstack/cloud", release: "2025.2" }`. */
export interface ReleaseSelector {
  /** `catalog/variant`, e.g. `anbox-cloud/appliance`, `openstack/cloud`, `wso2/api-manager`. */
  product: string;
  /** One of the product's releases; default: the newest the catalog has. */
  release?: string;
}

/** What a selection resolved to: the product, the release it used and the entries that hold for it. */
export interface ProductSelection {
  /** The product's `catalog/variant` (an alias resolved, e.g. `openstack/cloud`). */
  name: string;
  /** The release used; absent only for a user product that declares no releases. */
  release?: string;
  /** The product's entries for that release, then those of the products it includes. */
  entries: CatalogEntry[];
}

const productOf = (e: CatalogEntry) => `${e.catalog}/${e.variant}`;

/** Whether an entry holds for a release; an entry naming no releases holds for every one. */
export function holdsFor(entry: CatalogEntry, release: string | undefined): boolean {
  return release === undefined || !entry.releases || entry.releases.includes(release);
}

/** The releases a catalog declares for a product, oldest first. */
export function productReleases(catalog: Pick<Catalog, "releases">, product: string): ProductRelease[] {
  return catalog.releases.filter((r) => r.product === product);
}

/** Every product of a catalog, `catalog/variant`, in catalog order. */
export function catalogProducts(catalog: Pick<Catalog, "entries">): string[] {
  return [...new Set(catalog.entries.map(productOf))];
}

/** Parses `catalog/variant@release` (the release is optional). */
export function parseReleaseSelector(text: string): ReleaseSelector {
  const [product, release, ...rest] = text.split("@");
  if (rest.length || release === "") throw new PortcatalogError(`"${text}" is not a product selection: use catalog/variant or catalog/variant@release, e.g. openstack/cloud@2025.2`);
  return release === undefined ? { product } : { product, release };
}

/** Resolves an alias and checks that the product exists, listing the valid ones when not. */
function resolveProduct(catalog: Catalog, selector: ReleaseSelector): { product: string; release?: string } {
  const alias = PRODUCT_ALIASES[selector.product];
  const products = catalogProducts(catalog);
  if (alias && products.includes(alias.product) && !products.includes(selector.product)) {
    if (selector.release !== undefined && selector.release !== alias.release) {
      throw new PortcatalogError(`"${selector.product}" means ${alias.product} release "${alias.release}"; for release "${selector.release}" select ${alias.product}`);
    }
    return alias;
  }
  const [catalogName, variant, ...rest] = selector.product.split("/");
  if (!catalogName || !variant || rest.length || !products.includes(selector.product)) {
    throw new PortcatalogError(`unknown product "${selector.product}": ${didYouMean(selector.product, products)}use catalog/variant, one of ${oneOf(products)}`);
  }
  return selector;
}

/**
 * The entries of one product at one release, and the release used. Without a release it takes
 * the newest the catalog has for the product; an unknown release is an error listing the valid
 * ones. The products a release `includes` (WSO2's common ports) come with it.
 */
export function selectProduct(catalog: Catalog, selector: ReleaseSelector): ProductSelection {
  const { product, release: asked } = resolveProduct(catalog, selector);
  const declared = productReleases(catalog, product);
  const names = declared.map((r) => r.name);
  if (!declared.length && asked !== undefined) {
    throw new PortcatalogError(`${product} declares no releases, so it cannot select release "${asked}": leave the release out`);
  }
  if (asked !== undefined && !names.includes(asked)) {
    throw new PortcatalogError(`unknown release "${asked}" of ${product}: ${useOneOf(asked, names)}`);
  }
  const release = asked ?? names[names.length - 1];
  const own = catalog.entries.filter((e) => productOf(e) === product && holdsFor(e, release));
  const info = declared.find((r) => r.name === release);
  const included = (info?.includes ?? []).flatMap((inc) => {
    const [other, pinned] = inc.split("@");
    const otherRelease = pinned ?? (productReleases(catalog, other).length ? release : undefined);
    return catalog.entries.filter((e) => productOf(e) === other && holdsFor(e, otherRelease));
  });
  return { name: product, ...(release !== undefined ? { release } : {}), entries: [...own, ...included] };
}

/** How one port fact differs between two releases. */
export interface EntryChange {
  from: CatalogEntry;
  to: CatalogEntry;
  /** The fields that differ, e.g. `fromPort`, `audiences`. */
  fields: string[];
}

/** Ports added, removed and changed from one selection to another. */
export interface ReleaseDiff {
  from: { product: string; release?: string };
  to: { product: string; release?: string };
  added: CatalogEntry[];
  removed: CatalogEntry[];
  changed: EntryChange[];
  /** Entries that hold for both sides unchanged. */
  unchanged: number;
}

// The fields that make a port fact; ids, sources, notes and releases are bookkeeping.
const COMPARED = ["service", "roles", "protocol", "fromPort", "toPort", "direction", "audiences", "required", "feature", "offset", "defaultOffset", "destination", "description"] as const;
// Pairs only within one product: the same slug, or else the same port, is the same fact changed.
const slugOf = (e: CatalogEntry) => `${productOf(e)} ${e.id.split("/")[2]}`;
const portKey = (e: CatalogEntry) => `${productOf(e)} ${e.direction}/${e.protocol}/${e.fromPort}-${e.toPort}`;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Compares two selections (usually two releases of one product). An entry holding for both is
 * unchanged; of the rest, an entry on each side of the same product with the same slug, or else
 * the same direction, protocol and ports, is one changed fact; whatever is left is added or removed.
 */
export function diffReleases(catalog: Catalog, from: ReleaseSelector, to: ReleaseSelector): ReleaseDiff {
  const a = selectProduct(catalog, from);
  const b = selectProduct(catalog, to);
  const bIds = new Set(b.entries.map((e) => e.id));
  const aIds = new Set(a.entries.map((e) => e.id));
  let left = a.entries.filter((e) => !bIds.has(e.id));
  let right = b.entries.filter((e) => !aIds.has(e.id));
  const changed: EntryChange[] = [];
  for (const key of [slugOf, portKey]) {
    for (const old of [...left]) {
      const candidates = right.filter((n) => key(n) === key(old));
      const olds = left.filter((o) => key(o) === key(old));
      if (candidates.length !== 1 || olds.length !== 1) continue; // only unambiguous pairs
      const fields = COMPARED.filter((f) => !same(old[f], candidates[0][f]));
      changed.push({ from: old, to: candidates[0], fields });
      left = left.filter((o) => o !== old);
      right = right.filter((n) => n !== candidates[0]);
    }
  }
  const unchangedPairs = changed.filter((c) => !c.fields.length).length;
  return {
    from: { product: a.name, ...(a.release !== undefined ? { release: a.release } : {}) },
    to: { product: b.name, ...(b.release !== undefined ? { release: b.release } : {}) },
    added: right,
    removed: left,
    changed: changed.filter((c) => c.fields.length),
    unchanged: a.entries.filter((e) => bIds.has(e.id)).length + unchangedPairs,
  };
}

/**
 * The entries a judgement (policy pack, audit) weighs for `catalog/variant` or
 * `catalog/variant@release` selectors: a named release alone, or every release of a product named
 * without one, with what each release includes. No selectors: the whole catalog.
 */
export function judgedEntries(catalog: Catalog, selectors: readonly string[]): CatalogEntry[] {
  if (!selectors.length) return catalog.entries;
  const picked = selectors.flatMap((text) => {
    const selector = parseReleaseSelector(text);
    if (selector.release !== undefined || PRODUCT_ALIASES[selector.product]) return selectProduct(catalog, selector).entries;
    const releases = productReleases(catalog, selector.product).map((r) => r.name);
    if (!releases.length) return selectProduct(catalog, selector).entries;
    return releases.flatMap((release) => selectProduct(catalog, { product: selector.product, release }).entries);
  });
  return [...new Map(picked.map((e) => [e.id, e])).values()];
}
