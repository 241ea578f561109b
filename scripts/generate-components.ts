// Writes the component classes from the table in scripts/presets.ts: `npm run generate`.
// `generate()` is pure (file name -> text), so test/generated.test.ts can compare it with the
// committed files without writing anything.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { type ArgsSpec, type CloudTable, type ComponentRow, type FieldSpec, type SelectSpec, TABLES, TYPE_MODULES } from "./presets.js";

const ROOT = join(__dirname, "..");

/** A JSDoc comment at `indent`: one line when the text is, otherwise one ` * ` line per line. */
function jsdoc(text: string, indent: string): string[] {
  const lines = text.split("\n");
  if (lines.length === 1) return [`${indent}/** ${text} */`];
  return [`${indent}/**`, ...lines.map((l) => (l ? `${indent} * ${l}` : `${indent} *`)), `${indent} */`];
}

function field(f: FieldSpec): string[] {
  return [...jsdoc(f.doc, "  "), `  ${f.name}${f.optional ? "?" : ""}: ${f.type};`];
}

function argsInterface(spec: ArgsSpec, name: string, doc: string): string[] {
  return [...jsdoc(doc, ""), `export interface ${name} extends ${spec.extends} {`, ...spec.fields.flatMap(field), "}"];
}

/** `(a) => …`: the products a row selects, read from its checked arguments. */
function productsOf(select: SelectSpec): string {
  if (select === "products") return "(a) => a.products";
  if (select === "wso2") return "(a) => wso2Selections(a.products, a.analyticsPortOffset)";
  const parts = Object.entries(select).map(([key, value]) => {
    if (typeof value === "object" && !Array.isArray(value)) return `${key}: a.${value.arg}`;
    return `${key}: ${Array.isArray(value) ? `[${value.map((v) => JSON.stringify(v)).join(", ")}]` : JSON.stringify(value)}`;
  });
  return `(a) => [{ ${parts.join(", ")} }]`;
}

const argsName = (row: ComponentRow) => (typeof row.args === "string" ? row.args : (row.args.name ?? `${row.name}Args`));

