import { z } from "zod";
import { PortcatalogError } from "../catalog/errors.js";
import { parseWith, showValue, strictObject, wholeNumber } from "./validate.js";
import { lazy } from "../catalog/lazy.js";

/** How a cloud limits rules, and how it counts them. */
export interface CloudQuota {
  /** What the limit applies to: each security group (AWS) or the whole project (Neutron). */
  scope: "group" | "project";
  /** The cloud's default limit: rules per bucket, per group or per project (AWS 60, Neutron 100). */
  limit: number;
  /**
   * How rules count against the limit. `direction-family`: one bucket per direction and address
   * family (`ingress/IPv4`, …), a group reference counting in both families and a prefix list by its
   * max entries (AWS). `rules`: one bucket, every rule counting 1 (Neutron).
   */
  buckets: "direction-family" | "rules";
}

/**
 * What the planner knows of a cloud: nothing else. Each cloud adapter supplies its own
 * (`components/<cloud>/profile.ts`); a new cloud is a new adapter with a profile, and no change to
 * the planner, which knows no cloud by name.
 */
export interface CloudProfile {
  /** Names the cloud in plans and reports: a lowercase slug, e.g. `aws`. */
  name: string;
  /** Names the cloud in messages, e.g. `AWS`, `Neutron`. */
  title: string;
  /**
   * Whether a rule that references a group (`self`, another group) must be one rule per address
   * family: Neutron rules carry an ethertype each, while an AWS group reference matches both.
   */
  groupReferencePerFamily: boolean;
  /** Whether rules may reference prefix lists (AWS managed prefix lists); Neutron has none. */
  prefixLists: boolean;
  quota: CloudQuota;
}

/** The largest quota limit a profile may name: far above any cloud's, small enough to stay a count. */
export const MAX_QUOTA_LIMIT = 1_000_000;

/** @internal */
export const cloudProfileSchema = lazy(() => strictObject({
  name: z.string().max(40).regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, { error: "must be a lowercase slug (a-z, 0-9, dashes), e.g. aws" }),
  // It goes into error messages: printable, one line.
  title: z.string().min(1).max(40).regex(/^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]+$/, { error: "must be printable text on one line" }),
  groupReferencePerFamily: z.boolean(),
  prefixLists: z.boolean(),
  quota: strictObject({
    scope: z.enum(["group", "project"]),
    limit: wholeNumber(1, MAX_QUOTA_LIMIT),
    buckets: z.enum(["direction-family", "rules"]),
  }),
}));

const PROFILE_SHAPE = "a cloud profile { name, title, groupReferencePerFamily, prefixLists, quota: { scope, limit, buckets } }";

/**
 * The profile a plan uses, checked field by field like every other input. The planner knows no cloud by
 * name: a name is refused in one line pointing to the adapters' profiles (e.g. `AWS_PROFILE`, or
 * `resolveCloud(name)`, both from the package root).
 * @param field names the value in errors.
 */
export function cloudProfile(cloud: CloudProfile, field = "cloud"): CloudProfile {
  const value: unknown = cloud;
  if (typeof value === "string") {
    const constant = /^[a-z][a-z0-9-]*$/.test(value) ? `${value.toUpperCase().replace(/-/g, "_")}_PROFILE` : "its adapter's profile";
    throw new PortcatalogError(`${field}: ${showValue(value)} is a name, and the planner takes a cloud's profile: pass ${constant} or resolveCloud(${showValue(value)}) from "portcatalog" (the adapters own the names)`);
  }
  if (value === undefined || value === null || typeof value !== "object" || Array.isArray(value)) {
    const got = value === undefined ? "nothing (it is required)" : showValue(value);
    throw new PortcatalogError(`${field}: expected ${PROFILE_SHAPE}, got ${got}`);
  }
  return parseWith(cloudProfileSchema, value, field) as CloudProfile;
}
