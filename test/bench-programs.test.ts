// `npm run bench` compares each example stack's library program with a hand-written one registering
// the same resources (bench/process-bench.ts). It once stopped at the first Azure stack: the
// fingerprint read the inputs' key order, and the mocks' Check appends an auto-name after the
// program's inputs. Here every stack's hand-written program is run once, as the bench runs it, and
// so is the library's side: the example's own file importing the built package.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { fingerprint } from "../bench/fingerprint.js";
import { handWrittenProgram, libraryProgram, MOCKS } from "../bench/process-bench.js";
import { runStackOffline, stackConfig, stackNames } from "../stacks/offline.js";

const ROOT = join(__dirname, "..");
const GENERATED = join(ROOT, "bench", "generated");
const { isFresh } = require("../scripts/build-stamp.cjs") as { isFresh: () => boolean };

describe("bench: every example stack's hand-written program registers what the library registers", function () {
  this.timeout(120_000);
  it("the fingerprint ignores the order of an object's keys, and nothing else", () => {
    const r = (inputs: Record<string, unknown>) => [{ urn: "u", type: "t", name: "n", custom: true, inputs } as never];
    expect(fingerprint(r({ a: 1, b: { c: 2, d: [3, { e: 4, f: 5 }] } }))).to.deep.equal(fingerprint(r({ b: { d: [3, { f: 5, e: 4 }], c: 2 }, a: 1 })));
    expect(fingerprint(r({ a: 1, b: [1, 2] }))).to.not.deep.equal(fingerprint(r({ a: 1, b: [2, 1] })));
    expect(fingerprint(r({ a: 1 }))).to.not.deep.equal(fingerprint(r({ a: "1" })));
  });
  before(function () {
    this.timeout(300_000);
    if (!isFresh()) expect(spawnSync("npm", ["run", "-s", "build"], { cwd: ROOT, encoding: "utf8" }).status, "npm run build").to.equal(0);
  });
  for (const stack of stackNames()) {
    it(stack, async () => {
      const reference = await runStackOffline(stack);
      mkdirSync(GENERATED, { recursive: true });
      const file = join(GENERATED, `test-${stack}.ts`);
      writeFileSync(file, handWrittenProgram(stack, reference.recorder.resources));
      const mocks = JSON.stringify(MOCKS(stack, stackConfig(stack)));
      const programs = { "hand-written": [file, mocks], library: [join(ROOT, "bench", "plan-process.ts"), mocks, libraryProgram(stack)] };
      for (const [side, args] of Object.entries(programs)) {
        const r = spawnSync(process.execPath, ["--import", "tsx", ...args], { cwd: ROOT, encoding: "utf8" });
        expect(r.status, `${side}: ${r.stderr}`).to.equal(0);
        expect(JSON.parse(r.stdout), side).to.deep.equal(fingerprint(reference.recorder.resources));
      }
    });
  }
  it("the library's side loads the built package, not the sources", () => {
    const program = readFileSync(libraryProgram("openstack-helm"), "utf8");
    expect(program).to.match(/from "\.\.\/\.\.\/\.\.\/dist\/components\/index\.js"/);
    expect(program).to.not.match(/from "\.\.\/\.\.\/components\//);
  });
});
