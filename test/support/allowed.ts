// What a set of rules allows, comparable across clouds: a key (direction, protocol, peer, ...) to its
// ports as merged runs, `a-b,c-d`.
export function mergedRuns<T extends { fromPort: number; toPort: number }>(facts: readonly T[], keyOf: (f: T) => string): Record<string, string> {
  const by = new Map<string, [number, number][]>();
  for (const f of facts) {
    const k = keyOf(f);
    by.set(k, [...(by.get(k) ?? []), [f.fromPort, f.toPort]]);
  }
  const out: Record<string, string> = {};
  for (const [k, runs] of [...by].sort()) {
    const merged: [number, number][] = [];
    for (const [a, b] of runs.sort((x, y) => x[0] - y[0])) {
      const last = merged[merged.length - 1];
      if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
      else merged.push([a, b]);
    }
    out[k] = merged.map(([a, b]) => `${a}-${b}`).join(",");
  }
  return out;
}
