import { readFileSync } from "node:fs";
import ipaddr from "ipaddr.js";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { PortcatalogError } from "./errors.js";
import { type Catalog, type CatalogEntry, type CatalogNote, catalogFileSchema, catalogNoteSchema, entrySchema } from "./model.js";

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.length ? issue.path.join(".") : "(entry)";
  return `field "${field}": ${issue.message}`;
}

/** Why a destination CIDR is not a network address of its family, or undefined when it is. */
function cidrProblem(cidr: string, family: "IPv4" | "IPv6"): string | undefined {
  const valid = family === "IPv4" ? ipaddr.IPv4.isValidCIDRFourPartDecimal(cidr) : ipaddr.IPv6.isValidCIDR(cidr);
  if (!valid) return `${JSON.stringify(cidr)} is not a valid ${family} CIDR (address/prefix)`;
  const [addr, prefix] = family === "IPv4" ? ipaddr.IPv4.parseCIDR(cidr) : ipaddr.IPv6.parseCIDR(cidr);
  const network = family === "IPv4" ? ipaddr.IPv4.networkAddressFromCIDR(cidr) : ipaddr.IPv6.networkAddressFromCIDR(cidr);
  return network.toString() === addr.toString() ? undefined : `${JSON.stringify(cidr)} has host bits set; the network address is ${network.toString()}/${prefix}`;
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
  // A catalog already loaded (the built-in ones above all) is closed: entries added to it would
  // silently widen every selection of its products.
  const closed = new Set(existing.map((e) => e.catalog));
  const entries = file.data.entries.map((rawEntry, i): CatalogEntry => {
    const parsed = entrySchema.safeParse(rawEntry);
    if (!parsed.success) {
      throw new PortcatalogError(`${origin}: ${entryLabel(rawEntry, i)}: ${describeIssue(parsed.error.issues[0])}`);
    }
    const entry = parsed.data;
    if (closed.has(entry.catalog)) {
      throw new PortcatalogError(`${origin}: entry "${entry.id}": field "catalog": "${entry.catalog}" is already defined (built in or by an earlier file); a user catalog cannot add entries to it: use a catalog name of your own, e.g. "my-org"`);
    }
    if (seen.has(entry.id)) {
      throw new PortcatalogError(`${origin}: entry "${entry.id}": field "id": duplicate id; ids must be unique across all catalogs`);
    }
    for (const family of ["cidrIpv4", "cidrIpv6"] as const) {
      (entry.destination?.[family] ?? []).forEach((cidr, j) => {
        const problem = cidrProblem(cidr, family === "cidrIpv4" ? "IPv4" : "IPv6");
        if (problem) throw new PortcatalogError(`${origin}: entry "${entry.id}": field "destination.${family}.${j}": ${problem}`);
      });
    }
    seen.add(entry.id);
    return entry;
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
