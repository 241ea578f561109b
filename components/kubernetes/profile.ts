import type { CloudProfile } from "../../planner/profile.js";

/**
 * Kubernetes NetworkPolicy: a pod-selector peer matches pods of both address families, so a role
 * reference is one peer; no prefix lists. A policy has no rule quota (only the object's size, 1.5 MB
 * in etcd by default), so the limit is the planner's largest: the plan never spills into a second policy.
 */
export const KUBERNETES_PROFILE: CloudProfile = {
  name: "kubernetes",
  title: "Kubernetes",
  groupReferencePerFamily: false,
  prefixLists: false,
  quota: { scope: "group", limit: 1_000_000, buckets: "rules" },
};

/** The labels every NetworkPolicy the components create carries (docs/ARCHITECTURE.md; the audit and the policy pack read them). */
export const MANAGED_BY = { key: "app.kubernetes.io/managed-by", value: "portcatalog" } as const;
export const ROLE_LABEL = "portcatalog/role";
export const DEPLOYMENT_LABEL = "portcatalog/deployment";
/** Kubernetes sets this label on every namespace (1.21+): a namespace selector names a namespace by it. */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
