// Nothing in the repository is copied from another project (scripts/own-code.cjs; docs/live.md).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";

type Upstream = { label: string; hashes: Set<string> }[];
const { check, findingsFor, loadUpstream } = require("../scripts/own-code.cjs") as {
  check: () => string[];
  findingsFor: (path: string, text: string | undefined, upstream: Upstream) => string[];
  loadUpstream: () => Upstream;
};

describe("own code", () => {
  it("finds no licence file, foreign header, vendored directory or fingerprinted upstream lines in the repository", () => {
    expect(check()).to.deep.equal([]);
  });

  it("would find each of them", () => {
    const upstream = loadUpstream();
    expect(findingsFor("live/x/LICENSE", undefined, upstream)).to.have.length(1);
    expect(findingsFor("live/vendor/a.go", "package a\n", upstream)).to.have.length(1);
    const header = ["// Copy", "right 2016, Someone Else.", "\n// Licensed under the Apa", "che License, Version 2.0\npackage a\n"].join("");
    expect(findingsFor("live/a.go", header, upstream)[0]).to.match(/a\.go:1: another party's copyright/);
    // A few lines any code on the same SDK API writes are not a copy: our host shares some with the
    // copied one it replaced, never a run.
    const own = readFileSync(join(__dirname, "..", "live", "language-host", "host.go"), "utf8");
    expect(findingsFor("live/language-host/host.go", own, upstream)).to.deep.equal([]);
    // A run of fingerprinted lines is a copy, whatever the file around it (a made-up "upstream" here).
    const made = Array.from({ length: 30 }, (_, i) => `upstreamFunction${i}(argument, anotherArgument, ${i})`);
    const fake: Upstream = [{ label: "made-up upstream", hashes: new Set() }];
    const { fingerprints } = require("../scripts/own-code.cjs") as { fingerprints: (t: string) => string[] };
    for (const h of fingerprints(made.join("\n"))) fake[0].hashes.add(h);
    const mixed = (lines: string[]) => ["package a", ...lines, "func ours() { return someOtherLongEnoughExpression(1, 2, 3) }"].join("\n");
    expect(findingsFor("live/a.go", mixed(made.slice(0, 4)), fake)).to.deep.equal([]);
    expect(findingsFor("live/a.go", mixed(made.slice(0, 5)), fake)).to.deep.equal(["live/a.go: shares 5 distinctive lines (5 in a row) with made-up upstream"]);
    const scattered = made.flatMap((l, i) => [l, `ourOwnLineBetweenThem(${i}, somethingElseEntirely)`]);
    expect(findingsFor("live/a.go", mixed(scattered.slice(0, 48)), fake)).to.deep.equal([]);
    expect(findingsFor("live/a.go", mixed(scattered), fake)).to.deep.equal(["live/a.go: shares 30 distinctive lines (1 in a row) with made-up upstream"]);
  });
});
