import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import fc from "fast-check";
import type { z as Z } from "zod";
import { ARG_SCHEMAS } from "../components/args.js";
import type { ComponentClass } from "../components/base.js";
import { FAST_ARGS } from "../components/fast-args.js";
import { type Fast, fBoolean, fEnum, fInt, fList, fObject, fOptional, fRecord, fString, fUnknown, UNSURE } from "../planner/fast.js";
import { fastCloudProfile, cloudProfileSchema } from "../planner/profile.js";
import { fastRoleOptions, roleOptionsSchema } from "../planner/roles.js";
import { fastPlannerOptions, plannerOptionsSchema } from "../planner/validate.js";

// The fast checks at the boundary (planner/fast.ts) against the zod schemas they stand in for, over
// values generated from each fast check's own description (so every field it knows is exercised,
// at its bounds) with hostile values at any depth: strings for numbers, null, Outputs and
// Output-shaped objects, promises, extra and prototype keys, class instances, getters, proxies, huge
// lists. The fast check must never accept what zod rejects, and where both accept, the values are
// deep-equal. It may be unsure of a valid value (zod then decides): that only costs time.

class Instance {
  product = "openstack/cloud";
}

/** One hostile value, fresh each time (a test must not share a mutable object between runs). */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, "", "5", "true", "null", 5, 0, -0, 1.5, -1, 65535, Number.NaN, Number.POSITIVE_INFINITY, true, false, 10n),
  fc.constant(null).map(() => ({ __pulumiOutput: true })),
  fc.constant(null).map(() => pulumi.output("10.0.0.0/8")),
  fc.constant(null).map(() => pulumi.output({ cidrIpv4: ["10.0.0.0/8"] })),
  fc.constant(null).map(() => Promise.resolve("x")),
  fc.constant(null).map(() => ({ then: () => undefined })),
  fc.constant(null).map(() => JSON.parse('{"__proto__": {"polluted": true}}')),
  fc.constant(null).map(() => JSON.parse('{"__proto__": "x"}')),
  fc.constant(null).map(() => Object.create(null)),
  fc.constant(null).map(() => new Instance()),
  fc.constant(null).map(() => new Date(0)),
  fc.constant(null).map(() => []),
  fc.constant(null).map(() => ({})),
  fc.constant(null).map(() => [null]),
  fc.constant(null).map(() => new Array(3)),
  fc.constant(null).map(() => () => "fn"),
  fc.constant(null).map(() => Symbol("s")),
  fc.constant(null).map(() => new String("boxed")),
  fc.constant(null).map(() => new Proxy({}, {})),
  fc.constant(null).map(() => Object.defineProperty({}, "self", { get: () => true, enumerable: true })),
  fc.constant(null).map(() => ({ [Symbol("k")]: 1 })),
  fc.constant(null).map(() => ({ constructor: () => 1 })),
);

/** An object with exactly these own keys, `__proto__` included, as JSON.parse and YAML make them. */
function withKeys(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

const KEYS = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "", "x", "public", "0", "10"];

function stringOf(min: number, bound: number, pattern: RegExp | undefined, bad: number): fc.Arbitrary<string> {
  // An unbounded string is tried up to 5,000 characters.
  const max = Math.min(bound, 5000);
  const sizes = (all: number[], ns = all.filter((n) => n >= 0 && n <= 20_000)) => (ns.length ? fc.constantFrom(...ns) : fc.constant(min)).chain((n) => fc.constantFrom("a".repeat(n), "-".repeat(n), "A1.".repeat(n).slice(0, n), "\u00e9\ud83d\ude00".repeat(n).slice(0, n)));
  const free = (maxLength: number) => fc.oneof(fc.string({ minLength: min, maxLength }), fc.string({ unit: "binary", minLength: min, maxLength }));
  const good = pattern
    ? fc.stringMatching(pattern).filter((x) => x.length >= min && x.length <= max)
    : fc.oneof({ weight: 4, arbitrary: free(Math.min(max, min + 12)) }, sizes([min, max]));
  if (!bad) return good;
  const wrong = fc.oneof(sizes([min - 1, ...(bound === max ? [max + 1] : [])]), free(Math.min(max + 2, min + 12)), ...(pattern ? [sizes([min, Math.min(max, min + 3)])] : []));
  return fc.oneof({ weight: 100, arbitrary: good }, { weight: bad, arbitrary: wrong });
}

/**
 * A value for `fast`. `bad` 0: one it must accept (within every bound, every required field); more:
 * at any depth, each node is wrong or hostile with weight `bad` against 100.
 */
