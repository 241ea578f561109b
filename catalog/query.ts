import { builtinCatalog } from "./builtin.js";
import { PortcatalogError, useOneOf } from "./errors.js";
import { AUDIENCES, type Audience, type Catalog, type CatalogEntry, DIRECTIONS, type Direction, PROTOCOLS, type Protocol } from "./model.js";
import { holdsFor, PRODUCT_ALIASES, productReleases, selectProduct } from "./releases.js";

/** Every field is optional; an entry must match all that are given. */
export interface CatalogFilter {
  catalog?: string;
  variant?: string;
  /** Case-insensitive substring of the service name. */
  service?: string;
  role?: string;
  audience?: Audience;
  protocol?: Protocol;
  direction?: Direction;
  /** Entries whose port range contains this port. */
  port?: number;
  feature?: string;
  /** Entries that hold for this release (entries naming no releases hold for every one). */
  release?: string;
}

function check(name: string, value: string | undefined, valid: readonly string[]): void {
  if (value !== undefined && !valid.includes(value)) {
    throw new PortcatalogError(`unknown ${name} "${value}": ${useOneOf(value, [...valid].sort())}`);
  }
}

const distinct = (values: Iterable<string | undefined>) => [...new Set([...values].filter((v): v is string => v !== undefined))];

/**
 * Filters entries. Unknown filter values are errors that list what exists, so a typo never
 * silently selects nothing.
 */
export function queryCatalog(entries: readonly CatalogEntry[], filter: CatalogFilter = {}): CatalogEntry[] {
  check("catalog", filter.catalog, distinct(entries.map((e) => e.catalog)));
  const inCatalog = entries.filter((e) => !filter.catalog || e.catalog === filter.catalog);
  check(filter.catalog ? `variant of ${filter.catalog}` : "variant", filter.variant, distinct(inCatalog.map((e) => e.variant)));
  check("role", filter.role, distinct(entries.flatMap((e) => e.roles ?? [])));
  check("audience", filter.audience, AUDIENCES);
  check("protocol", filter.protocol, PROTOCOLS);
  check("direction", filter.direction, DIRECTIONS);
  check("feature", filter.feature, distinct(entries.map((e) => e.feature)));
  const scope = [filter.catalog, filter.variant].filter(Boolean).join("/");
  const releasesInScope = inCatalog.filter((e) => !filter.variant || e.variant === filter.variant).flatMap((e) => e.releases ?? []);
  check(scope ? `release of ${scope}` : "release", filter.release, distinct(releasesInScope));
  if (filter.port !== undefined && (!Number.isInteger(filter.port) || filter.port < 1 || filter.port > 65535)) {
    throw new PortcatalogError(`port ${filter.port} is not valid: use a whole number from 1 to 65535`);
  }
  const service = filter.service?.toLowerCase();
  return inCatalog.filter(
    (e) =>
      (!filter.variant || e.variant === filter.variant) &&
      (!service || e.service.toLowerCase().includes(service)) &&
      (!filter.role || (e.roles ?? []).includes(filter.role)) &&
      (!filter.audience || e.audiences.includes(filter.audience)) &&
      (!filter.protocol || e.protocol === filter.protocol) &&
      (!filter.direction || e.direction === filter.direction) &&
      (filter.port === undefined || (e.fromPort <= filter.port && filter.port <= e.toPort)) &&
      (!filter.feature || e.feature === filter.feature) &&
      holdsFor(e, filter.release),
  );
}

/**
 * The entries of one product, named `catalog/variant` (or an alias such as `openstack/kilo`),
 * with the products its release includes (a WSO2 product brings WSO2's common ports).
 *
 * Kept for callers written before releases: without a release it takes the product's OLDEST
 * release (the one its source document describes), as it always did. New code uses
 * {@link selectProduct}, which defaults to the newest and says which release it used.
 * Given bare entries, it reads releases and includes from the built-in registry.
 */
export function productEntries(source: readonly CatalogEntry[] | Catalog, product: string, release?: string): CatalogEntry[] {
  const catalog: Catalog = Array.isArray(source) ? { entries: [...source], notes: [], releases: builtinCatalog.releases } : (source as Catalog);
  const alias = PRODUCT_ALIASES[product];
  const name = alias && !catalog.entries.some((e) => `${e.catalog}/${e.variant}` === product) ? alias.product : product;
  const oldest = release ?? alias?.release ?? productReleases(catalog, name)[0]?.name;
  return selectProduct(catalog, { product, ...(oldest !== undefined ? { release: oldest } : {}) }).entries;
}
