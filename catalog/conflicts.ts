import type { Protocol } from "./model.js";

/** Something that listens on a port range, tagged with the product (selection) it belongs to. */
export interface Listener {
  product: string;
  entryId: string;
  service: string;
  protocol: Protocol;
  fromPort: number;
  toPort: number;
}

/** Ports that two or more products would both listen on if they shared one host. */
export interface PortConflict {
  protocol: Protocol;
  fromPort: number;
  toPort: number;
  /** The products that collide, sorted. */
  products: string[];
  users: { product: string; entryId: string; service: string }[];
}

/**
 * Finds the port ranges where listeners of different products overlap. Listeners of one product
 * never conflict with each other: the documents list them for different machines or as one service.
 *
 * A sweep, not all pairs: per protocol and product, listeners sorted by first port; each listener
 * looks up (binary search) the other products' listeners that start within its range, so the cost
 * is O(n log n) per product plus the overlapping pairs themselves. A conflict's users are listed
 * in the order the pairs appear in `listeners` (first listener of a pair first).
 */
export function findConflicts(listeners: readonly Listener[]): PortConflict[] {
  // Per protocol, per product: listener indexes sorted by (fromPort, index).
  const lanes = new Map<string, Map<string, number[]>>();
  listeners.forEach((l, i) => {
    let products = lanes.get(l.protocol);
    if (!products) lanes.set(l.protocol, (products = new Map()));
    const list = products.get(l.product);
    if (list) list.push(i);
    else products.set(l.product, [i]);
  });
  const before = (i: number, j: number) => listeners[i].fromPort < listeners[j].fromPort || (listeners[i].fromPort === listeners[j].fromPort && i < j);
  // Each overlapping pair once, found from the listener that starts first; grouped by the ports they share.
  const pairsByRange = new Map<string, { protocol: Protocol; fromPort: number; toPort: number; pairs: [number, number][] }>();
  for (const [protocol, products] of lanes) {
    const lists = [...products.values()];
    for (const list of lists) list.sort((i, j) => listeners[i].fromPort - listeners[j].fromPort || i - j);
    for (const own of lists) {
      for (const other of lists) {
        if (other === own) continue;
        for (const i of own) {
          const a = listeners[i];
          // First listener of `other` that starts after `a` (ties broken by index).
          let lo = 0;
          let hi = other.length;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (before(other[mid], i)) lo = mid + 1;
            else hi = mid;
          }
          for (let k = lo; k < other.length && listeners[other[k]].fromPort <= a.toPort; k++) {
            const j = other[k];
            const b = listeners[j];
            const fromPort = b.fromPort;
            const toPort = Math.min(a.toPort, b.toPort);
            const key = `${protocol}:${fromPort}-${toPort}`;
            let range = pairsByRange.get(key);
            if (!range) pairsByRange.set(key, (range = { protocol: protocol as Protocol, fromPort, toPort, pairs: [] }));
            range.pairs.push(i < j ? [i, j] : [j, i]);
          }
        }
      }
    }
  }
  const conflicts: PortConflict[] = [];
  for (const { protocol, fromPort, toPort, pairs } of pairsByRange.values()) {
    pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    const users: PortConflict["users"] = [];
    const seen = new Set<string>();
    for (const index of pairs.flat()) {
      const l = listeners[index];
      const id = `${l.product}\u0000${l.entryId}`;
      if (seen.has(id)) continue;
      seen.add(id);
      users.push({ product: l.product, entryId: l.entryId, service: l.service });
    }
    conflicts.push({ protocol, fromPort, toPort, products: [...new Set(users.map((u) => u.product))].sort(), users });
  }
  return conflicts.sort((x, y) => x.fromPort - y.fromPort || x.toPort - y.toPort || x.protocol.localeCompare(y.protocol));
}
