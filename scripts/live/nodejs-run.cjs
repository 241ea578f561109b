// The Node.js language host the live tier can build (sdk v3.68.0, see docs/live.md) predates the CLI
// handing it the project's runtime options: it always loads ts-node and never applies `nodeargs`.
// It runs this file in place of @pulumi/pulumi/cmd/run (PULUMI_LANGUAGE_NODEJS_RUN_PATH), which
// applies `typescript` and `nodeargs` from Pulumi.yaml as a current language host does, then hands over.
const { readFileSync } = require("node:fs");
const { existsSync } = require("node:fs");
const { dirname, join } = require("node:path");

// The host passes the program's directory as --pwd; the process itself may start elsewhere.
const pwdAt = process.argv.indexOf("--pwd");
const pwd = pwdAt > 0 ? process.argv[pwdAt + 1] : (process.argv.find((a) => a.startsWith("--pwd="))?.slice(6) ?? process.cwd());
// That is the directory of the program's main file: the project is the nearest Pulumi.yaml above it.
let cwd = pwd;
while (!existsSync(join(cwd, "Pulumi.yaml")) && dirname(cwd) !== cwd) cwd = dirname(cwd);
if (!existsSync(join(cwd, "Pulumi.yaml"))) cwd = pwd;
const fromProject = (id) => require.resolve(id, { paths: [cwd] });
let options = {};
try {
  const doc = require(fromProject("yaml")).parse(readFileSync(join(cwd, "Pulumi.yaml"), "utf8"));
  options = (doc && typeof doc.runtime === "object" && doc.runtime.options) || {};
} catch {
  // No yaml package or no options: the defaults, as before.
}
if (options.typescript === false) process.env.PULUMI_NODEJS_TYPESCRIPT = "false";
const args = typeof options.nodeargs === "string" ? options.nodeargs.split(/\s+/).filter(Boolean) : [];
for (let i = 0; i < args.length; i++) {
  if (["--import", "--require", "-r"].includes(args[i]) && args[i + 1]) {
    const id = args[++i];
    require(fromProject(id === "tsx" ? "tsx/cjs" : id));
  }
}
require(fromProject("@pulumi/pulumi/cmd/run"));
