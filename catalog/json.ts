// JSON as every file and option portcatalog reads takes it: JSON.parse keeps the last of two equal keys of one
// object without a word, so `{"securityGroupId": "a", "securityGroupId": "b"}` would mean "b" silently. A key given
// twice is refused instead, as the YAML parser refuses it.

/** JSON.parse, refusing an object that holds one key twice; the error names the key and where it is. */
export function parseJson(text: string): unknown {
  const value: unknown = JSON.parse(text);
  const twice = duplicateJsonKey(text);
  if (twice) throw new SyntaxError(`key ${JSON.stringify(twice.key)} is given twice in ${twice.at}; give each key once`);
  return value;
}

/**
 * The first key one object of a JSON text holds twice, and where (`entries[2]`, `the top level`); undefined if
 * none. The text is valid JSON already (JSON.parse read it), so strings and nesting are all this has to follow.
 */
export function duplicateJsonKey(text: string): { key: string; at: string } | undefined {
  type Frame = { path: string; keys?: Set<string>; expectKey: boolean; key?: string; index: number };
  const stack: Frame[] = [];
  const childPath = (parent: Frame | undefined) => (!parent ? "" : parent.keys ? `${parent.path}${/^[A-Za-z_$][\w$]*$/.test(parent.key ?? "") ? `${parent.path ? "." : ""}${parent.key}` : `[${JSON.stringify(parent.key)}]`}` : `${parent.path}[${parent.index}]`);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      if (top?.keys && top.expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.keys.has(key)) return { key, at: top.path || "the top level" };
        top.keys.add(key);
        top.key = key;
        top.expectKey = false;
      }
      i = j;
    } else if (c === "{" || c === "[") stack.push({ path: childPath(top), expectKey: c === "{", index: 0, ...(c === "{" ? { keys: new Set<string>() } : {}) });
    else if (c === "}" || c === "]") stack.pop();
    else if (c === "," && top) {
      if (top.keys) top.expectKey = true;
      else top.index++;
    }
  }
  return undefined;
}
