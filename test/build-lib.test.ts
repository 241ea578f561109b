// The live tier's build cache (scripts/live/build-lib.sh): a failed build is never cached, whichever step
// fails, and a build that wrote no binary is a failure. A cold CI run once cached a Kubernetes provider
// "build" whose first step had failed: bash ignored `set -e` in a build run under `if !`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";

const LIB = join(__dirname, "..", "scripts", "live", "build-lib.sh");

/** Runs `steps` (bash defining the function `step`) through build(), as engine.sh and kube.sh call it. */
function build(dir: string, steps: string): { status: number | null; stdout: string; stderr: string; cached: string[] } {
  const module = join(dir, "module");
  mkdirSync(module, { recursive: true });
  writeFileSync(join(module, "main.go"), "package main\n");
  const script = `set -euo pipefail\nROOT=${JSON.stringify(dir)}\nsource ${JSON.stringify(LIB)}\n${steps}\nall() { bin=$(build thing ${JSON.stringify(module)} thing step); echo "$bin"; }\nall\n`;
  const r = spawnSync("bash", ["-c", script], { encoding: "utf8", env: { ...process.env, XDG_CACHE_HOME: join(dir, "cache") } });
  const cache = join(dir, "cache", "portcatalog", "live");
  const cached = existsSync(cache) ? readdirSync(cache).filter((f) => existsSync(join(cache, f, "thing"))) : [];
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, cached };
}

describe("live builds: the cache (scripts/live/build-lib.sh)", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "portcatalog-build-lib-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("a failing first step stops the build, even when a later step would write the binary: nothing is cached", () => {
    const r = build(dir, `step() { false; echo ran-on > "$ROOT/after"; printf '#!/bin/sh\\n' > "$OUT/thing"; chmod +x "$OUT/thing"; }`);
    expect(r.status).to.equal(1);
    expect(r.stderr).to.contain("building thing failed (exit 1");
    expect(existsSync(join(dir, "after")), "the step after the failure ran").to.equal(false);
    expect(r.cached).to.deep.equal([]);
  });

  it("steps that all succeed but write no binary are a failed build", () => {
    const r = build(dir, `step() { true; }`);
    expect(r.status).to.equal(1);
    expect(r.stderr).to.contain("no thing written");
    expect(r.cached).to.deep.equal([]);
  });

  it("a good build is cached and the next one builds nothing", () => {
    const steps = `step() { echo built >> "$ROOT/count"; printf '#!/bin/sh\\n' > "$OUT/thing"; chmod +x "$OUT/thing"; }`;
    const first = build(dir, steps);
    expect(first.status, first.stderr).to.equal(0);
    expect(first.cached).to.have.length(1);
    const second = build(dir, steps);
    expect(second.status).to.equal(0);
    expect(second.stdout.trim()).to.equal(first.stdout.trim());
    expect(spawnSync("wc", ["-l", join(dir, "count")], { encoding: "utf8" }).stdout.trim().split(" ")[0]).to.equal("1");
  });
});
