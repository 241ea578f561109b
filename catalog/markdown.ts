import type { Catalog, CatalogEntry } from "./model.js";

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const ports = (e: CatalogEntry) => (e.fromPort === e.toPort ? String(e.fromPort) : `${e.fromPort}-${e.toPort}`);

/** docs/catalog.md: one table per catalog and variant, generated from the data (a test keeps it fresh). */
export function renderCatalogMarkdown(catalog: Catalog): string {
  const out = [
    "# Port catalog",
    "",
    "Generated from `catalog/data/` by `npm run docs`; do not edit by hand.",
    "Audiences: `public` (clients from anywhere), `admin` (operators), `internal` (the deployment's own nodes).",
    "",
  ];
  const products = [...new Set(catalog.entries.map((e) => `${e.catalog}/${e.variant}`))];
  for (const product of products) {
    const entries = catalog.entries.filter((e) => `${e.catalog}/${e.variant}` === product);
    const hasOffset = entries.some((e) => e.offset);
    out.push(`## ${product}`, "", `Source: \`${entries[0].source.document}\``, "");
    out.push(`| id | service | roles | proto | ports | dir | audiences | when | ${hasOffset ? "offset | " : ""}description | section | notes |`);
    out.push(`|${" --- |".repeat(hasOffset ? 12 : 11)}`);
    for (const e of entries) {
      const roles = e.roles ? `${e.roles.join(", ")}${e.rolesInferred ? " (inferred)" : ""}` : "";
      const when = e.required ? "required" : `feature \`${e.feature}\``;
      const dest = e.destination ? ` → ${e.destination.name}${e.destination.cidrIpv4 ? ` (${e.destination.cidrIpv4.join(", ")})` : ""}` : "";
      out.push(
        `| \`${e.id.split("/")[2]}\` | ${cell(e.service)} | ${roles} | ${e.protocol} | ${ports(e)} | ${e.direction}${cell(dest)} | ${e.audiences.join(", ")} | ${when} | ${hasOffset ? `${e.offset ?? ""} | ` : ""}${cell(e.description)} | ${cell(e.source.section)} | ${cell((e.notes ?? []).join(" "))} |`,
      );
    }
    out.push("");
  }
  if (catalog.notes.length) {
    out.push("## Facts that cannot become rules", "");
    for (const n of catalog.notes) out.push(`- **${n.catalog}/${n.variant}** (${cell(n.source.section)}): ${n.description}`);
    out.push("");
  }
  return out.join("\n");
}