function componentClass(table: CloudTable, row: ComponentRow): string[] {
  const form = table.forms[row.form];
  if (!form) throw new Error(`${row.name}: form ${JSON.stringify(row.form)} is not one of ${table.cloud}'s (${Object.keys(table.forms).join(", ")})`);
  const own = typeof row.args === "string" ? [] : [...argsInterface(row.args, argsName(row), row.args.doc ?? `Arguments of {@link ${row.name}}.`), ""];
  return [
    ...own,
    ...jsdoc(row.doc, ""),
    `export class ${row.name} extends pulumi.ComponentResource {`,
    ...form.outputs.flatMap((o) => [...jsdoc(o.doc, "  "), `  readonly ${o.name}!: pulumi.Output<${o.type}>;`]),
    "",
    `  constructor(name: string, args: ${argsName(row)}, opts?: pulumi.ComponentResourceOptions) {`,
    `    const planned = ${loaderOf(form.module)}().${form.plan}(${JSON.stringify(row.name)}, name, args, ${productsOf(row.select)});`,
    `    super(typeToken(${JSON.stringify(row.name)}), name, {}, opts);`,
    `    const outputs = ${form.createImports.reduce((text, fn) => text.replace(new RegExp(`(?<![.\\w])${fn}\\(`, "g"), `${loaderOf(form.module)}().${fn}(`), form.create)};`,
    "    Object.assign(this, outputs);",
    "    this.registerOutputs(outputs);",
    "  }",
    "}",
  ];
}

/** The import lines: values and types by module, `import type` where a module gives only types. */
function imports(table: CloudTable): string[] {
  const byModule = new Map<string, Map<string, boolean>>(); // name -> is a type
  const add = (module: string, name: string, isType: boolean) => {
    const names = byModule.get(module) ?? new Map<string, boolean>();
    names.set(name, (names.get(name) ?? true) && isType);
    byModule.set(module, names);
  };
  add("@pulumi/pulumi", "* as pulumi", false);
  add("../base.js", "typeToken", false);
  const shared = new Set(table.sharedArgs.map((s) => s.name));
  const formModules = new Set<string>();
  const typeText: string[] = [];
  for (const spec of [...table.sharedArgs, ...table.components.flatMap((r) => (typeof r.args === "string" ? [] : [r.args]))]) {
    typeText.push(spec.extends, ...spec.fields.map((f) => f.type));
  }
  for (const row of table.components) {
    const form = table.forms[row.form];
    if (typeof row.args === "string" && !shared.has(row.args)) typeText.push(row.args);
    if (row.select === "wso2") add("../wso2.js", "wso2Selections", false);
    if (form) {
      add(form.module, `* as ${namespaceOf(form.module)}`, true);
      formModules.add(form.module);
    }
  }
  for (const text of typeText) {
    // Type names: capitalised, not a member (`pulumi.Input`); lower-case words are keywords, index keys or `pulumi`.
    for (const name of text.match(/(?<![.\w])[A-Z][A-Za-z0-9_]*/g) ?? []) {
      if (TYPE_MODULES[name]) add(TYPE_MODULES[name], name, true);
      else if (name !== "Record" && !shared.has(name)) throw new Error(`${table.cloud}: the type ${name} is not in TYPE_MODULES`);
    }
  }
  const byName = (a: string, b: string) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0);
  const modules = [...byModule.keys()].sort((a, b) => Number(a.startsWith(".")) - Number(b.startsWith(".")) || (a < b ? -1 : a > b ? 1 : 0));
  return modules.map((module) => {
    const names = [...(byModule.get(module) as Map<string, boolean>)];
    const namespace = names.find(([n]) => n === `* as ${namespaceOf(module)}`);
    if (namespace && formModules.has(module)) {
      // A form's module: its types by namespace, its functions through the loader (see `loaders`).
      const rest = names.filter(([n]) => n !== namespace[0]).map(([n]) => n).sort(byName);
      return [`import type ${namespace[0]} from "${module}";`, ...(rest.length ? [`import type { ${rest.join(", ")} } from "${module}";`] : [])].join("\n");
    }
    if (names.length === 1 && names[0][0].startsWith("* as ")) return `import ${names[0][0]} from "${module}";`;
    const onlyTypes = names.every(([, isType]) => isType);
    const list = names
      .map(([n]) => n)
      .sort(byName)
      .map((n) => (onlyTypes || !byModule.get(module)?.get(n) ? n : `type ${n}`));
    return `import ${onlyTypes ? "type " : ""}{ ${list.join(", ")} } from "${module}";`;
  });
}

/** `./network-security-group.js` → `networkSecurityGroup`: the name a form's module is imported under. */
function namespaceOf(module: string): string {
  return module.replace(/^.*\//, "").replace(/\.js$/, "").replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/** The function that loads a form's module. */
function loaderOf(module: string): string {
  return `${namespaceOf(module)}Module`;
}

/** One loader per form module the table uses. */
function loaders(table: CloudTable): string[] {
  const modules = [...new Set(table.components.flatMap((row) => (table.forms[row.form] ? [table.forms[row.form].module] : [])))].sort();
  return [
    "// Each form's plan and create functions load with the first component that calls them: a program that",
    "// builds none of this cloud's components never loads its adapter (nor, through it, its provider SDK).",
    ...modules.map((module) => `const ${loaderOf(module)} = (): typeof ${namespaceOf(module)} => require("${module}");`),
  ];
}

/** The text of one cloud's generated file. */
export function generateFile(table: CloudTable): string {
  const lines = [
    "// GENERATED by scripts/generate-components.ts from the table in scripts/presets.ts: do not edit by hand.",
    "// Change the table (or the generator) and run `npm run generate`; test/generated.test.ts fails while",
    "// this file differs from what the generator writes.",
    `// ${table.note}`,
    "//",
    "// Pulumi's component analyzer only accepts classes that extend ComponentResource directly and reads",
    "// outputs from each class's own members, so every component declares its outputs itself; the work is",
    "// done by the hand-written plan and create functions each class calls.",
    ...imports(table),
    "",
    ...loaders(table),
    "",
  ];
  for (const shared of table.sharedArgs) lines.push(...argsInterface(shared, shared.name, shared.doc ?? `Arguments of ${shared.name}.`), "");
  table.components.forEach((row, i) => {
    lines.push(...componentClass(table, row));
    if (i < table.components.length - 1) lines.push("");
  });
  return `${lines.join("\n")}\n`;
}

/** Every generated file, by its path relative to the repository. */
export function generate(tables: readonly CloudTable[] = TABLES): Map<string, string> {
  const names = tables.flatMap((t) => t.components.map((c) => c.name));
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new Error(`${twice} is in the table twice: class names are type tokens, unique across clouds`);
  return new Map(tables.map((t) => [t.file, generateFile(t)]));
}

if (require.main === module) {
  for (const [file, text] of generate()) {
    writeFileSync(join(ROOT, file), text);
    console.log(`wrote ${file}`);
  }
}
