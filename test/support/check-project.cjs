#!/usr/bin/env node
// `node check-project.cjs <project> <tsconfig>...`: what `tsc -p <tsconfig>` reports for a user's
// project, for each config in turn (and its emit), limited to the files that are ours to answer
// for: the project's own, portcatalog's and its dependencies'. The SDKs' declarations in the same
// program (@pulumi/aws's 30 MB, @types/node, TypeScript's lib) are parsed and bound as tsc does,
// so every type of ours is checked against them, but not checked themselves: without skipLibCheck
// that was two thirds of tsc's time, for files we neither ship nor can change.
const path = require("node:path");
const fs = require("node:fs");
const ts = require("typescript");

const [project, ...configs] = process.argv.slice(2);
const pkg = path.join(project, "node_modules", "portcatalog");
const ours = [pkg, ...Object.keys(JSON.parse(fs.readFileSync(path.join(pkg, "package.json"), "utf8")).dependencies ?? {}).map((d) => path.join(project, "node_modules", d))].map((d) => fs.realpathSync(d) + path.sep);
/** Whether a program file (followed to its real path: the project links its dependencies) is ours to check. */
function isOurs(fileName) {
  const file = fs.existsSync(fileName) ? fs.realpathSync(fileName) : fileName;
  return !file.includes(`${path.sep}node_modules${path.sep}`) || ours.some((d) => file.startsWith(d));
}

let failed = false;
for (const config of configs) {
  const file = path.join(project, config);
  const parsed = ts.getParsedCommandLineOfConfigFile(file, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => report([d]) });
  if (!parsed) continue; // reported: the config cannot be read
  const host = ts.createCompilerHost(parsed.options);
  // As tsc parses: JSDoc only where it can hold type errors.
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host, configFileParsingDiagnostics: parsed.errors, projectReferences: parsed.projectReferences });
  const diagnostics = [...program.getConfigFileParsingDiagnostics(), ...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  const checked = program.getSourceFiles().filter((sf) => isOurs(sf.fileName));
  for (const sf of program.getSourceFiles()) diagnostics.push(...program.getSyntacticDiagnostics(sf));
  for (const sf of checked) {
    diagnostics.push(...program.getSemanticDiagnostics(sf));
    if (parsed.options.declaration) diagnostics.push(...program.getDeclarationDiagnostics(sf));
  }
  // File by file: emitting the whole program at once makes the checker check every file first.
  if (!parsed.options.noEmit) for (const sf of checked) if (!sf.isDeclarationFile) diagnostics.push(...program.emit(sf).diagnostics);
  report(diagnostics);
  process.stdout.write(`${config}: ${program.getSourceFiles().length} files, ${checked.length} checked, ${diagnostics.length} errors\n`);
}
process.exit(failed ? 1 : 0);

function report(diagnostics) {
  if (!diagnostics.length) return;
  failed = true;
  process.stdout.write(ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => project, getNewLine: () => "\n" }));
}
