import {
  builtinCatalog,
  type Catalog,
  type CatalogEntry,
  type CatalogFilter,
  findConflicts,
  loadCatalogFile,
  mergeCatalogs,
  diffReleases,
  parseReleaseSelector,
  PortcatalogError,
  productReleases,
  queryCatalog,
  type ReleaseDiff,
  selectProduct,
} from "../catalog/index.js";
import { formatTable, portRange } from "./table.js";
import { parseArgs } from "./args.js";

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 65535) {
    throw new PortcatalogError(`--port "${value}" is not valid: use a whole number from 1 to 65535`);
  }
  return Number(value);
}

/** Built-in catalog plus the user's `--file` catalogs, each validated. */
export function catalogWithFiles(files: string[] | undefined): Catalog {
  return (files ?? []).reduce((acc, file) => mergeCatalogs(acc, loadCatalogFile(file, acc)), builtinCatalog);
}

const when = (e: CatalogEntry) => (e.required ? "required" : `feature: ${e.feature}`);

/** An entry's releases as shown: its own, or (a user entry naming none) every release of its product. */
function shownReleases(catalog: Catalog, e: CatalogEntry): string[] | undefined {
  if (e.releases) return e.releases;
  const all = productReleases(catalog, `${e.catalog}/${e.variant}`).map((r) => r.name);
  return all.length ? all : undefined;
}

/** `portcatalog catalog [filters] [--release R] [--json] [--file F]`, or `catalog diff …`. */
export function catalogCommand(argv: string[]): string {
  if (argv[0] === "diff") return catalogDiffCommand(argv.slice(1));
  const { values } = parseArgs({
    args: argv,
    options: {
      catalog: { type: "string" },
      variant: { type: "string" },
      service: { type: "string" },
      role: { type: "string" },
      audience: { type: "string" },
      protocol: { type: "string" },
      direction: { type: "string" },
      feature: { type: "string" },
      port: { type: "string" },
      release: { type: "string" },
      file: { type: "string", multiple: true },
      json: { type: "boolean", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const catalog = catalogWithFiles(values.file);
  const entries = queryCatalog(catalog.entries, {
    catalog: values.catalog,
    variant: values.variant,
    service: values.service,
    role: values.role,
    audience: values.audience as CatalogFilter["audience"],
    protocol: values.protocol as CatalogFilter["protocol"],
    direction: values.direction as CatalogFilter["direction"],
    feature: values.feature,
    port: parsePort(values.port),
    release: values.release,
  });
  const shown = entries.map((e) => {
    const releases = shownReleases(catalog, e);
    return releases ? { ...e, releases } : e;
  });
  if (values.json) return JSON.stringify(shown, null, 2);
  const table = formatTable(
    ["PRODUCT", "RELEASES", "SERVICE", "PROTO", "PORTS", "DIR", "AUDIENCES", "WHEN", "DESCRIPTION"],
    shown.map((e) => [
      `${e.catalog}/${e.variant}`,
      (e.releases ?? ["every"]).join(","),
      e.service,
      e.protocol,
      portRange(e.fromPort, e.toPort),
      e.direction,
      e.audiences.join(","),
      when(e),
      e.description,
    ]),
  );
  const notes = catalog.notes.filter((n) => !values.catalog || n.catalog === values.catalog);
  const noteLines = notes.length ? ["", "Facts that cannot become rules:", ...notes.map((n) => `- ${n.catalog}/${n.variant}: ${n.description}`)] : [];
  return [table, "", `${entries.length} ${entries.length === 1 ? "entry" : "entries"}`, ...noteLines].join("\n");
}

const DIFF_USAGE = "catalog diff needs two selections, e.g. `portcatalog catalog diff openstack/cloud@kilo openstack/cloud@2025.2`";
const label = (side: ReleaseDiff["from"]) => (side.release === undefined ? side.product : `${side.product}@${side.release}`);
const fact = (e: CatalogEntry) => `${e.protocol}/${portRange(e.fromPort, e.toPort)} ${e.direction}`;

/** `portcatalog catalog diff <product>@<release> <product>@<release> [--json] [--file F]`: ports added, removed and changed. */
export function catalogDiffCommand(argv: string[]): string {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { json: { type: "boolean", default: false }, file: { type: "string", multiple: true } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 2) throw new PortcatalogError(`${DIFF_USAGE}; got ${positionals.length}`);
  const catalog = catalogWithFiles(values.file);
  const diff = diffReleases(catalog, parseReleaseSelector(positionals[0]), parseReleaseSelector(positionals[1]));
  if (values.json) return JSON.stringify(diff, null, 2);
  const rows = [
    ...diff.removed.map((e) => ["removed", e.service, fact(e), e.audiences.join(","), when(e), e.id]),
    ...diff.added.map((e) => ["added", e.service, fact(e), e.audiences.join(","), when(e), e.id]),
    ...diff.changed.map((c) => [
      "changed",
      c.to.service,
      fact(c.from) === fact(c.to) ? fact(c.to) : `${fact(c.from)} -> ${fact(c.to)}`,
      c.to.audiences.join(","),
      when(c.to),
      `${c.from.id === c.to.id ? c.to.id : `${c.from.id} -> ${c.to.id}`} (${c.fields.join(", ")})`,
    ]),
  ];
  const summary = `${label(diff.from)} -> ${label(diff.to)}: ${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed, ${diff.unchanged} unchanged`;
  return rows.length ? [formatTable(["CHANGE", "SERVICE", "PORTS", "AUDIENCES", "WHEN", "ENTRY"], rows), "", summary].join("\n") : summary;
}

/** `portcatalog conflicts <catalog/variant[@release]> <catalog/variant[@release]> … [--json] [--file F]`. */
export function conflictsCommand(argv: string[]): string {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { json: { type: "boolean", default: false }, file: { type: "string", multiple: true } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length < 2) {
    throw new PortcatalogError("conflicts needs at least two products, e.g. `portcatalog conflicts anbox-cloud/charmed openstack/kilo`");
  }
  const catalog = catalogWithFiles(values.file);
  const listeners = positionals.flatMap((product) =>
    selectProduct(catalog, parseReleaseSelector(product))
      .entries.filter((e) => e.direction === "ingress")
      .map((e) => ({ product, entryId: e.id, service: e.service, protocol: e.protocol, fromPort: e.fromPort, toPort: e.toPort })),
  );
  const conflicts = findConflicts(listeners);
  if (values.json) return JSON.stringify(conflicts, null, 2);
  if (!conflicts.length) return `No port conflicts between ${positionals.join(", ")}.`;
  return formatTable(
    ["PROTO", "PORTS", "PRODUCTS", "SERVICES"],
    conflicts.map((c) => [c.protocol, portRange(c.fromPort, c.toPort), c.products.join(" vs "), c.users.map((u) => `${u.service} (${u.entryId})`).join("; ")]),
  );
}
