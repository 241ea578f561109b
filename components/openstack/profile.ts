import type { CloudProfile } from "../../planner/profile.js";

/** Neutron's default `security_group_rule` quota: 100 rules per project. */
export const NEUTRON_RULES_PER_PROJECT = 100;

/**
 * Rules every project holds before anything is deployed: Neutron gives each project a `default`
 * group with 4 rules (ingress from the group itself and egress to anywhere, per family), and they
 * count against the project's rule quota (seen on Neutron 21: a fresh project reports 4 used).
 */
export const NEUTRON_DEFAULT_GROUP_RULES = 4;

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
