/**
 * An error caused by the caller's input (a bad catalog, filter, source or option).
 * The CLI prints its message as one line; components throw it before registering anything.
 */
export class PortcatalogError extends Error {
  override name = "PortcatalogError";
  /**
   * The mark of `pulumi.RunError` (@pulumi/pulumi errors.js `RunError.isInstance`): the Pulumi
   * program runner (cmd/run) prints such an error as its message alone, one line, without a stack.
   * A mark rather than a subclass, since catalog/ imports no Pulumi package (and it works whichever
   * copy of the SDK the program loaded).
   */
  readonly __pulumiRunError = true;
}

/** `a, b or c` for error messages that list the valid choices. */
export function oneOf(values: readonly (string | number)[]): string {
  const quoted = values.map((v) => (typeof v === "string" ? `"${v}"` : String(v)));
  return quoted.length <= 1 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
}

/** Edit distance counting a swap of two neighbouring characters as one edit (`tsl` -> `tls`). */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The one valid name a typo most likely meant: the only closest within two edits (one for short
 * names), case ignored. None when two are as close (`2025.3`: `2025.1` or `2025.2`), so it never guesses.
 */
export function closest(value: unknown, values: readonly (string | number)[]): string | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const given = String(value).toLowerCase();
  const limit = given.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = Infinity;
  let tie = false;
  for (const v of new Set(values.map(String))) {
    const distance = editDistance(given, v.toLowerCase());
    if (distance < bestDistance) [best, bestDistance, tie] = [v, distance, false];
    else if (distance === bestDistance) tie = true;
  }
  return best !== undefined && !tie && bestDistance <= limit && best !== String(value) ? best : undefined;
}

/** `did you mean "b"? ` when the value is a likely typo of one of the values, else nothing. */
export function didYouMean(value: unknown, values: readonly (string | number)[]): string {
  const meant = closest(value, values);
  return meant === undefined ? "" : `did you mean ${JSON.stringify(meant)}? `;
}

/** `use "a", "b" or "c"` for a value not among them, led by `did you mean "b"?` when it is a likely typo of one. */
export function useOneOf(value: unknown, values: readonly (string | number)[]): string {
  return `${didYouMean(value, values)}use ${oneOf(values)}`;
}
