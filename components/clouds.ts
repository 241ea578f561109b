import { AWS_PROFILE } from "./aws/profile.js";
import { AZURE_PROFILE } from "./azure/profile.js";
import { KUBERNETES_PROFILE } from "./kubernetes/profile.js";
import { OPENSTACK_PROFILE } from "./openstack/profile.js";
import { oneOf, PortcatalogError } from "../catalog/errors.js";
import { type CloudProfile, cloudProfile } from "../planner/profile.js";
import { showValue } from "../planner/validate.js";

// Plain data (no Pulumi import). The names of the clouds belong to the adapters: the planner takes a
// profile only, and this is where a name (`"aws"`, from the CLI or a user) becomes one.
export { AWS_PROFILE, AWS_RULES_PER_GROUP } from "./aws/profile.js";
export { AZURE_PROFILE } from "./azure/profile.js";
export { KUBERNETES_PROFILE } from "./kubernetes/profile.js";
export { NEUTRON_RULES_PER_PROJECT, OPENSTACK_PROFILE } from "./openstack/profile.js";

/** The built-in clouds' profiles by name. */
export const CLOUD_PROFILES = { aws: AWS_PROFILE, openstack: OPENSTACK_PROFILE, azure: AZURE_PROFILE, kubernetes: KUBERNETES_PROFILE } as const;

/** A built-in cloud's name, as resolveCloud takes it. */
export type CloudName = keyof typeof CLOUD_PROFILES;

/** The security-group clouds (what a ComponentReport and the audit's import files name). */
export type Cloud = "aws" | "openstack";

/**
 * A built-in cloud's profile by name, or a profile given, checked field by field: what `planRules` and
 * `quotaReport` take as `cloud` (e.g. `planRules(selections, { cloud: resolveCloud("aws") })`).
 * @param field names the value in errors.
 */
export function resolveCloud(cloud: CloudName | CloudProfile, field = "cloud"): CloudProfile {
  const value: unknown = cloud;
  if (typeof value === "string") {
    if (Object.hasOwn(CLOUD_PROFILES, value)) return CLOUD_PROFILES[value as CloudName];
    throw new PortcatalogError(`${field}: ${showValue(value)} is not a built-in cloud: use ${oneOf(Object.keys(CLOUD_PROFILES))}, or a cloud profile { name, title, groupReferencePerFamily, prefixLists, quota }`);
  }
  return cloudProfile(value as CloudProfile, field);
}
