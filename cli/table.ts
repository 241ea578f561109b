/**
 * Text safe to print on a terminal: control characters (C0 but newline, DEL, C1) and bidirectional
 * overrides become `\uXXXX`, so a hostile catalog or file name cannot move the cursor, recolour the
 * screen or reorder what is shown. JSON stays valid JSON: the escapes are JSON's own.
 */
export function printable(text: string, keepNewlines = true): string {
  const pattern = keepNewlines ? /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g : /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
  return text.replace(pattern, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Left-aligned plain-text table; the last column is not padded. Every cell is one printable line. */
export function formatTable(header: string[], rows: string[][]): string {
  const cell = (c: string | undefined) => printable(c ?? "", false);
  const safe = rows.map((r) => r.map(cell));
  const widths = header.map((h, i) => Math.max(h.length, ...safe.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(header.map(cell)), line(widths.map((w) => "-".repeat(w))), ...safe.map(line)].join("\n");
}

export const portRange = (from: number, to: number) => (from === to ? String(from) : `${from}-${to}`);