function valueOf(fast: Fast, bad: number, capped = true): fc.Arbitrary<unknown> {
  const spec = fast.spec;
  const or = (good: fc.Arbitrary<unknown>, ...wrong: fc.Arbitrary<unknown>[]) =>
    bad ? fc.oneof({ weight: 100, arbitrary: good }, { weight: bad, arbitrary: fc.oneof(hostile, ...wrong) }) : good;
  switch (spec.kind) {
    case "string":
      return or(stringOf(spec.min, spec.max, spec.pattern, bad));
    case "int":
      return or(fc.integer({ min: spec.min, max: spec.max }), fc.constantFrom(spec.min - 1, spec.max + 1, spec.min + 0.5, String(spec.min)));
    case "boolean":
      return or(fc.boolean());
    case "enum":
      return or(fc.constantFrom(...spec.values), fc.constantFrom("other", spec.values[0].toUpperCase()));
    case "unknown":
      return fc.anything();
    case "custom":
      return or(fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.constant(null).map(() => pulumi.output("sg-out")), fc.constant(null).map(() => Promise.resolve("sg-p"))), fc.constant(""));
    case "list": {
      const item = valueOf(spec.item, bad, capped);
      const small = fc.array(item, { minLength: spec.min, maxLength: Math.min(spec.max, spec.min + 3) });
      // Lists at the cap, and one longer (items shared: the checks only read them); rare, they are slow to parse.
      // Never one inside another (10,000 of 10,000), nor for an uncapped list.
      const at = (len: number) => valueOf(spec.item, 0, false).map((x) => new Array(len).fill(x));
      const caps = capped && spec.max <= 10_000;
      return or(caps ? fc.oneof({ weight: 30, arbitrary: small }, { weight: 1, arbitrary: at(spec.max) }) : small, ...(caps ? [at(spec.max + 1)] : []), ...(spec.min ? [fc.constant(null).map(() => [])] : []));
    }
    case "object": {
      const fields = Object.entries(spec.shape);
      // Optional fields come and go; a required one is missing only among the wrong values.
      const entry = ([k, f]: [string, Fast]) =>
        f.optional || bad ? fc.option(valueOf(f, bad, capped).map((v) => [k, v] as const), { nil: undefined, freq: f.optional ? 2 : Math.ceil(2000 / bad) }) : valueOf(f, bad, capped).map((v) => [k, v] as const);
      const good = fc.tuple(...fields.map(entry)).map((present) => withKeys(present.filter((e) => e !== undefined) as [string, unknown][]));
      const extra = fc.tuple(good, fc.constantFrom(...KEYS, "sources", "products"), valueOf(fBoolean, 0)).map(([o, k, v]) => withKeys([...Object.entries(o), [k, v]]));
      return or(good, extra);
    }
    case "record": {
      const key = valueOf(spec.key, 0) as fc.Arbitrary<string>;
      const good = fc.array(fc.tuple(key, valueOf(spec.value, bad, capped)), { maxLength: 3 }).map(withKeys);
      return or(good, fc.array(fc.tuple(fc.oneof(key, fc.constantFrom(...KEYS)), valueOf(spec.value, bad, capped)), { minLength: 1, maxLength: 3 }).map(withKeys));
    }
    case "optional":
      return fc.oneof({ weight: 1, arbitrary: fc.constantFrom(undefined, null) }, { weight: 4, arbitrary: valueOf(spec.inner, bad, capped) });
  }
}

type Verdict = { fast: boolean; zod: boolean };

function compare(fast: Fast, schema: Z.ZodType, value: unknown): Verdict {
  const got = fast.check(value);
  const want = schema.safeParse(value, { reportInput: true });
  if (got !== UNSURE) {
    expect(want.success, `the fast check accepted what zod rejects: ${want.success ? "" : JSON.stringify(want.error.issues[0], (_k, v) => (typeof v === "bigint" ? `${v}n` : v))}`).to.equal(true);
    expect(got).to.deep.equal(want.data);
  }
  return { fast: got !== UNSURE, zod: want.success };
}

/** Runs the property and says how often each side accepted. */
function holds(fast: Fast, schema: Z.ZodType, numRuns: number, bad: number): Verdict[] {
  const seen: Verdict[] = [];
  fc.assert(fc.property(valueOf(fast, bad), (value) => void seen.push(compare(fast, schema, value))), { numRuns });
  return seen;
}

const PAIRS: [string, () => Fast, Z.ZodType][] = [
  ...(Object.keys(FAST_ARGS) as ComponentClass[]).map((cls): [string, () => Fast, Z.ZodType] => [cls, FAST_ARGS[cls] as () => Fast, ARG_SCHEMAS[cls]]),
  ["planner options", fastPlannerOptions, plannerOptionsSchema],
  ["role options", fastRoleOptions, roleOptionsSchema],
  ["cloud profile", fastCloudProfile, cloudProfileSchema],
];

