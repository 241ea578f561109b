#!/usr/bin/env node
// Build step: dist/ is also the component package's plugin directory, for YAML, Python, Go and .NET
// programs (`pulumi package add <installed portcatalog>/dist`). The Pulumi CLI runs `npm install`
// there and asks the language host which provider plugins that install requires, so the plugin
// directory's package.json names only what the plugin runs on: @pulumi/pulumi, the package's own
// dependencies and TypeScript (Pulumi's component analyzer reads the declarations with it). No
// provider SDK: the components register by type token there (plugin.ts), and the engine loads a
// provider's plugin only when a program's component registers that cloud's first resource.
// The package root is not the plugin directory: its devDependencies (366 MB, every provider SDK)
// are what `npm install` there installed, and every SDK's plugin was then required.
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.join(__dirname, "..");
const DIST = path.join(ROOT, "dist");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

const manifest = {
  name: pkg.name,
  version: pkg.version,
  description: pkg.description,
  license: pkg.license,
  private: true,
  main: "plugin.js",
  dependencies: {
    // The version the tests run: provider/experimental (the component host) is recent.
    "@pulumi/pulumi": `^${pkg.devDependencies["@pulumi/pulumi"]}`,
    ...pkg.dependencies,
    typescript: pkg.devDependencies.typescript,
  },
};
fs.writeFileSync(path.join(DIST, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
fs.writeFileSync(path.join(DIST, "PulumiPlugin.yaml"), "# portcatalog's component package: pulumi package add <this directory>. Built from scripts/component-package.cjs.\nruntime: nodejs\n");
// The analyzer reads `<plugin dir>/tsconfig.json` and the TypeScript file of package.json's `main`:
// plugin.ts as written, whose imports resolve to the declarations beside it.
fs.copyFileSync(path.join(ROOT, "plugin.ts"), path.join(DIST, "plugin.ts"));
const tsconfig = {
  compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, skipLibCheck: true, types: [] },
  files: ["plugin.ts"],
};
fs.writeFileSync(path.join(DIST, "tsconfig.json"), `${JSON.stringify(tsconfig, null, 2)}\n`);
