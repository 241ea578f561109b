import type { Catalog, CatalogEntry, Flow } from "./model.js";
import { catalogProducts, holdsFor, productReleases } from "./releases.js";

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const ports = (e: CatalogEntry) => (e.fromPort === e.toPort ? String(e.fromPort) : `${e.fromPort}-${e.toPort}`);

const flowReleases = (e: CatalogEntry, f: Flow) => f.releases ?? e.releases;
const holdsAt = (e: CatalogEntry, f: Flow, release: string | undefined) => release === undefined || (flowReleases(e, f)?.includes(release) ?? true);

/** A release's flows not shown before (a flow is written once, under the first release it holds for). */
function flowTable(entries: readonly CatalogEntry[], release: string | undefined, shown: Set<string>): string[] {
  const rows: string[] = [];
  for (const e of entries) {
    (e.flows ?? []).forEach((f, i) => {
      const key = `${e.id}#${i}`;
      if (shown.has(key) || !holdsAt(e, f, release)) return;
      shown.add(key);
      const from = f.from === "unknown" ? "unknown" : f.from.join(", ");
      const to = (f.to ?? e.roles ?? []).join(", ") || "the entry";
      rows.push(`| \`${e.id.split("/")[2]}\` | ${cell(from)} → ${cell(to)} | ${(flowReleases(e, f) ?? []).join(", ") || "all"} | \`${cell(f.source.document)}\`: ${cell(f.source.section)} | ${cell((f.notes ?? []).join(" "))} |`);
    });
  }
  if (!rows.length) return [];
  return [`Flows${release === undefined ? "" : ` from ${release} on`} (who connects → where the port listens):`, "", "| id | from → to | releases | source | notes |", `|${" --- |".repeat(5)}`, ...rows, ""];
}

/**
 * docs/catalog.md: per product its releases (oldest first), and per release a table of every
 * entry that holds for it (or a pointer to the previous release when nothing changed). An entry's
 * source and notes are written where it first appears; later releases point back to that release.
 * Generated from the data (a test keeps it fresh).
 */
export function renderCatalogMarkdown(catalog: Catalog): string {
  const out = [
    "# Port catalog",
    "",
    "Generated from `catalog/data/` by `npm run docs`; do not edit by hand.",
    "Audiences: `public` (clients from anywhere), `admin` (operators), `internal` (the deployment's own nodes).",
    "Each product lists its releases oldest first; a selection without a release takes the newest.",
    "Flows: who opens connections to a port (deployment roles; `clients` are the public audience, `operators` the admin audience) and which of the entry's roles they reach; `unknown` means the sources read do not say (their notes list them), and the audiences apply. Each flow is listed under the first release it holds for.",
    "Offset (WSO2): `product` ports move with the server's port offset, `fixed` ones never, `analytics-server` ones with the API-M Analytics server's; \"default N included\": the port is the shipped one, with the product's own default offset N, which a `portOffset` replaces (port - N + portOffset).",
    "",
  ];
  for (const product of catalogProducts(catalog)) {
    const all = catalog.entries.filter((e) => `${e.catalog}/${e.variant}` === product);
    const releases = productReleases(catalog, product);
    out.push(`## ${product}`, "");
    if (releases.length) {
      out.push("| release | date | source | section | includes |", "| --- | --- | --- | --- | --- |");
      for (const r of releases) {
        out.push(`| ${r.name} | ${r.date ?? ""} | \`${cell(r.source.document)}\` | ${cell(r.source.section)} | ${(r.includes ?? []).join(", ")} |`);
      }
      out.push("");
    }
    const firstSeen = new Map<string, string>();
    const flowsShown = new Set<string>();
    let previous: { release?: string; ids: string } | undefined;
    for (const release of releases.length ? releases.map((r) => r.name) : [undefined]) {
      const entries = all.filter((e) => holdsFor(e, release));
      if (release !== undefined) out.push(`### ${product} ${release}`, "");
      const info = releases.find((r) => r.name === release);
      if (info?.notes?.length) out.push(...info.notes.map((n) => `- ${n}`), "");
      const ids = entries.map((e) => e.id).join(" ");
      if (previous && previous.ids === ids) {
        out.push(`The same entries as ${previous.release}.`, "", ...flowTable(entries, release, flowsShown));
        continue;
      }
      previous = { release, ids };
      if (!entries.length) {
        out.push("No entries.", "");
        continue;
      }
      const hasOffset = entries.some((e) => e.offset);
      out.push(`| id | service | roles | proto | ports | dir | audiences | when | ${hasOffset ? "offset | " : ""}description | source | notes |`);
      out.push(`|${" --- |".repeat(hasOffset ? 12 : 11)}`);
      for (const e of entries) {
        const roles = e.roles ? `${e.roles.join(", ")}${e.rolesInferred ? " (inferred)" : ""}` : "";
        const when = e.required ? "required" : `feature \`${e.feature}\``;
        const dest = e.destination ? ` → ${e.destination.name}${e.destination.cidrIpv4 ? ` (${e.destination.cidrIpv4.join(", ")})` : ""}` : "";
        const seen = firstSeen.get(e.id);
        if (!seen && release !== undefined) firstSeen.set(e.id, release);
        const source = seen ? `as in ${seen}` : `\`${cell(e.source.document)}\`: ${cell(e.source.section)}`;
        const notes = seen ? `as in ${seen}` : cell((e.notes ?? []).join(" "));
        out.push(
          `| \`${e.id.split("/")[2]}\` | ${cell(e.service)} | ${roles} | ${e.protocol} | ${ports(e)} | ${e.direction}${cell(dest)} | ${e.audiences.join(", ")} | ${when} | ${hasOffset ? `${e.offset ?? ""}${e.defaultOffset ? ` (default ${e.defaultOffset} included)` : ""} | ` : ""}${cell(e.description)} | ${source} | ${notes} |`,
        );
      }
      out.push("", ...flowTable(entries, release, flowsShown));
    }
  }
  if (catalog.notes.length) {
    out.push("## Facts that cannot become rules", "");
    for (const n of catalog.notes) out.push(`- **${n.catalog}/${n.variant}** (${cell(n.source.section)}): ${n.description}`);
    out.push("");
  }
  return out.join("\n");
}
