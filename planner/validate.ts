import type { z as Z } from "zod";
import { z } from "../catalog/zod.js";
import { oneOf, PortcatalogError, useOneOf } from "../catalog/errors.js";
import { PEER_NAME } from "./peers.js";
import { lazy } from "../catalog/lazy.js";
import { type Fast, fBoolean, fCustom, fInt, fList, fObject, fOptional, fRecord, fString, fUnknown, isEventual, once, UNSURE } from "./fast.js";

// Arguments arrive from TypeScript, from other languages through the component provider, from
// YAML, and as Pulumi Outputs: nothing is trusted until it has been through these schemas.

export { isEventual } from "./fast.js";

/** A value as an error message shows it: short, one line, control characters escaped. */
/** @internal */
export function showValue(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function") return "a function";
  if (isEventual(value)) return "a Pulumi Output";
  let text: string;
  try {
    text = JSON.stringify(value, (_k, v) => (isEventual(v) ? "<Output>" : typeof v === "bigint" ? `${v}n` : v)) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  // JSON escapes C0 controls; also escape C1 and the Unicode line separators a terminal may act on.
  text = text.replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

const EXPECTED: Record<string, string> = {
  boolean: "true or false",
  array: "a list",
  object: "an object",
  record: "an object",
  string: "a string",
  number: "a number",
  int: "a whole number",
  nan: "a number",
};

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "number" && Number.isNaN(value)) return "NaN";
  if (isEventual(value)) return "a Pulumi Output";
  return `a ${typeof value}`;
}

function at(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, k) => (typeof k === "number" ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), "");
}

/** One readable line for a zod issue: the field path, the value, and what would be valid. */
/** @internal */
export function describeIssue(issue: Z.core.$ZodIssue, prefix = ""): string {
  const path = at([...(prefix ? [prefix] : []), ...issue.path]) || "(arguments)";
  const input = (issue as { input?: unknown }).input;
  if (isEventual(input) && issue.code !== "custom") return `${path}: ${OUTPUT_MESSAGE}`;
  switch (issue.code) {
    case "invalid_type": {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      const shown = input === undefined ? "nothing (it is required)" : `${showValue(input)} (${kindOf(input)})`;
      return `${path}: expected ${expected}, got ${shown}`;
    }
    case "too_small":
    case "too_big": {
      const bound = issue.code === "too_small" ? issue.minimum : issue.maximum;
      const edge = issue.code === "too_small" ? "at least" : "at most";
      const what = issue.origin === "array" ? `${edge} ${bound} item${Number(bound) === 1 ? "" : "s"}` : issue.origin === "string" ? `${edge} ${bound} character${Number(bound) === 1 ? "" : "s"}` : `${edge} ${bound}`;
      const size = issue.origin === "array" && Array.isArray(input) ? `${input.length} items` : issue.origin === "string" && typeof input === "string" ? `${input.length} characters` : showValue(input);
      return `${path}: must have ${what}, got ${size}`.replace("must have at", issue.origin === "number" ? "must be at" : "must have at");
    }
    case "unrecognized_keys":
      return `${path}: unknown field${issue.keys.length === 1 ? "" : "s"} ${oneOf(issue.keys.map(String))}${issue.message.startsWith("use ") ? `: ${issue.message}` : ""}`;
    case "invalid_value":
      return `${path}: ${showValue(input)} is not valid: ${useOneOf(input, issue.values.map((v) => (typeof v === "string" ? v : String(v))))}`;
    default:
      return `${path}: ${issue.message}${input !== undefined && !issue.message.includes("got ") ? `, got ${showValue(input)}` : ""}`;
  }
}

/** Parses with a schema, throwing a {@link PortcatalogError} that names the first bad field. */
/** @internal */
export function parseWith<T extends Z.ZodType>(schema: T, value: unknown, prefix = ""): Z.output<T> {
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.success) throw new PortcatalogError(describeIssue(result.error.issues[0], prefix));
  return result.data;
}

/**
 * `parseWith`, asking the fast check first: what it proves valid is returned as zod would return it,
 * without loading zod; anything else is zod's to decide and to name.
 */
/** @internal */
export function parseFast<T extends Z.ZodType>(check: Fast | undefined, schema: T, value: unknown, prefix = ""): Z.output<T> {
  if (check) {
    const fast = check.check(value);
    if (fast !== UNSURE) return fast as Z.output<T>;
  }
  return parseWith(schema, value, prefix);
}

const OUTPUT_MESSAGE = "got a Pulumi Output, but this field decides which rules are planned, so it must be a plain value known when the program runs (resolve it first, or set it from config)";

/**
 * Rejects an Output before `schema` looks inside it: a Pulumi Output lifts property access, so an
 * object schema would otherwise report some nested field instead of the one that is an Output.
 */
/** @internal */
export const known = <T extends Z.ZodType>(schema: T) =>
  z
    .unknown()
    .refine((v) => !isEventual(v), { error: OUTPUT_MESSAGE, abort: true })
    .pipe(schema);

/** A strict object whose unknown-field error lists the fields it knows. */
/** @internal */
export function strictObject<S extends Z.core.$ZodLooseShape>(shape: S) {
  return known(z.strictObject(shape, { error: (iss) => (iss.code === "unrecognized_keys" ? `use ${oneOf(Object.keys(shape))}` : undefined) }));
}

