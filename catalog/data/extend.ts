import type { Audience, Flow, ReleasedEntry } from "../model.js";

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

/**
 * Where a source says more about a port than its entry: the roles it listens on that replace the entry's, the
 * audiences it serves that replace the entry's (e.g. an endpoint only the operators' tools use), and why.
 */
export interface RoleRefinement {
  roles?: string[];
  audiences?: Audience[];
  note: string;
}

/**
 * Gives entries their flows (and refined roles), by id: the flows live beside their sources, one file
 * per product, and an id that names no entry is a data error, never a silent gap.
 */
export function applyFlows(entries: readonly ReleasedEntry[], flows: Readonly<Record<string, Flow[]>>, roles: Readonly<Record<string, RoleRefinement>> = {}): ReleasedEntry[] {
  const ids = new Set(entries.map((e) => e.id));
  for (const id of [...Object.keys(flows), ...Object.keys(roles)]) {
    if (!ids.has(id)) throw new Error(`built-in data: flows or roles for unknown entry "${id}"`);
  }
  return entries.map((e) => {
    const refined = Object.hasOwn(roles, e.id) ? roles[e.id] : undefined;
    const own = Object.hasOwn(flows, e.id) ? flows[e.id] : undefined;
    if (!refined && !own) return e;
    return {
      ...e,
      ...(refined ? { ...(refined.roles ? { roles: refined.roles } : {}), ...(refined.audiences ? { audiences: refined.audiences } : {}), notes: [...(e.notes ?? []), refined.note] } : {}),
      ...(own ? { flows: [...(e.flows ?? []), ...own] } : {}),
    };
  });
}
