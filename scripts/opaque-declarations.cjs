#!/usr/bin/env node
// Build step after `tsc -p tsconfig.build.json`: no declaration file a user's compiler can reach
// from the package's entry points may import zod.
//
// zod's own type files do not compile under the tsconfig of Pulumi's TypeScript templates
// (moduleResolution node, no esModuleInterop, no skipLibCheck), so a reachable `.d.ts` of ours
// that imports zod breaks every user's `tsc`. For each one that does, this rewrites:
// - type aliases that mention zod (`z.infer<typeof entrySchema>`) or a rewritten constant into the
//   plain types the compiler infers for them, so users see ordinary TypeScript types;
// - exported schema constants into an opaque `CatalogSchema<T>` (only `parse` is promised);
// - other exported values whose types name zod (internal helpers that share a module with a public
//   type) into `unknown`: no entry point exports them;
// - declarations that are not exported, and the zod import, are dropped.
// It fails the build if a reachable declaration still names zod afterwards.
//
// Nor may a reachable declaration import an optional peer dependency (every provider SDK, e.g.
// @pulumi/aws, @pulumi/openstack, @pulumi/azure-native): a project of one cloud does not have the
// others, and the template tsconfig (no skipLibCheck) reports a missing module in any declaration it
// reads. The one exception is an entry point made for that peer (`portcatalog/policy` names
// @pulumi/policy). That is checked, not rewritten: the adapters keep SDK types to their own modules.
const fs = require("node:fs");
const path = require("node:path");
const ts = require("typescript");

const ROOT = path.join(__dirname, "..");
const DIST = path.join(ROOT, "dist");
const ZOD = /^zod(\/|$)/;

function declarationFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return declarationFiles(full);
    return d.name.endsWith(".d.ts") ? [full] : [];
  });
}

function importsZod(file) {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  return sf.statements.some((s) => ts.isImportDeclaration(s) && ZOD.test(s.moduleSpecifier.text));
}

const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
/** Entry points (package.json's `exports` keys) made for one optional peer, which they may name. */
const ENTRY_PEERS = { "./policy": ["@pulumi/policy"] };

/** Declarations reachable from the entry points in package.json (or from `only`), following relative imports and re-exports. */
function reachable(only) {
  const entries = only ?? [PKG.types, ...Object.values(PKG.exports).map((e) => (typeof e === "object" ? e.types : undefined))].filter(Boolean);
  const seen = new Set();
  const queue = entries.map((e) => path.join(ROOT, e));
  while (queue.length) {
    const file = queue.shift();
    if (seen.has(file) || !fs.existsSync(file)) continue;
    seen.add(file);
    const sf = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const specifiers = [];
    sf.forEachChild(function visit(node) {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) specifiers.push(node.moduleSpecifier.text);
      if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) specifiers.push(node.argument.literal.text);
      node.forEachChild(visit);
    });
    for (const spec of specifiers) if (spec.startsWith(".")) queue.push(path.resolve(path.dirname(file), spec.replace(/\.js$/, ".d.ts")));
  }
  return [...seen];
}

