import type { CloudProfile } from "../../planner/profile.js";

/** Neutron's default `security_group_rule` quota: 100 rules per project. */
export const NEUTRON_RULES_PER_PROJECT = 100;

/**
 * OpenStack Neutron: every rule names its ethertype, so a group reference is one rule per family;
 * no prefix lists; 100 rules per project, each counting 1.
 */
export const OPENSTACK_PROFILE: CloudProfile = {
  name: "openstack",
  title: "Neutron",
  groupReferencePerFamily: true,
  prefixLists: false,
  quota: { scope: "project", limit: NEUTRON_RULES_PER_PROJECT, buckets: "rules" },
};
