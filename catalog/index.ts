import { builtinCatalog } from "./builtin.js";
import type { Catalog } from "./model.js";
import { validateCatalog } from "./validate.js";

export { builtinCatalog } from "./builtin.js";

export * from "./model.js";
export * from "./errors.js";
export * from "./validate.js";
export * from "./query.js";
export * from "./releases.js";
export * from "./offset.js";
export * from "./conflicts.js";

/** Runs the user-catalog validator on the built-in catalog (or a given one); throws the first problem. */
export function validateBuiltinCatalog(catalog: Catalog = builtinCatalog): Catalog {
  return validateCatalog(catalog, "built-in catalog");
}

/** Adds a user catalog to the built-in one (ids must stay unique). */
export function mergeCatalogs(base: Catalog, extra: Catalog): Catalog {
  return { entries: [...base.entries, ...extra.entries], notes: [...base.notes, ...extra.notes], releases: [...base.releases, ...extra.releases] };
}