const affected = reachable().filter(importsZod);
if (affected.length) {
  const sources = affected.map((d) => path.join(ROOT, path.relative(DIST, d).replace(/\.d\.ts$/, ".ts")));
  const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, "tsconfig.build.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  const program = ts.createProgram({ rootNames: sources, options: { ...config.options, noEmit: true } });
  const checker = program.getTypeChecker();
  const flags = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.InTypeAlias | ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType;

  affected.forEach((dts, i) => {
    const source = program.getSourceFile(sources[i]);
    const emitted = ts.createSourceFile(dts, fs.readFileSync(dts, "utf8"), ts.ScriptTarget.Latest, true);
    const zodNames = new Set(
      emitted.statements
        .filter((s) => ts.isImportDeclaration(s) && ZOD.test(s.moduleSpecifier.text))
        .flatMap((s) => {
          const c = s.importClause;
          if (!c) return [];
          const named = c.namedBindings;
          return [c.name?.text, named && ts.isNamespaceImport(named) ? named.name.text : undefined, ...(named && ts.isNamedImports(named) ? named.elements.map((e) => e.name.text) : [])].filter(Boolean);
        }),
    );
    const mentionsZod = (node) => [...zodNames].some((n) => new RegExp(`\\b${n}\\.`).test(node.getText(emitted)));
    // Values whose declarations name zod are rewritten; types that refer to them must be expanded too.
    const rewritten = new Set(
      emitted.statements.flatMap((st) => {
        if (ts.isVariableStatement(st) && mentionsZod(st)) return st.declarationList.declarations.map((d) => d.name.getText(emitted));
        if (ts.isFunctionDeclaration(st) && st.name && mentionsZod(st)) return [st.name.text];
        return [];
      }),
    );
    const mentionsRewritten = (node) => [...rewritten].some((n) => new RegExp(`\\b${n}\\b`).test(node.getText(emitted)));
    const functionsDone = new Set();
    const sourceDecl = (name, kind) => source.statements.find((s) => kind(s, name));
    // Written as the source module would name it (`pulumi.Output<…>`): the declaration keeps its imports.
    const typeText = (type, at) => checker.typeToString(type, at, flags);
    const out = [];
    let needsSchemaType = false;
    for (const s of emitted.statements) {
      const text = emitted.text.slice(s.getFullStart(), s.getEnd());
      if (ts.isImportDeclaration(s) && ZOD.test(s.moduleSpecifier.text)) continue;
      if (ts.isTypeAliasDeclaration(s) && (mentionsZod(s) || mentionsRewritten(s))) {
        const decl = sourceDecl(s.name.text, (d, n) => ts.isTypeAliasDeclaration(d) && d.name.text === n);
        const expanded = typeText(checker.getTypeAtLocation(decl.name), decl);
        const head = text.slice(0, text.indexOf("=") + 1);
        out.push(`${head} ${expanded};`);
        continue;
      }
      if (ts.isVariableStatement(s) && mentionsZod(s)) {
        const exported = s.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
        if (!exported) continue;
        const lead = text.slice(0, s.getStart(emitted) - s.getFullStart()); // JSDoc and newlines
        for (const d of s.declarationList.declarations) {
          const name = d.name.getText(emitted);
          const decl = sourceDecl(name, (v, n) => ts.isVariableStatement(v) && v.declarationList.declarations.some((x) => x.name.getText(source) === n));
          const variable = decl.declarationList.declarations.find((x) => x.name.getText(source) === name);
          const outputProperty = checker.getTypeAtLocation(variable).getProperty("_output");
          if (outputProperty) {
            out.push(`${lead}export declare const ${name}: CatalogSchema<${typeText(checker.getTypeOfSymbolAtLocation(outputProperty, variable), variable)}>;`);
            needsSchemaType = true;
          } else {
            out.push(`\n/** Internal: its type names zod, which published declarations do not. */\nexport declare const ${name}: unknown;`);
          }
        }
        continue;
      }
      if (ts.isFunctionDeclaration(s) && s.name && mentionsZod(s)) {
        const exported = s.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
        if (exported && !functionsDone.has(s.name.text)) out.push(`\n/** Internal: its signature names zod, which published declarations do not. */\nexport declare const ${s.name.text}: unknown;`);
        functionsDone.add(s.name.text);
        continue;
      }
      if (mentionsZod(s)) throw new Error(`${path.relative(ROOT, dts)}: cannot rewrite a ${ts.SyntaxKind[s.kind]} that names zod`);
      out.push(text);
    }
    if (needsSchemaType) {
      out.unshift("\n/** A schema the package validates with; its implementation stays internal. `parse` returns the value or throws. */\nexport interface CatalogSchema<T> {\n    parse(data: unknown): T;\n}");
    }
    const result = `${out.join("").trim()}\n`;
    if (/\bzod\b|\bz\./.test(result.replace(/\/\*\*[\s\S]*?\*\//g, ""))) {
      throw new Error(`${path.relative(ROOT, dts)} still refers to zod after rewriting`);
    }
    fs.writeFileSync(dts, result);
  });
}

const left = reachable().filter(importsZod);
if (left.length) throw new Error(`reachable declarations still import zod: ${left.join(", ")}`);

/** Bare module specifiers a declaration file imports (import, export … from, import("…") types). */
function bareImports(file) {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const out = [];
  sf.forEachChild(function visit(node) {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && !node.moduleSpecifier.text.startsWith(".")) out.push(node.moduleSpecifier.text);
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && !node.argument.literal.text.startsWith(".")) out.push(node.argument.literal.text);
    node.forEachChild(visit);
  });
  return out;
}

const optionalPeers = Object.entries(PKG.peerDependenciesMeta ?? {}).filter(([, m]) => m.optional).map(([name]) => name);
const named = [];
for (const [entry, target] of Object.entries(PKG.exports)) {
  if (typeof target !== "object" || !target.types) continue;
  const allowed = ENTRY_PEERS[entry] ?? [];
  for (const file of reachable([target.types])) {
    for (const spec of bareImports(file)) {
      const peer = optionalPeers.find((p) => spec === p || spec.startsWith(`${p}/`));
      if (peer && !allowed.includes(peer)) named.push(`${path.relative(ROOT, file)} imports ${spec} (reachable from "${entry}")`);
    }
  }
}
if (named.length) throw new Error(`a declaration users reach names an optional peer dependency, which a project of another cloud does not have:\n  ${[...new Set(named)].join("\n  ")}`);
