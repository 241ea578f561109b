import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "./args.js";
import { builtinCatalog } from "../catalog/index.js";
import { renderCatalogMarkdown } from "../catalog/markdown.js";

export const CATALOG_DOC = join(__dirname, "..", "docs", "catalog.md");

/** `portcatalog docs [--write]`: prints docs/catalog.md, or rewrites it. */
export function docsCommand(argv: string[]): string {
  const { values } = parseArgs({ args: argv, options: { write: { type: "boolean", default: false } }, strict: true });
  const markdown = renderCatalogMarkdown(builtinCatalog);
  if (!values.write) return markdown;
  writeFileSync(CATALOG_DOC, markdown);
  return `wrote ${CATALOG_DOC}`;
}
