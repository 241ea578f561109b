import {
  builtinCatalog,
  type Catalog,
  type CatalogEntry,
  type CatalogFilter,
  findConflicts,
  loadCatalogFile,
  mergeCatalogs,
  PortcatalogError,
  productEntries,
  queryCatalog,
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
  return (files ?? []).reduce((acc, file) => mergeCatalogs(acc, loadCatalogFile(file, acc.entries)), builtinCatalog);
}

const when = (e: CatalogEntry) => (e.required ? "required" : `feature: ${e.feature}`);

/** `portcatalog catalog [filters] [--json] [--file F]`. */
export function catalogCommand(argv: string[]): string {
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
  });
  if (values.json) return JSON.stringify(entries, null, 2);
  const table = formatTable(
    ["PRODUCT", "SERVICE", "PROTO", "PORTS", "DIR", "AUDIENCES", "WHEN", "DESCRIPTION"],
    entries.map((e) => [`${e.catalog}/${e.variant}`, e.service, e.protocol, portRange(e.fromPort, e.toPort), e.direction, e.audiences.join(","), when(e), e.description]),
  );
  const notes = catalog.notes.filter((n) => !values.catalog || n.catalog === values.catalog);
  const noteLines = notes.length ? ["", "Facts that cannot become rules:", ...notes.map((n) => `- ${n.catalog}/${n.variant}: ${n.description}`)] : [];
  return [table, "", `${entries.length} ${entries.length === 1 ? "entry" : "entries"}`, ...noteLines].join("\n");
}

/** `portcatalog conflicts <catalog/variant> <catalog/variant> … [--json] [--file F]`. */
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
    productEntries(catalog.entries, product)
      .filter((e) => e.direction === "ingress")
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
