import { builtinData } from "./data/index.js";
import type { Catalog, CatalogEntry, CatalogNote, ProductRelease } from "./model.js";
import { validateCatalog } from "./validate.js";

export * from "./model.js";
export * from "./errors.js";
export * from "./validate.js";
export * from "./query.js";
export * from "./releases.js";
export * from "./offset.js";
export * from "./conflicts.js";

// The model's field order (what the validator's output has), so the built-in data prints exactly as
// it would after validation; `validateBuiltinCatalog`'s test fails if the two ever differ.
const ENTRY_FIELDS = ["id", "catalog", "variant", "service", "roles", "rolesInferred", "protocol", "fromPort", "toPort", "direction", "audiences", "required", "feature", "offset", "defaultOffset", "destination", "description", "source", "releases", "notes", "flows"] as const;
const DESTINATION_FIELDS = ["name", "description", "cidrIpv4", "cidrIpv6"] as const;
const NOTE_FIELDS = ["id", "catalog", "variant", "description", "source"] as const;
const SOURCE_FIELDS = ["document", "section"] as const;
const FLOW_FIELDS = ["from", "to", "releases", "source", "notes"] as const;

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
const RELEASE_FIELDS = ["product", "name", "date", "source", "includes", "notes"] as const;
const release = (r: ProductRelease): ProductRelease => ({ ...ordered(r, RELEASE_FIELDS), source: ordered(r.source, SOURCE_FIELDS) });

/**
 * The three source documents and the current releases as one catalog. Not validated on import (it cost every program that
 * loads the library): `validateBuiltinCatalog` runs the user-catalog validator on it in the tests
 * and in `npm run build`.
 */
export const builtinCatalog: Catalog = {
  entries: builtinData.entries.map(entry),
  notes: builtinData.notes.map(note),
  releases: builtinData.releases.map(release),
};

/** Runs the user-catalog validator on the built-in catalog (or a given one); throws the first problem. */
export function validateBuiltinCatalog(catalog: Catalog = builtinCatalog): Catalog {
  return validateCatalog(catalog, "built-in catalog");
}

/** Adds a user catalog to the built-in one (ids must stay unique). */
export function mergeCatalogs(base: Catalog, extra: Catalog): Catalog {
  return { entries: [...base.entries, ...extra.entries], notes: [...base.notes, ...extra.notes], releases: [...base.releases, ...extra.releases] };
}
