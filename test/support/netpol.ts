import { cidrRange } from "../../planner/peers.js";

// A small evaluator of NetworkPolicy ingress semantics (kubernetes.io/docs/concepts/services-networking/network-policies):
// a pod no Ingress policy selects admits everything; a selected pod admits a connection when some selecting
// policy has a rule whose `from` matches the source (no `from`: every source) and whose `ports` match (no `ports`:
// every port). podSelector alone: pods of the policy's namespace; namespaceSelector alone: every pod of those
// namespaces; both: those pods of those namespaces; ipBlock: addresses in cidr and in no except. Sources that are
// pods are matched by selectors only (ipBlock matching of pod addresses is left to the CNI; the live tier's
// independent evaluator judges that part).

interface Selector { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] }
interface PolicyPeer { podSelector?: Selector; namespaceSelector?: Selector; ipBlock?: { cidr: string; except?: string[] } }
interface PolicyPort { protocol?: string; port?: number; endPort?: number }
export interface Manifest {
  metadata: { name: string; namespace: string; labels?: Record<string, string> };
  spec: { podSelector: Selector; policyTypes?: string[]; ingress?: { from?: PolicyPeer[]; ports?: PolicyPort[] }[]; egress?: { to?: PolicyPeer[]; ports?: PolicyPort[] }[] };
}
export interface Pod { namespace: string; labels: Record<string, string> }
export type Source = Pod | { ip: string };

export function selects(s: Selector, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(s.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of s.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    if (e.operator === "In" && !(has && (e.values ?? []).includes(labels[e.key]))) return false;
    if (e.operator === "NotIn" && has && (e.values ?? []).includes(labels[e.key])) return false;
    if (e.operator === "Exists" && !has) return false;
    if (e.operator === "DoesNotExist" && has) return false;
  }
  return true;
}

const inCidr = (ip: string, cidr: string) => {
  const r = cidrRange(cidr);
  const a = cidrRange(ip.includes(":") ? `${ip}/128` : `${ip}/32`);
  return a.family === r.family && a.start >= r.start && a.start <= r.end;
};

function peerMatches(p: PolicyPeer, policyNamespace: string, source: Source, namespaces: Record<string, Record<string, string>>): boolean {
  if (p.ipBlock) return "ip" in source && inCidr(source.ip, p.ipBlock.cidr) && !(p.ipBlock.except ?? []).some((e) => inCidr(source.ip, e));
  if ("ip" in source) return false;
  const nsOk = p.namespaceSelector ? selects(p.namespaceSelector, namespaces[source.namespace] ?? { "kubernetes.io/metadata.name": source.namespace }) : source.namespace === policyNamespace;
  const podOk = p.podSelector ? selects(p.podSelector, source.labels) : true;
  return nsOk && podOk;
}

const portMatches = (ports: PolicyPort[] | undefined, protocol: string, port: number) =>
  !ports?.length || ports.some((p) => (p.protocol ?? "TCP") === protocol && (p.port === undefined || (port >= p.port && port <= (p.endPort ?? p.port))));

/** Whether `source` may open `protocol`/`port` on pod `to`, under `policies`. */
export function ingressAllowed(policies: readonly Manifest[], source: Source, to: Pod, protocol: string, port: number, namespaces: Record<string, Record<string, string>> = {}): boolean {
  const selecting = policies.filter((p) => p.metadata.namespace === to.namespace && (p.spec.policyTypes ?? ["Ingress"]).includes("Ingress") && selects(p.spec.podSelector, to.labels));
  if (!selecting.length) return true;
  return selecting.some((p) => (p.spec.ingress ?? []).some((r) => portMatches(r.ports, protocol, port) && (!r.from?.length || r.from.some((f) => peerMatches(f, p.metadata.namespace, source, namespaces)))));
}
