import { createHash } from "node:crypto";
import type { RegisteredResource } from "../testing/index.js";

/**
 * What a program registered, in a form two programs can be compared by: every resource's type,
 * name, parent's name and (for custom resources) resolved inputs, in name order, hashed. Keys are
 * sorted: the mocks' Check appends an auto-name after the program's inputs, where a program that
 * gives the name has it in its own place, and the engine does not care about the order.
 */
export function fingerprint(resources: readonly RegisteredResource[]): { resources: number; sha256: string } {
  const nameOf = new Map(resources.map((r) => [r.urn, r.name]));
  const rows = resources
    .map((r) => JSON.stringify([r.type, r.name, r.parent ? (nameOf.get(r.parent) ?? r.parent) : null, r.custom ? sorted(r.inputs) : null]))
    .sort();
  return { resources: resources.length, sha256: createHash("sha256").update(rows.join("\n")).digest("hex") };
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === "object") return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted((value as Record<string, unknown>)[k])]));
  return value;
}
