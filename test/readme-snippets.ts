import { readFileSync } from "node:fs";
import { join } from "node:path";

/** A fenced TypeScript block of the README marked for testing: ```ts snippet=program or ```ts snippet=test. */
export interface Snippet {
  kind: "program" | "test";
  /** 1-based line of the opening fence, for failure messages. */
  line: number;
  code: string;
}

export function readmeSnippets(readme = readFileSync(join(__dirname, "..", "README.md"), "utf8")): Snippet[] {
  const snippets: Snippet[] = [];
  const lines = readme.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(ts|typescript)\b(.*)$/.exec(lines[i]);
    if (!open) continue;
    const kind = /\bsnippet=(program|test)\b/.exec(open[2])?.[1] as Snippet["kind"] | undefined;
    if (!kind) throw new Error(`README.md:${i + 1}: a TypeScript block needs snippet=program or snippet=test, so a test runs it`);
    const end = lines.indexOf("```", i + 1);
    snippets.push({ kind, line: i + 1, code: lines.slice(i + 1, end).join("\n") });
    i = end;
  }
  return snippets;
}