/** A record whose values follow `value`, rejecting an Output as a whole. */
/** @internal */
export const record = <T extends Z.ZodType>(key: Z.ZodString, value: T) => known(z.record(key, value));

/**
 * An optional field: `null` (Python's None, YAML's `~`) means unset, as it does in Pulumi's other SDKs.
 * An overwrite, not a transform: a transform returning a promise (an Input given as one) makes zod's
 * synchronous parse throw a TypeError instead of passing the promise through.
 */
/** @internal */
export const optional = <T extends Z.ZodType>(schema: T) => schema.nullish().overwrite((v) => v ?? undefined);

/** @internal */
export const wholeNumber = (min: number, max: number) => z.number().int().min(min).max(max);

/** Lists are capped so a hostile argument cannot make the planner allocate without bound. */
/** @internal */
export const MAX_LIST = 10_000;
/** @internal */
export const list = <T extends Z.ZodType>(item: T) => z.array(item).max(MAX_LIST);

/** A peer's name: it becomes part of rule keys and resource names. */
/** @internal */
export const peerName = lazy(() => z
  .string()
  .max(100)
  .regex(PEER_NAME, { error: 'must be letters, digits, ".", "_" or "-", starting with a letter or digit' }));

/** The planner treats ids as opaque, but they must be there. */
/** @internal */
export const isOpaqueId = (v: unknown): boolean => v !== undefined && v !== null && v !== "";
/** @internal */
export const opaqueId = lazy(() => z.custom<unknown>(isOpaqueId, { error: (iss) => `expected an id (a non-empty string or an Output), got ${showValue(iss.input)}` }));

/** A peer set's shape; `id` is the schema for group and prefix-list ids. */
/** @internal */
export function peerSetSchema<Id extends Z.ZodType>(id: Id) {
  return strictObject({
    cidrIpv4: optional(list(z.string())),
    cidrIpv6: optional(list(z.string())),
    securityGroups: optional(list(strictObject({ id, name: optional(peerName) }))),
    prefixLists: optional(list(strictObject({ id, name: optional(peerName), maxEntries: wholeNumber(1, 1000) }))),
    namedCidrIpv4: optional(list(strictObject({ name: peerName, cidr: id }))),
    namedCidrIpv6: optional(list(strictObject({ name: peerName, cidr: id }))),
    self: optional(z.boolean()),
  });
}

/** The plan-shaping options `planRules` takes, checked before anything is planned; `cloudProfile` checks the cloud. */
/** @internal */
export function planOptionsSchema<Id extends Z.ZodType>(id: Id) {
  const peerSet = peerSetSchema(id);
  return strictObject({
    cloud: z.unknown(),
    sources: optional(strictObject({ public: optional(peerSet), admin: optional(peerSet), internal: optional(peerSet) })),
    features: optional(list(z.string().min(1).max(100))),
    allFeatures: optional(z.boolean()),
    destinations: optional(record(z.string().min(1).max(100), peerSet)),
    catalogNotes: optional(z.array(z.any())),
    allowAllEgress: optional(z.boolean()),
  });
}

/** @internal */
export const plannerOptionsSchema = lazy(() => planOptionsSchema(opaqueId));

// The fast checks of the schemas above, field for field (`planner/fast.ts`).

/** @internal */
export const fPeerName = once(() => fString(0, 100, PEER_NAME));
/** @internal */
export const fOpaqueId = once(() => fCustom("opaqueId", isOpaqueId));

/** The fast check of `peerSetSchema(id)`. */
/** @internal */
export function fastPeerSet(id: Fast): Fast {
  const name = fPeerName();
  return fObject({
    cidrIpv4: fOptional(fList(fString(), 0, MAX_LIST)),
    cidrIpv6: fOptional(fList(fString(), 0, MAX_LIST)),
    securityGroups: fOptional(fList(fObject({ id, name: fOptional(name) }), 0, MAX_LIST)),
    prefixLists: fOptional(fList(fObject({ id, name: fOptional(name), maxEntries: fInt(1, 1000) }), 0, MAX_LIST)),
    namedCidrIpv4: fOptional(fList(fObject({ name, cidr: id }), 0, MAX_LIST)),
    namedCidrIpv6: fOptional(fList(fObject({ name, cidr: id }), 0, MAX_LIST)),
    self: fOptional(fBoolean),
  });
}

/** The fast check of `planOptionsSchema(id)`. */
/** @internal */
export function fastPlanOptions(id: Fast): Fast {
  const peerSet = fastPeerSet(id);
  return fObject({
    cloud: fUnknown,
    sources: fOptional(fObject({ public: fOptional(peerSet), admin: fOptional(peerSet), internal: fOptional(peerSet) })),
    features: fOptional(fList(fString(1, 100), 0, MAX_LIST)),
    allFeatures: fOptional(fBoolean),
    destinations: fOptional(fRecord(fString(1, 100), peerSet)),
    catalogNotes: fOptional(fList(fUnknown)),
    allowAllEgress: fOptional(fBoolean),
  });
}

/** @internal */
export const fastPlannerOptions = once(() => fastPlanOptions(fOpaqueId()));
