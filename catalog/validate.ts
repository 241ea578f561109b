import { parseJson } from "./json.js";
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";
import { extname } from "node:path";
import ipaddr from "ipaddr.js";
import type { z as Z } from "zod";
import { z } from "./zod.js";
import { oneOf, PortcatalogError } from "./errors.js";
import {
  type Catalog,
  type CatalogEntry,
  type CatalogNote,
  CATALOGS,
  catalogFileSchema,
  FLOW_AUDIENCE_ROLES,
  catalogNoteSchema,
  entrySchema,
  type ProductRelease,
  productReleaseSchema,
} from "./model.js";

function describeIssue(issue: Z.core.$ZodIssue): string {
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

function label(kind: string, raw: unknown, index: number, key: (o: Record<string, unknown>) => unknown): string {
  const name = typeof raw === "object" && raw !== null ? key(raw as Record<string, unknown>) : undefined;
  return typeof name === "string" ? `${kind} "${name}"` : `${kind} #${index + 1}`;
}

const asCatalog = (existing: readonly CatalogEntry[] | Catalog): Catalog =>
  Array.isArray(existing) ? { entries: [...existing], notes: [], releases: [] } : (existing as Catalog);

/**
 * The one validator for built-in catalogs and user catalogs: every entry, note and release must
 * match the model, ids must be unique across `existing` and the new entries, and every release an
 * entry or an `includes` names must be declared for its product.
 * @param origin names the catalog in errors (a file path for user catalogs).
 * @param existing what the new catalog is added to (a catalog, or just its entries).
 */
export function validateCatalog(raw: unknown, origin: string, existing: readonly CatalogEntry[] | Catalog = []): Catalog {
  const base = asCatalog(existing);
  const file = catalogFileSchema.safeParse(raw);
  if (!file.success) {
    throw new PortcatalogError(
      `${origin}: a catalog must be an object with an "entries" list (and optional "notes" and "releases"): ${describeIssue(file.error.issues[0])}`,
    );
  }
  const seen = new Set(base.entries.map((e) => e.id));
  // A catalog already loaded (the built-in ones above all) is closed: entries added to it would
  // silently widen every selection of its products.
  const closed = new Set(base.entries.map((e) => e.catalog).filter((c) => (CATALOGS as readonly string[]).includes(c)));
  const entries = file.data.entries.map((rawEntry, i): CatalogEntry => {
    const parsed = entrySchema.safeParse(rawEntry);
    if (!parsed.success) {
      throw new PortcatalogError(`${origin}: ${label("entry", rawEntry, i, (o) => o.id)}: ${describeIssue(parsed.error.issues[0])}`);
    }
    const entry = parsed.data;
    if (closed.has(entry.catalog)) {
      throw new PortcatalogError(`${origin}: entry "${entry.id}": field "catalog": "${entry.catalog}" is built in; a user catalog cannot add entries to it: use a catalog name of your own, e.g. "my-org"`);
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
  const releases = validateReleases(file.data.releases ?? [], origin, base, entries);
  validateFlows(origin, [...base.entries, ...entries], entries, [...base.releases, ...releases]);
  return { entries, notes, releases };
}

/**
 * Flows: `to` names the entry's own roles, `releases` its own releases, no two flows cover one
 * (release, listening role), and `from` names roles the product has at each release it covers (or the
 * pseudo-role of an audience the entry has: `clients` public, `operators` admin). A public-only
 * entry takes clients, so its known flows name them.
 */
function validateFlows(origin: string, all: readonly CatalogEntry[], entries: readonly CatalogEntry[], declared: readonly ProductRelease[]): void {
  const ALL = "(every release)";
  if (!entries.some((e) => e.flows?.length)) return;
  // Per product: the roles its entries have at each release, and those of entries naming no releases
  // (they hold for every one); built once, so checking is linear in the catalog, however hostile.
  const roles = new Map<string, { always: Set<string>; at: Map<string, Set<string>>; any: Set<string> }>();
  for (const x of all) {
    const product = `${x.catalog}/${x.variant}`;
    let known = roles.get(product);
    if (!known) roles.set(product, (known = { always: new Set(), at: new Map(), any: new Set() }));
    for (const role of x.roles ?? []) {
      known.any.add(role);
      if (!x.releases) known.always.add(role);
      else for (const r of x.releases) known.at.set(r, (known.at.get(r) ?? new Set()).add(role));
    }
  }
  const releasesOf = new Map<string, string[]>();
  for (const r of declared) releasesOf.set(r.product, [...(releasesOf.get(r.product) ?? []), r.name]);
  for (const e of entries) {
    if (!e.flows?.length) continue;
    const product = `${e.catalog}/${e.variant}`;
    const productReleaseNames = releasesOf.get(product) ?? [];
    const entryReleases = e.releases ?? (productReleaseNames.length ? productReleaseNames : [ALL]);
    const known = roles.get(product)!;
    const hasRole = (role: string, release: string) => (release === ALL ? known.any.has(role) : known.always.has(role) || (known.at.get(release)?.has(role) ?? false));
    const rolesAt = (release: string) => [...(release === ALL ? known.any : new Set([...known.always, ...(known.at.get(release) ?? [])]))].sort();
    const covered = new Map<string, number>();
    e.flows.forEach((flow, i) => {
      const where = (field: string) => `${origin}: entry "${e.id}": field "flows.${i}.${field}"`;
      if (flow.to) {
        if (!e.roles?.length) throw new PortcatalogError(`${where("to")}: ${JSON.stringify(flow.to)}: the entry names no roles, so a flow cannot name \"to\"; leave it out (the flow reaches wherever the port listens)`);
        const bad = flow.to.find((r) => !e.roles!.includes(r));
        if (bad !== undefined) throw new PortcatalogError(`${where("to")}: "${bad}" is not one of the entry's roles: use ${oneOf(e.roles)}`);
        if (new Set(flow.to).size !== flow.to.length) throw new PortcatalogError(`${where("to")}: names a role twice: ${flow.to.join(", ")}`);
      }
      if (flow.releases) {
        const bad = flow.releases.find((r) => !entryReleases.includes(r));
        if (bad !== undefined) {
          const valid = entryReleases.filter((r) => r !== ALL);
          throw new PortcatalogError(`${where("releases")}: "${bad}" is not one of the entry's releases: ${valid.length ? `use ${oneOf(valid)}` : `${product} declares no releases, so leave the field out`}`);
        }
        if (new Set(flow.releases).size !== flow.releases.length) throw new PortcatalogError(`${where("releases")}: names a release twice: ${flow.releases.join(", ")}`);
      }
      const releases = flow.releases ?? entryReleases;
      const targets = flow.to ?? e.roles ?? ["(the entry)"];
      for (const release of releases) {
        for (const role of targets) {
          const key = `${release}\u0000${role}`;
          const other = covered.get(key);
          if (other !== undefined) {
            const at = release === ALL ? "" : ` at release "${release}"`;
            throw new PortcatalogError(`${where(flow.to ? "to" : "releases")}: flows ${other} and ${i} both cover ${flow.to || e.roles ? `role "${role}"` : "the entry"}${at}: give each (release, role) one flow, listing every role that connects in its "from"`);
          }
          covered.set(key, i);
        }
      }
      if (flow.from === "unknown") {
        if (!flow.notes?.length) throw new PortcatalogError(`${where("from")}: "unknown" needs notes saying which sources were read`);
        return;
      }
      if (new Set(flow.from).size !== flow.from.length) throw new PortcatalogError(`${where("from")}: names a role twice: ${flow.from.join(", ")}`);
      for (const role of flow.from) {
        if (role === "clients" || role === "operators") {
          const audience = role === "clients" ? "public" : "admin";
          if (!e.audiences.includes(audience)) {
            throw new PortcatalogError(`${where("from")}: "${role}" are the ${audience} audience's peers and the entry's audiences are ${e.audiences.join(", ")}: name the roles that connect, or add the ${audience} audience`);
          }
          continue;
        }
        for (const release of releases) {
          if (!hasRole(role, release)) {
            const at = release === ALL ? "" : ` at release "${release}"`;
            throw new PortcatalogError(`${where("from")}: unknown role "${role}" for ${product}${at}: use ${oneOf([...rolesAt(release), ...FLOW_AUDIENCE_ROLES])}`);
          }
        }
      }
      if (e.audiences.length === 1 && e.audiences[0] === "public" && !flow.from.includes("clients")) {
        throw new PortcatalogError(`${where("from")}: ${JSON.stringify(flow.from)}: the entry is public only, so its clients connect: add "clients" (plus any roles the sources show)`);
      }
    });
  }
}

/** Releases: each well formed, declared once, only for products this catalog brings; entries and includes name declared ones. */
function validateReleases(raw: unknown[], origin: string, base: Catalog, entries: readonly CatalogEntry[]): ProductRelease[] {
  const declaredBefore = new Set(base.releases.map((r) => r.product));
  const releases = raw.map((rawRelease, i): ProductRelease => {
    const where = `${origin}: ${label("release", rawRelease, i, (o) => (typeof o.product === "string" && typeof o.name === "string" ? `${o.product}@${o.name}` : undefined))}`;
    const parsed = productReleaseSchema.safeParse(rawRelease);
    if (!parsed.success) throw new PortcatalogError(`${where}: ${describeIssue(parsed.error.issues[0])}`);
    if (declaredBefore.has(parsed.data.product)) {
      throw new PortcatalogError(`${where}: field "product": ${parsed.data.product} already has its releases in another catalog; a catalog declares releases only for its own products`);
    }
    return parsed.data;
  });
  const all = [...base.releases, ...releases];
  const byProduct = new Map<string, string[]>();
  for (const r of all) {
    const names = byProduct.get(r.product) ?? [];
    if (names.includes(r.name)) throw new PortcatalogError(`${origin}: release "${r.product}@${r.name}": declared twice`);
    byProduct.set(r.product, [...names, r.name]);
  }
  for (const e of entries) {
    if (!e.releases) continue;
    const product = `${e.catalog}/${e.variant}`;
    const known = byProduct.get(product);
    if (!known) {
      throw new PortcatalogError(
        `${origin}: entry "${e.id}": field "releases": ${product} declares no releases; declare them under "releases" (oldest first) or leave the field out to mean every release`,
      );
    }
    const unknown = e.releases.find((r) => !known.includes(r));
    if (unknown) throw new PortcatalogError(`${origin}: entry "${e.id}": field "releases": unknown release "${unknown}" of ${product}: use ${oneOf(known)}`);
  }
  const products = new Set([...base.entries, ...entries].map((e) => `${e.catalog}/${e.variant}`));
  for (const r of releases) {
    if (!products.has(r.product)) throw new PortcatalogError(`${origin}: release "${r.product}@${r.name}": field "product": no entry belongs to ${r.product}`);
    for (const inc of r.includes ?? []) {
      const [product, release] = inc.split("@");
      const where = `${origin}: release "${r.product}@${r.name}": field "includes": "${inc}"`;
      if (product === r.product) throw new PortcatalogError(`${where}: a product cannot include itself`);
      if (!products.has(product)) throw new PortcatalogError(`${where}: unknown product ${product}`);
      const known = byProduct.get(product);
      const wanted = release ?? r.name;
      if (known && !known.includes(wanted)) {
        throw new PortcatalogError(`${where}: ${product} has no release "${wanted}": name one as ${product}@<release>, one of ${oneOf(known)}`);
      }
      if (!known && release) throw new PortcatalogError(`${where}: ${product} declares no releases`);
    }
  }
  return releases;
}

/** The largest user catalog read: far above any real one (the built-in catalog is ~60 KB), and refused before reading. */
export const MAX_CATALOG_FILE_BYTES = 32 * 1024 * 1024;

const mib = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;

function fileKind(st: Stats): string {
  if (st.isDirectory()) return "a directory";
  if (st.isFIFO()) return "a pipe (FIFO)";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isSocket()) return "a socket";
  return "not a regular file";
}

/** The file's text, refusing anything but a regular file of at most {@link MAX_CATALOG_FILE_BYTES}, checked before reading. */
function readCatalogText(path: string): string {
  const fail = (err: unknown): never => {
    throw new PortcatalogError(`${path}: cannot read the catalog file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  };
  let fd: number;
  try {
    // Non-blocking, so a FIFO without a writer cannot hang the open; the checks below refuse it.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    return fail(err);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new PortcatalogError(`${path}: ${fileKind(st)}, not a catalog file: give a regular .json, .yaml or .yml file`);
    if (st.size > MAX_CATALOG_FILE_BYTES) {
      throw new PortcatalogError(`${path}: ${st.size} bytes (${mib(st.size)}) is above the ${MAX_CATALOG_FILE_BYTES} bytes (${mib(MAX_CATALOG_FILE_BYTES)}) a catalog file may have`);
    }
    // One byte more than the cap: a file that grew after the check is still refused, never read whole.
    const buffer = Buffer.allocUnsafe(Math.min(st.size, MAX_CATALOG_FILE_BYTES) + 1);
    let length = 0;
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > MAX_CATALOG_FILE_BYTES) throw new PortcatalogError(`${path}: grew above the ${MAX_CATALOG_FILE_BYTES} bytes (${mib(MAX_CATALOG_FILE_BYTES)}) a catalog file may have while being read`);
    return buffer.toString("utf8", 0, length);
  } catch (err) {
    if (err instanceof PortcatalogError) throw err;
    return fail(err);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a user catalog and validates it. The extension picks the parser: `.json` is parsed as JSON
 * (fast, and exact about JSON), `.yaml` / `.yml` as YAML; any other extension is an error naming
 * the valid ones. Only regular files of at most 32 MiB ({@link MAX_CATALOG_FILE_BYTES}) are read;
 * devices, pipes and directories are refused before reading. Every error names the file.
 */
export function loadCatalogFile(path: string, existing: readonly CatalogEntry[] | Catalog = []): Catalog {
  const extension = extname(path).toLowerCase();
  const format = extension === ".json" ? "JSON" : extension === ".yaml" || extension === ".yml" ? "YAML" : undefined;
  if (!format) {
    throw new PortcatalogError(`${path}: unknown catalog file extension "${extension}": use ".json" (JSON), ".yaml" or ".yml" (YAML)`);
  }
  // A byte-order mark is not part of the document (JSON.parse would reject it).
  const text = readCatalogText(path).replace(/^\uFEFF/, "");
  let raw: unknown;
  try {
    // The YAML parser loads only when a YAML catalog is read.
    // Two equal keys are refused in JSON as the YAML parser refuses them (JSON.parse would keep the last).
    raw = format === "JSON" ? parseJson(text) : (require("yaml") as typeof import("yaml")).parse(text);
  } catch (err) {
    throw new PortcatalogError(`${path}: not valid ${format}: ${(err as Error).message.split("\n")[0]}`);
  }
  return validateCatalog(raw, path, existing);
}

