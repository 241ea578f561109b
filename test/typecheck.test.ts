import { execFile } from "node:child_process";
import { join } from "node:path";
import { expect } from "chai";

const ROOT = join(__dirname, "..");

// The typecheck runs beside the other test files (mocha --parallel) rather than before them;
// incremental, so a second run on an unchanged tree is quick (the cache lives in node_modules/.cache).
describe("typecheck (tsc --noEmit)", () => {
  it("the whole project typechecks under test/tsconfig.json", async function () {
    this.timeout(600_000);
    const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
    const args = [tsc, "--noEmit", "-p", join("test", "tsconfig.json"), "--incremental", "--tsBuildInfoFile", join("node_modules", ".cache", "portcatalog", "typecheck.tsbuildinfo")];
    const result = await new Promise<{ code: number; output: string }>((done) => {
      execFile(process.execPath, args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
        done({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, output: `${stdout}${stderr}` });
      });
    });
    expect(result.code, result.output).to.equal(0);
  });
});