describe("fast checks at the boundary: never accept what zod rejects, and agree with it where both accept", function () {
  this.timeout(300_000);

  it("every fast check stands for a schema, and every component has one", () => {
    // A class without one (a new component) is checked by its schema alone: slower, never weaker.
    for (const cls of Object.keys(FAST_ARGS)) expect(ARG_SCHEMAS, cls).to.have.property(cls);
    expect(Object.keys(FAST_ARGS).sort()).to.deep.equal(Object.keys(ARG_SCHEMAS).sort());
  });

  for (const [name, fast, schema] of PAIRS) {
    it(`${name}: valid values are accepted as zod parses them; hostile ones never accepted where zod refuses`, () => {
      // Valid values (by the fast check's own description): zod must accept them all, and so must
      // the fast check, or the fast path would be no faster.
      const valid = holds(fast(), schema, 40, 0);
      expect(valid.filter((v) => !v.zod), "valid values zod refused: the generator is wrong").to.have.length(0);
      expect(valid.filter((v) => !v.fast).length, "valid values the fast check was unsure of").to.be.at.most(valid.length / 10);
      // Wrong and hostile values at every depth: some refused by zod, none of those accepted.
      // Batches until more than 20 were refused (one batch of 120 gives about 15-45, by chance), at most 10.
      const wrong: Verdict[] = [];
      for (let batch = 0; batch < 10 && wrong.filter((v) => !v.zod).length <= 20; batch++) wrong.push(...holds(fast(), schema, 120, 3));
      expect(wrong.filter((v) => !v.zod).length, "values zod refused").to.be.greaterThan(20);
    });
  }

  it("each building block alone, at its edges", () => {
    // What the blocks do is what the schemas built from the repository's helpers do.
    const { z } = require("zod") as typeof import("zod");
    const { list, optional, record, strictObject, wholeNumber } = require("../planner/validate.js") as typeof import("../planner/validate.js");
    const blocks: [Fast, Z.ZodType][] = [
      [fString(1, 3), z.string().min(1).max(3)],
      [fString(0, 5, /^[a-z]+$/), z.string().max(5).regex(/^[a-z]+$/)],
      [fInt(0, 65534), wholeNumber(0, 65534)],
      [fEnum(["group", "project"]), z.enum(["group", "project"])],
      [fOptional(fInt(1, 2)), optional(wholeNumber(1, 2))],
      [fList(fString(), 0, 2), list(z.string()).max(2)],
      [fList(fUnknown), z.array(z.any())],
      [fRecord(fString(1, 4), fInt(0, 9)), record(z.string().min(1).max(4), wholeNumber(0, 9))],
      [fObject({ a: fOptional(fBoolean), b: fInt(0, 1), c: fUnknown }), strictObject({ a: optional(z.boolean()), b: wholeNumber(0, 1), c: z.unknown() })],
    ];
    for (const [fast, schema] of blocks) {
      holds(fast, schema, 100, 0);
      holds(fast, schema, 300, 50);
    }
  });

  it("the examples' kind of arguments go the fast way, Outputs passed through as they are", () => {
    const id = pulumi.output("sg-1");
    const args = { securityGroupId: id, release: "2025.2", sources: { admin: { cidrIpv4: ["10.0.0.0/8"] }, internal: { self: true, securityGroups: [{ name: "compute", id }] } } };
    const fast = (FAST_ARGS.OpenStackControllerRules as () => Fast)().check(args) as typeof args;
    expect(fast).to.not.equal(UNSURE);
    expect(fast).to.deep.equal(ARG_SCHEMAS.OpenStackControllerRules.parse(args));
    expect(fast.securityGroupId).to.equal(id);
    expect(fast.sources.internal.securityGroups[0].id).to.equal(id);
    expect(fast.sources).to.not.equal(args.sources);
  });

  it("a promise for an optional Input field is passed through by the schema too (a transform made zod throw a TypeError)", () => {
    const region = Promise.resolve("RegionOne");
    const parsed = ARG_SCHEMAS.OpenStackControllerRules.safeParse({ securityGroupId: "sg-1", region });
    expect(parsed.success).to.equal(true);
    expect((parsed.data as { region: unknown }).region).to.equal(region);
    expect(() => ARG_SCHEMAS.OpenStackControllerRules.safeParse({ securityGroupId: "sg-1", region, release: 5 })).to.not.throw();
  });
});
