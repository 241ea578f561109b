import { AWS_PROFILE } from "./aws/profile.js";
import { OPENSTACK_PROFILE } from "./openstack/profile.js";

// Plain data (no Pulumi import): the planner reads it to accept these names for their profiles.
/** The built-in clouds' profiles by name, as `planRules`' `cloud: "aws"` names them. */
export const CLOUD_PROFILES = { aws: AWS_PROFILE, openstack: OPENSTACK_PROFILE } as const;

/** A built-in cloud's name. */
export type Cloud = keyof typeof CLOUD_PROFILES;
