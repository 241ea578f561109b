// `npm run bench` compares each example stack's library program with a hand-written one registering
// the same resources (bench/process-bench.ts). It once stopped at the first Azure stack: the
// fingerprint read the inputs' key order, and the mocks' Check appends an auto-name after the
// program's inputs. Here every stack's hand-written program is run once, as the bench runs it.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { fingerprint } from "../bench/fingerprint.js";
import { handWrittenProgram, MOCKS } from "../bench/process-bench.js";
import { runStackOffline, stackConfig, stackNames } from "../stacks/offline.js";

const ROOT = join(__dirname, "..");
const GENERATED = join(ROOT, "bench", "generated");

describe("bench: every example stack's hand-written program registers what the library registers", function () {
  this.timeout(120_000);
  it("the fingerprint ignores the order of an object's keys, and nothing else", () => {
    const r = (inputs: Record<string, unknown>) => [{ urn: "u", type: "t", name: "n", custom: true, inputs } as never];
    expect(fingerprint(r({ a: 1, b: { c: 2, d: [3, { e: 4, f: 5 }] } }))).to.deep.equal(fingerprint(r({ b: { d: [3, { f: 5, e: 4 }], c: 2 }, a: 1 })));
    expect(fingerprint(r({ a: 1, b: [1, 2] }))).to.not.deep.equal(fingerprint(r({ a: 1, b: [2, 1] })));
    expect(fingerprint(r({ a: 1 }))).to.not.deep.equal(fingerprint(r({ a: "1" })));
  });
  for (const stack of stackNames()) {
    it(stack, async () => {
      const reference = await runStackOffline(stack);
      mkdirSync(GENERATED, { recursive: true });
      const file = join(GENERATED, `test-${stack}.ts`);
      writeFileSync(file, handWrittenProgram(stack, reference.recorder.resources));
      const r = spawnSync(process.execPath, ["--import", "tsx", file, JSON.stringify(MOCKS(stack, stackConfig(stack)))], { cwd: ROOT, encoding: "utf8" });
      expect(r.status, r.stderr).to.equal(0);
      expect(JSON.parse(r.stdout)).to.deep.equal(fingerprint(reference.recorder.resources));
    });
  }
});
