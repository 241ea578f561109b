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
 */
export function findConflicts(listeners: readonly Listener[]): PortConflict[] {
  const byRange = new Map<string, PortConflict>();
  for (let i = 0; i < listeners.length; i++) {
    for (let j = i + 1; j < listeners.length; j++) {
      const a = listeners[i];
      const b = listeners[j];
      if (a.product === b.product || a.protocol !== b.protocol) continue;
      const fromPort = Math.max(a.fromPort, b.fromPort);
      const toPort = Math.min(a.toPort, b.toPort);
      if (fromPort > toPort) continue;
      const key = `${a.protocol}:${fromPort}-${toPort}`;
      const conflict = byRange.get(key) ?? { protocol: a.protocol, fromPort, toPort, products: [], users: [] };
      for (const l of [a, b]) {
        if (!conflict.users.some((u) => u.entryId === l.entryId && u.product === l.product)) {
          conflict.users.push({ product: l.product, entryId: l.entryId, service: l.service });
        }
      }
      conflict.products = [...new Set(conflict.users.map((u) => u.product))].sort();
      byRange.set(key, conflict);
    }
  }
  return [...byRange.values()].sort((x, y) => x.fromPort - y.fromPort || x.toPort - y.toPort || x.protocol.localeCompare(y.protocol));
}
