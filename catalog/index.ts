import { builtinData } from "./data/index.js";
import type { Catalog } from "./model.js";
import { validateCatalog } from "./validate.js";

export * from "./model.js";
export * from "./errors.js";
export * from "./validate.js";
export * from "./query.js";
export * from "./releases.js";
export * from "./offset.js";
export * from "./conflicts.js";

/** The three source documents and the current releases as one validated catalog; built-in data goes through the user validator too. */
export const builtinCatalog: Catalog = validateCatalog(builtinData, "built-in catalog");

/** Adds a user catalog to the built-in one (ids must stay unique). */
export function mergeCatalogs(base: Catalog, extra: Catalog): Catalog {
  return { entries: [...base.entries, ...extra.entries], notes: [...base.notes, ...extra.notes], releases: [...base.releases, ...extra.releases] };
}
