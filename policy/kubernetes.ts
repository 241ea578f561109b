// Kubernetes workloads a stack declares against the NetworkPolicies it declares: a pod no policy of
// type Ingress selects in its namespace takes traffic from every pod of every namespace (and from
// whatever else the cluster routes to it). Plain data in, sentences out; policies.ts reports.
import { and3, type Labels, matches, NETWORK_POLICY_TYPE, or3, readNetworkPolicy, type Tri } from "./netpol.js";
import { snapshot, UNKNOWN } from "./unknown.js";

/** What the check needs of a resource (a subset of @pulumi/policy's PolicyResource). */
export interface WorkloadResource {
  type: string;
  name: string;
  urn: string;
  props: unknown;
  provider?: { urn?: string; props?: unknown };
}

/** Workload types and the path to their pod template; a Pod is its own template. */
export const WORKLOAD_TEMPLATES: Readonly<Record<string, readonly string[]>> = {
  "kubernetes:core/v1:Pod": [],
  "kubernetes:apps/v1:Deployment": ["spec", "template"],
  "kubernetes:apps/v1:StatefulSet": ["spec", "template"],
  "kubernetes:apps/v1:DaemonSet": ["spec", "template"],
  "kubernetes:apps/v1:ReplicaSet": ["spec", "template"],
  "kubernetes:batch/v1:Job": ["spec", "template"],
  "kubernetes:batch/v1:CronJob": ["spec", "jobTemplate", "spec", "template"],
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const at = (v: unknown, path: readonly string[]): unknown => path.reduce((x, k) => (x === UNKNOWN ? UNKNOWN : isRecord(x) ? x[k] : undefined), v);

/**
 * A resource's namespace as a key: the one it names, else its provider's `namespace`, else the default of
 * that provider's kubeconfig (the same provider's unset namespaces are one). `UNKNOWN` when not known yet.
 */
function namespaceKey(r: WorkloadResource, meta: unknown): string | typeof UNKNOWN {
  const ns = at(meta, ["namespace"]);
  if (ns === UNKNOWN) return UNKNOWN;
  if (typeof ns === "string" && ns) return ns;
  const pns = at(snapshot(r.provider?.props), ["namespace"]);
  if (pns === UNKNOWN) return UNKNOWN;
  if (typeof pns === "string" && pns) return pns;
  return `(the default namespace of ${r.provider?.urn ?? "the default provider"})`;
}

/** One workload the check judged: selected by some Ingress policy (true), by none (false), or not known in a preview. */
export interface WorkloadVerdict {
  resource: WorkloadResource;
  selected: Tri;
  hostNetwork: Tri;
  /** Why "maybe": the values not known yet. */
  unknown: string[];
}

/** Judges every workload of the stack against the stack's NetworkPolicies. */
export function workloadVerdicts(resources: readonly WorkloadResource[]): WorkloadVerdict[] {
  const policies = resources
    .filter((r) => r.type === NETWORK_POLICY_TYPE)
    .map((r) => {
      const props = snapshot(r.props);
      const read = readNetworkPolicy(props);
      return { r, policy: read.policy, ns: namespaceKey(r, at(props, ["metadata"])), unknowns: read.unknowns };
    });
  const out: WorkloadVerdict[] = [];
  for (const r of resources) {
    const path = WORKLOAD_TEMPLATES[r.type];
    if (!path) continue;
    const props = snapshot(r.props);
    const template = at(props, path);
    const labelsValue = at(template, ["metadata", "labels"]);
    const unknown: string[] = [];
    let target: Labels = { labels: {}, partial: false };
    if (labelsValue === UNKNOWN || (isRecord(labelsValue) && Object.values(labelsValue).includes(UNKNOWN)) || template === UNKNOWN) {
      unknown.push(`${r.name}'s pod labels`);
      // Labels not known: any selector may or may not match.
      target = { labels: {}, partial: true };
    } else if (isRecord(labelsValue)) target = { labels: Object.fromEntries(Object.entries(labelsValue).filter(([, v]) => typeof v === "string")) as Record<string, string>, partial: false };
    const hostValue = at(template, ["spec", "hostNetwork"]);
    const hostNetwork: Tri = hostValue === UNKNOWN ? "maybe" : hostValue === true;
    const ns = namespaceKey(r, at(props, ["metadata"]));
    const each = policies.map((p): Tri => {
      const sameNs: Tri = ns === UNKNOWN || p.ns === UNKNOWN ? "maybe" : ns === p.ns;
      const v = and3(sameNs, p.policy.ingressType, matches(p.policy.podSelector, target));
      if (v === "maybe") unknown.push(...(p.unknowns.length ? p.unknowns.map((u) => `${p.r.name}'s ${u}`) : ns === UNKNOWN || p.ns === UNKNOWN ? [`the namespace of ${ns === UNKNOWN ? r.name : p.r.name}`] : []));
      return v;
    });
    out.push({ resource: r, selected: or3(...each), hostNetwork, unknown: [...new Set(unknown)] });
  }
  return out;
}

/** The check's sentences: one per workload that is, or may be, open to every pod. */
export function unselectedWorkloads(resources: readonly WorkloadResource[]): { urn: string; message: string }[] {
  const out: { urn: string; message: string }[] = [];
  for (const v of workloadVerdicts(resources)) {
    const { name, type, urn } = v.resource;
    const kind = type.split(":").pop();
    if (v.hostNetwork !== false) {
      out.push({ urn, message: `${kind} ${name} ${v.hostNetwork === true ? "uses" : "may use (hostNetwork not known yet)"} the node's network: no NetworkPolicy applies to its pods, every port they listen on is open to whatever reaches the node. Run it on the pod network, or guard the node.` });
      continue;
    }
    if (v.selected === true) continue;
    const why = v.selected === false ? "no NetworkPolicy of this stack with policy type Ingress selects its pods in their namespace" : `no NetworkPolicy of this stack is known to select its pods (not known during preview: ${v.unknown.slice(0, 4).join(", ")}${v.unknown.length > 4 ? ` and ${v.unknown.length - 4} more` : ""})`;
    out.push({ urn, message: `${kind} ${name}: ${why}, so as far as a preview can tell its pods take traffic from every pod of every namespace on every port. Select them with a NetworkPolicy (CatalogDeploymentNetworkPolicies), or one that another stack holds.` });
  }
  return out;
}
