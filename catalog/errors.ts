/**
 * An error caused by the caller's input (a bad catalog, filter, source or option).
 * The CLI prints its message as one line; components throw it before registering anything.
 */
export class PortcatalogError extends Error {
  override name = "PortcatalogError";
}

/** `a, b or c` for error messages that list the valid choices. */
export function oneOf(values: readonly (string | number)[]): string {
  const quoted = values.map((v) => (typeof v === "string" ? `"${v}"` : String(v)));
  return quoted.length <= 1 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
}
