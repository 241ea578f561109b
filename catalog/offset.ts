import { PortcatalogError } from "./errors.js";
import type { CatalogEntry } from "./model.js";

/** Port offsets of a WSO2 deployment. */
export interface PortOffsets {
  /**
   * The product server's own offset (carbon.xml `Offset`, deployment.toml `[server] offset`,
   * `-DportOffset`). Unset: the product's shipped ports, as the catalog lists them (offset 0, or an
   * entry's `defaultOffset`: Micro Integrator 4.x ships 10). Set: it replaces that default, so 0
   * puts Micro Integrator's 8290 back on its base 8280.
   */
  portOffset?: number;
  /** The API Manager Analytics server's offset, for ports that follow it. Default 1, the analytics server's shipped offset. */
  analyticsPortOffset?: number;
}

export const DEFAULT_ANALYTICS_PORT_OFFSET = 1;

function checkOffset(name: string, value: unknown): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 65534) {
    // Quoted when a string, so "5" does not read as the number it is not.
    throw new PortcatalogError(`${name} ${typeof value === "string" ? JSON.stringify(value) : String(value)} is not valid: use a whole number from 0 to 65534`);
  }
}

/**
 * How far the offsets move an entry's catalog ports. A `portOffset` replaces the entry's
 * `defaultOffset` (already in its ports) rather than adding to it; without one the ports stay.
 */
export function offsetShift(entry: CatalogEntry, offsets: PortOffsets = {}): number {
  // null is unset, as everywhere in the arguments.
  if (entry.offset === "product") return offsets.portOffset == null ? 0 : offsets.portOffset - (entry.defaultOffset ?? 0);
  if (entry.offset === "analytics-server") return offsets.analyticsPortOffset ?? DEFAULT_ANALYTICS_PORT_OFFSET;
  return 0;
}

/** The ports an entry really uses once offsets are applied; rejects any result outside 1-65535. */
export function applyOffset(entry: CatalogEntry, offsets: PortOffsets = {}): { fromPort: number; toPort: number } {
  if (offsets.portOffset != null) checkOffset("portOffset", offsets.portOffset);
  checkOffset("analyticsPortOffset", offsets.analyticsPortOffset ?? DEFAULT_ANALYTICS_PORT_OFFSET);
  const shift = offsetShift(entry, offsets);
  const fromPort = entry.fromPort + shift;
  const toPort = entry.toPort + shift;
  const which = entry.offset === "analytics-server" ? "analyticsPortOffset" : "portOffset";
  const given = entry.offset === "analytics-server" ? shift : (offsets.portOffset ?? 0);
  const included = entry.offset === "product" && entry.defaultOffset ? `, which includes its default offset ${entry.defaultOffset}` : "";
  if (toPort > 65535) {
    throw new PortcatalogError(
      `${which} ${given} moves ${entry.id} (port ${entry.toPort}${included}) to ${toPort}, above 65535: use a ${which} of at most ${65535 - entry.toPort + given - shift}`,
    );
  }
  // Only an entry that skipped the validator can get here (a default offset larger than its port).
  if (fromPort < 1) {
    throw new PortcatalogError(
      `${entry.id}: defaultOffset ${entry.defaultOffset} is not valid: port ${entry.fromPort} - defaultOffset ${entry.defaultOffset} + ${which} ${given} = ${fromPort}, below 1; use a defaultOffset from 0 to ${entry.fromPort - 1}`,
    );
  }
  return { fromPort, toPort };
}
