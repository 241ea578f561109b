// One whole process of the catalog-loading benchmark: loads and validates a user catalog file
// and prints the time it took and the process's peak resident memory.
import { loadCatalogFile } from "../catalog/validate.js";

const file = process.argv[2];
const t0 = process.hrtime.bigint();
const catalog = loadCatalogFile(file);
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
process.stdout.write(`${JSON.stringify({ entries: catalog.entries.length, ms, peakRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
