// Values the engine does not know yet (a preview): the policy runtime's proxy throws on reading one.

/** A value the engine does not know yet (preview); `snapshot` puts it where the proxy would throw. */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");

// The engine's unknown-value sentinels (@pulumi/policy 1.21 proxy.js, the same as @pulumi/pulumi's
// runtime): behind the policy runtime's proxy a read of one throws; unproxied it is this string.
const UNKNOWN_SENTINELS = new Set([
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  "030794c1-ac77-496b-92df-f27374a8bd58",
  "e48ece36-62e2-4504-bad9-02848725956a",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

/**
 * A plain copy of (possibly proxied) resource properties: a value the policy runtime does not
 * know yet reads as {@link UNKNOWN} instead of throwing, so one unknown cannot stop a judgement.
 */
export function snapshot(value: unknown, depth = 0): unknown {
  if (typeof value === "string" && UNKNOWN_SENTINELS.has(value)) return UNKNOWN;
  if (depth > 16 || typeof value !== "object" || value === null) return value;
  const read = (k: string | number) => {
    try {
      return snapshot((value as Record<string | number, unknown>)[k], depth + 1);
    } catch {
      return UNKNOWN;
    }
  };
  if (Array.isArray(value)) return Array.from({ length: value.length }, (_, i) => read(i));
  return Object.fromEntries(Object.keys(value).map((k) => [k, read(k)]));
}
