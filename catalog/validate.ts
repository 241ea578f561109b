import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { PortcatalogError } from "./errors.js";
import { type Catalog, type CatalogEntry, type CatalogNote, catalogFileSchema, catalogNoteSchema, entrySchema } from "./model.js";

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.length ? issue.path.join(".") : "(entry)";
  return `field "${field}": ${issue.message}`;
}

function entryLabel(raw: unknown, index: number): string {
  const id = typeof raw === "object" && raw !== null && "id" in raw ? (raw as { id: unknown }).id : undefined;
  return typeof id === "string" ? `entry "${id}"` : `entry #${index + 1}`;
}

/**
 * The one validator for built-in catalogs and user catalogs: every entry must match the model,
 * and ids must be unique across `existing` and the new entries.
 * @param origin names the catalog in errors (a file path for user catalogs).
 */
export function validateCatalog(raw: unknown, origin: string, existing: readonly CatalogEntry[] = []): Catalog {
  const file = catalogFileSchema.safeParse(raw);
  if (!file.success) {
    throw new PortcatalogError(`${origin}: a catalog must be an object with an "entries" list (and optional "notes"): ${describeIssue(file.error.issues[0])}`);
  }
  const seen = new Set(existing.map((e) => e.id));
  const entries = file.data.entries.map((rawEntry, i): CatalogEntry => {
    const parsed = entrySchema.safeParse(rawEntry);
    if (!parsed.success) {
      throw new PortcatalogError(`${origin}: ${entryLabel(rawEntry, i)}: ${describeIssue(parsed.error.issues[0])}`);
    }
    if (seen.has(parsed.data.id)) {
      throw new PortcatalogError(`${origin}: entry "${parsed.data.id}": field "id": duplicate id; ids must be unique across all catalogs`);
    }
    seen.add(parsed.data.id);
    return parsed.data;
  });
  const notes = (file.data.notes ?? []).map((rawNote, i): CatalogNote => {
    const parsed = catalogNoteSchema.safeParse(rawNote);
    if (!parsed.success) throw new PortcatalogError(`${origin}: note #${i + 1}: ${describeIssue(parsed.error.issues[0])}`);
    return parsed.data;
  });
  return { entries, notes };
}

/** Reads a user catalog (YAML or JSON; YAML parses both) and validates it. */
export function loadCatalogFile(path: string, existing: readonly CatalogEntry[] = []): Catalog {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new PortcatalogError(`${path}: cannot read the catalog file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new PortcatalogError(`${path}: not valid YAML or JSON: ${(err as Error).message.split("\n")[0]}`);
  }
  return validateCatalog(raw, path, existing);
}
