import { join } from "node:path";
import { builtinCatalog } from "../catalog/index.js";
import { renderCatalogMarkdown } from "../catalog/markdown.js";
import { PortcatalogError } from "../catalog/errors.js";
import { parseArgs } from "./args.js";
import { writeOutputFile } from "./write-file.js";

/** The repository's copy of the catalog table, which `npm run docs` rewrites (a test keeps it current). */
export const CATALOG_DOC = join(__dirname, "..", "docs", "catalog.md");

/** `portcatalog docs [--write FILE [--force]]`: the catalog as Markdown, printed or written to the file given (never elsewhere). */
export function docsCommand(argv: string[]): string {
  const { values } = parseArgs({ args: argv, options: { write: { type: "string" }, force: { type: "boolean", default: false } }, strict: true });
  const markdown = renderCatalogMarkdown(builtinCatalog);
  if (values.write === undefined) return markdown;
  if (!values.write) throw new PortcatalogError("--write needs a file name");
  writeOutputFile("--write", values.write, markdown, { force: values.force });
  return `wrote ${values.write}`;
}
