import { loadCatalogData } from "./data/index.js";
import type { Catalog, CatalogEntry, CatalogName, CatalogNote, ProductRelease } from "./model.js";
import { PRODUCT_ALIASES } from "./releases.js";

// The model's field order (what the validator's output has), so the built-in data prints exactly as
// it would after validation; `validateBuiltinCatalog`'s test fails if the two ever differ.
const ENTRY_FIELDS = ["id", "catalog", "variant", "service", "roles", "rolesInferred", "protocol", "fromPort", "toPort", "direction", "audiences", "required", "feature", "offset", "defaultOffset", "destination", "description", "source", "releases", "notes", "flows"] as const;
const DESTINATION_FIELDS = ["name", "description", "cidrIpv4", "cidrIpv6"] as const;
const NOTE_FIELDS = ["id", "catalog", "variant", "description", "source"] as const;
const SOURCE_FIELDS = ["document", "section"] as const;
const FLOW_FIELDS = ["from", "to", "releases", "source", "notes"] as const;
const RELEASE_FIELDS = ["product", "name", "date", "source", "includes", "notes"] as const;

function ordered<T extends object>(value: T, fields: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (f in value) out[f] = (value as Record<string, unknown>)[f];
  return out as T;
}

const entry = (e: CatalogEntry): CatalogEntry => {
  const out = ordered(e, ENTRY_FIELDS);
  out.source = ordered(e.source, SOURCE_FIELDS);
  if (e.destination) out.destination = ordered(e.destination, DESTINATION_FIELDS);
  if (e.flows) out.flows = e.flows.map((f) => ({ ...ordered(f, FLOW_FIELDS), source: ordered(f.source, SOURCE_FIELDS) }));
  return out;
};
const note = (n: CatalogNote): CatalogNote => ({ ...ordered(n, NOTE_FIELDS), source: ordered(n.source, SOURCE_FIELDS) });
const release = (r: ProductRelease): ProductRelease => ({ ...ordered(r, RELEASE_FIELDS), source: ordered(r.source, SOURCE_FIELDS) });

/** The built-in catalogs, in the order the whole catalog lists them. */
const BUILTIN: readonly CatalogName[] = ["anbox-cloud", "openstack", "wso2"];

interface LoadedCatalog {
  documents: CatalogEntry[];
  current: CatalogEntry[];
  notes: CatalogNote[];
  releases: ProductRelease[];
}

const loaded = new Map<CatalogName, LoadedCatalog>();
/** One catalog's data in the model's field order, loaded once: the whole catalog and every selection share its entries. */
function catalogData(name: CatalogName): LoadedCatalog {
  const known = loaded.get(name);
  if (known) return known;
  const raw = loadCatalogData(name);
  const data = { documents: raw.documents.map(entry), current: raw.current.map(entry), notes: raw.notes.map(note), releases: raw.releases.map(release) };
  loaded.set(name, data);
  return data;
}

/** Some built-in catalogs as one: the documents' entries, then the current releases' own, as the whole catalog orders them. */
function joined(names: readonly CatalogName[]): Catalog {
  const parts = BUILTIN.filter((n) => names.includes(n)).map(catalogData);
  return {
    entries: [...parts.flatMap((p) => p.documents), ...parts.flatMap((p) => p.current)],
    notes: parts.flatMap((p) => p.notes),
    releases: parts.flatMap((p) => p.releases),
  };
}

let whole: Catalog | undefined;
const wholeCatalog = (): Catalog => (whole ??= joined(BUILTIN));

/**
 * The three source documents and the current releases as one catalog. Loaded on first use, not on
 * import (a program that plans from one product needs only its catalog: see `builtinCatalogFor`), and
 * not validated (it cost every program that loads the library): `validateBuiltinCatalog` runs the
 * user-catalog validator on it in the tests and in `npm run build`.
 */
export const builtinCatalog: Catalog = {
  get entries() {
    return wholeCatalog().entries;
  },
  get notes() {
    return wholeCatalog().notes;
  },
  get releases() {
    return wholeCatalog().releases;
  },
};

const partial = new Map<string, Catalog>();

/**
 * The built-in catalog as far as selecting `products` (`catalog/variant` names or aliases) sees it:
 * only the catalogs they name are loaded. Selecting from it gives exactly what selecting from the
 * whole catalog gives; when a name is not one of a loaded catalog's products (an unknown product,
 * or a release including another catalog's), it is the whole catalog, so errors list every product.
 */
/** @internal */
export function builtinCatalogFor(products: readonly unknown[]): Catalog {
  if (!products.every((p): p is string => typeof p === "string")) return builtinCatalog;
  const names = [...new Set(products.map((p) => (Object.hasOwn(PRODUCT_ALIASES, p) ? PRODUCT_ALIASES[p].product : p).split("/")[0]))];
  if (!names.every((n): n is CatalogName => (BUILTIN as readonly string[]).includes(n))) return builtinCatalog;
  const key = [...names].sort().join(" ");
  let catalog = partial.get(key);
  if (!catalog) {
    catalog = joined(names);
    partial.set(key, catalog);
  }
  const known = new Set(catalog.entries.map((e) => `${e.catalog}/${e.variant}`));
  const included = catalog.releases.flatMap((r) => (r.includes ?? []).map((inc) => inc.split("@")[0]));
  const selected = products.map((p) => (Object.hasOwn(PRODUCT_ALIASES, p) && !known.has(p) ? PRODUCT_ALIASES[p].product : p));
  return [...selected, ...included].every((p) => known.has(p)) ? catalog : builtinCatalog;
}
