import { oneOf, PortcatalogError } from "./errors.js";
import { AUDIENCES, type Audience, type CatalogEntry, DIRECTIONS, type Direction, PROTOCOLS, type Protocol } from "./model.js";

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
}

function check(name: string, value: string | undefined, valid: readonly string[]): void {
  if (value !== undefined && !valid.includes(value)) {
    throw new PortcatalogError(`unknown ${name} "${value}": use ${oneOf([...valid].sort())}`);
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
      (!filter.feature || e.feature === filter.feature),
  );
}

/**
 * The entries of one product, named `catalog/variant`. A WSO2 product also opens WSO2's
 * common ports (management console, LDAP, KDC, JMX, clustering), so they come with it.
 */
export function productEntries(entries: readonly CatalogEntry[], product: string): CatalogEntry[] {
  const [catalog, variant, ...rest] = product.split("/");
  const products = distinct(entries.map((e) => `${e.catalog}/${e.variant}`));
  if (!catalog || !variant || rest.length || !products.includes(product)) {
    throw new PortcatalogError(`unknown product "${product}": use catalog/variant, one of ${oneOf(products)}`);
  }
  const own = entries.filter((e) => e.catalog === catalog && e.variant === variant);
  const common = catalog === "wso2" && variant !== "common" ? entries.filter((e) => e.catalog === "wso2" && e.variant === "common") : [];
  return [...own, ...common];
}
