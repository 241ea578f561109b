import type { CloudProfile } from "../../planner/profile.js";

/** AWS's default: 60 inbound and 60 outbound rules per group, counted per address family. */
export const AWS_RULES_PER_GROUP = 60;

/**
 * AWS security groups: a group reference matches both address families in one rule, prefix lists
 * exist, and each group holds 60 rules per direction and family (a prefix list costs its max entries).
 */
export const AWS_PROFILE: CloudProfile = {
  name: "aws",
  title: "AWS",
  groupReferencePerFamily: false,
  prefixLists: true,
  quota: { scope: "group", limit: AWS_RULES_PER_GROUP, buckets: "direction-family" },
};
