import { PortcatalogError } from "./errors.js";
import type { CatalogEntry } from "./model.js";

/** Port offsets of a WSO2 deployment. */
export interface PortOffsets {
  /** The product server's own offset (carbon.xml `Offset`, `-DportOffset`). Default 0. */
  portOffset?: number;
  /** The API Manager Analytics server's offset, for ports that follow it. Default 1, the analytics server's shipped offset. */
  analyticsPortOffset?: number;
}

export const DEFAULT_ANALYTICS_PORT_OFFSET = 1;

function checkOffset(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 65534) {
    throw new PortcatalogError(`${name} ${value} is not valid: use a whole number from 0 to 65534`);
  }
}

/** The ports an entry really uses once offsets are applied; rejects any result above 65535. */
export function applyOffset(entry: CatalogEntry, offsets: PortOffsets = {}): { fromPort: number; toPort: number } {
  const portOffset = offsets.portOffset ?? 0;
  const analyticsPortOffset = offsets.analyticsPortOffset ?? DEFAULT_ANALYTICS_PORT_OFFSET;
  checkOffset("portOffset", portOffset);
  checkOffset("analyticsPortOffset", analyticsPortOffset);
  const shift = entry.offset === "product" ? portOffset : entry.offset === "analytics-server" ? analyticsPortOffset : 0;
  const fromPort = entry.fromPort + shift;
  const toPort = entry.toPort + shift;
  if (toPort > 65535) {
    const which = entry.offset === "analytics-server" ? "analyticsPortOffset" : "portOffset";
    throw new PortcatalogError(
      `${which} ${shift} moves ${entry.id} (port ${entry.toPort}) to ${toPort}, above 65535: use a ${which} of at most ${65535 - entry.toPort}`,
    );
  }
  return { fromPort, toPort };
}
