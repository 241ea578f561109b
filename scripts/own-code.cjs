#!/usr/bin/env node
// Checks that every file git tracks (or would: new files not ignored) is the project's own: no licence file but the project's own
// LICENSE, no other party's copyright or licence header, no vendored directory, and no file sharing
// lines with upstream files known to have been copied here once (fingerprints only: hashes of their
// distinctive lines, in scripts/upstream-fingerprints.json; no upstream text is kept).
//
//   node scripts/own-code.cjs                     check; exit 1 and list the findings if any
//   node scripts/own-code.cjs --record SRC FILE…  add FILEs' line fingerprints under the label SRC
//
// Run by `npm test` (test/own-code.test.ts). It is a tripwire, not a proof: it catches the copies
// that happened here (a file copied with its header, or its lines without it), not every possible one.
"use strict";
const { execFileSync } = require("node:child_process");
const { createHash } = require("node:crypto");
const { readFileSync, writeFileSync, existsSync } = require("node:fs");
const { join, basename } = require("node:path");

const ROOT = join(__dirname, "..");
const FINGERPRINTS = join(__dirname, "upstream-fingerprints.json");
/**
 * A file is a copy when it shares this many consecutive distinctive lines with fingerprinted upstream
 * files, or this many in all. Code on the same API shares a few lines anyway (a struct tag, a call of
 * an SDK helper), one here and one there; a copy shares them in runs (the old copy: runs of dozens,
 * 892 lines in all in its main.go). Our own host shares 6 lines at most, never 4 in a row.
 */
const SHARED_RUN = 5;
const SHARED_TOTAL = 25;
/** Lines shorter than this (after collapsing spaces) are too common to tell anything. */
const MIN_LINE = 30;

// Built from parts so that this file does not match itself.
const HEADER = new RegExp(["Copy" + "right\\s+(\\(c\\)\\s*)?(19|20)\\d\\d", "Licensed under the " + "Apache License", "SPDX-" + "License-Identifier", "Permission is hereby " + "granted, free of charge"].join("|"), "i");
const LICENCE_FILE = /^(licen[cs]e|copying|notice)([.-].*)?$/i;
const VENDORED = /(^|\/)(vendor|third_party|node_modules)\//;

function normalise(line) {
  return line.trim().replace(/\s+/g, " ");
}

/** Lines that say nothing about where a file came from: import paths, braces, blank. */
function distinctive(line) {
  return line.length >= MIN_LINE && !/^(\w+ )?"[^"]+"$/.test(line) && !/^(import|export) .* from ["'][^"']+["'];?$/.test(line);
}

/** The hashes of a text's distinctive lines, in order. */
function fingerprints(text) {
  const out = [];
  for (const raw of text.split("\n")) {
    const line = normalise(raw);
    if (distinctive(line)) out.push(createHash("sha256").update(line).digest("hex").slice(0, 16));
  }
  return out;
}

/** How many distinct lines of `mine` are in `hashes`, and the longest run of them in a row. */
function shared(mine, hashes) {
  let run = 0;
  let longest = 0;
  for (const h of mine) {
    run = hashes.has(h) ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return { total: new Set(mine.filter((h) => hashes.has(h))).size, longest };
}

function tracked() {
  return execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
}

function isText(buf) {
  return !buf.subarray(0, 8000).includes(0);
}

function loadKnown() {
  return existsSync(FINGERPRINTS) ? JSON.parse(readFileSync(FINGERPRINTS, "utf8")) : { sources: {} };
}

function loadUpstream() {
  return Object.entries(loadKnown().sources).map(([label, hashes]) => ({ label, hashes: new Set(hashes) }));
}

/** What is wrong with one file, by its path and (for a text file) its text. */
function findingsFor(path, text, upstream) {
  const findings = [];
  if (VENDORED.test(path)) findings.push(`${path}: a vendored directory`);
  if (LICENCE_FILE.test(basename(path)) && path !== "LICENSE") findings.push(`${path}: a licence file (only the project's own LICENSE belongs here)`);
  if (text === undefined || path === "LICENSE" || SELF.has(path)) return findings;
  const header = text.split("\n").findIndex((l) => HEADER.test(l));
  if (header >= 0) findings.push(`${path}:${header + 1}: another party's copyright or licence header`);
  const mine = fingerprints(text);
  for (const { label, hashes } of upstream) {
    const { total, longest } = shared(mine, hashes);
    if (longest >= SHARED_RUN || total >= SHARED_TOTAL) findings.push(`${path}: shares ${total} distinctive lines (${longest} in a row) with ${label}`);
  }
  return findings;
}

const SELF = new Set(["scripts/own-code.cjs", "scripts/upstream-fingerprints.json"]);

/** The findings over the repository, one line each ("path: what"). */
function check() {
  const upstream = loadUpstream();
  const findings = [];
  for (const path of tracked()) {
    const full = join(ROOT, path);
    const buf = existsSync(full) ? readFileSync(full) : undefined;
    findings.push(...findingsFor(path, buf && isText(buf) ? buf.toString("utf8") : undefined, upstream));
  }
  return findings;
}

function record(label, files) {
  const known = loadKnown();
  const set = new Set(known.sources[label] ?? []);
  for (const f of files) for (const h of fingerprints(readFileSync(f, "utf8"))) set.add(h);
  known.sources[label] = [...set].sort();
  writeFileSync(FINGERPRINTS, `${JSON.stringify(known, null, 1)}\n`);
  console.log(`${label}: ${set.size} line fingerprints`);
}

if (require.main === module) {
  const args = process.argv.slice(2);
  if (args[0] === "--record") {
    record(args[1], args.slice(2));
  } else {
    const findings = check();
    for (const f of findings) console.log(f);
    console.log(findings.length === 0 ? `own-code: ${tracked().length} tracked files, nothing copied found` : `own-code: ${findings.length} finding(s)`);
    process.exit(findings.length === 0 ? 0 : 1);
  }
}

module.exports = { check, findingsFor, loadUpstream, fingerprints };
