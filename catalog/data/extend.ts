import type { ReleasedEntry } from "../model.js";

/** A document entry that still holds, unchanged, in newer releases: the evidence and the releases. */
export interface Extension {
  id: string;
  releases: string[];
  source: { document: string; section: string };
  notes?: string[];
}

/**
 * Adds each extension's releases to its entry, and its evidence to the entry's notes: a port that
 * did not change is one entry with several releases, never a copy.
 */
export function applyExtensions(entries: readonly ReleasedEntry[], extensions: readonly Extension[]): ReleasedEntry[] {
  const byId = new Map<string, Extension[]>();
  for (const x of extensions) {
    if (!entries.some((e) => e.id === x.id)) throw new Error(`built-in data: extension of unknown entry "${x.id}"`);
    byId.set(x.id, [...(byId.get(x.id) ?? []), x]);
  }
  return entries.map((e) => {
    const found = byId.get(e.id);
    if (!found) return e;
    const releases = [...e.releases, ...found.flatMap((x) => x.releases.filter((r) => !e.releases.includes(r)))];
    const evidence = found.flatMap((x) => [`Holds for ${x.releases.join(", ")} too: ${x.source.document} (${x.source.section}).`, ...(x.notes ?? [])]);
    return { ...e, releases, notes: [...(e.notes ?? []), ...evidence] };
  });
}
