import type * as pulumi from "@pulumi/pulumi";
import { PortcatalogError } from "../../catalog/errors.js";
import type { Direction } from "../../catalog/model.js";
import { fnv1a } from "../../planner/lists.js";
import { cidrRange, type Peer, peerKey } from "../../planner/peers.js";
import type { PlannedRule } from "../../planner/plan.js";
import type { RolePlan } from "../../planner/roles.js";

// The plain part of the Kubernetes adapter: a role's planned rules (one peer, one port run each)
// as NetworkPolicy rules (peers and ports per rule). No Pulumi: tests read it without mocks.

type Id = pulumi.Input<string>;

/** A label selector as the API takes it. */
export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions?: { key: string; operator: "In" | "NotIn" | "Exists" | "DoesNotExist"; values?: string[] }[];
}

/** One peer of a NetworkPolicy rule (`from` or `to`). */
export interface KubernetesPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: Id; except?: string[] };
}

/** One port of a NetworkPolicy rule: numeric, a range with endPort. */
export interface KubernetesPort {
  protocol: "TCP" | "UDP" | "SCTP";
  port: number;
  endPort?: number;
}

/** One NetworkPolicy rule: every peer may reach every port. */
export interface KubernetesRule {
  /** From the direction and the peers only (not the ports): `in-<hash>`, `out-<hash>`. */
  key: string;
  direction: Direction;
  peers: KubernetesPeer[];
  /** The peers as the plan shows them (`role:gateway`, `10.0.0.0/8`, `ingress-controller`), in peer order. */
  peerLabels: string[];
  ports: KubernetesPort[];
  entries: string[];
  services: string[];
  /** Keys of the planned (one peer, one run) rules this rule carries. */
  covers: string[];
}

/** What a peer of a planned rule stands for: the adapter's translation of the planner's peers. */
export interface PeerMeaning {
  /** The API's peers (an empty list: this peer cannot be named, see `dropped`). */
  peers: KubernetesPeer[];
  label: string;
  /** Peers that are the same addresses share a key (every host-network role is its nodes); default the planner's peer key. */
  key?: string;
  /** Why nothing can be admitted for it (a host-network role with no node CIDRs given). */
  dropped?: string;
}

const PROTOCOL = { tcp: "TCP", udp: "UDP", sctp: "SCTP" } as const;

function mergeRuns(runs: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const [a, b] of [...runs].sort((x, y) => x[0] - y[0] || x[1] - y[1])) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** A port run as the API takes it: `port`, plus `endPort` for a range (numeric ports only). */
export const portOf = (protocol: string, from: number, to: number): KubernetesPort => {
  const p = PROTOCOL[protocol as keyof typeof PROTOCOL];
  if (!p) throw new PortcatalogError(`protocol ${JSON.stringify(protocol)} cannot be a NetworkPolicy port: use tcp, udp or sctp`);
  return from === to ? { protocol: p, port: from } : { protocol: p, port: from, endPort: to };
};

/** A rule the planner did not make (the roles' egress, DNS), in the planner's shape so it shapes like the others. */
export interface ExtraAtom {
  peerKey: string;
  meaning: PeerMeaning;
  protocol: string;
  fromPort: number;
  toPort: number;
  entries: string[];
  services: string[];
  cover: string;
}

/**
 * A direction's planned rules as NetworkPolicy rules: per peer, its ports merged per protocol; peers
 * needing exactly the same ports share one rule (so each peer x port a rule allows is one the plan
 * allows: exact), one rule per distinct port set (the fewest an exact policy can have). Rule keys
 * come from the peers alone, sorted, so adding a port to a peer changes its rule and no other.
 */
export function shapeRules(direction: Direction, planned: readonly PlannedRule<Id>[], meaningOf: (peer: Peer<Id>) => PeerMeaning, extra: readonly ExtraAtom[] = [], dropped: (rule: { peer: string; protocol: string; fromPort: number; toPort: number; reason: string; entries: string[] }) => void = () => {}): KubernetesRule[] {
  const byPeer = new Map<string, { meaning: PeerMeaning; runs: Map<string, [number, number][]>; entries: Set<string>; services: Set<string>; covers: string[] }>();
  const add = (key: string, meaning: PeerMeaning, protocol: string, from: number, to: number, entries: readonly string[], services: readonly string[], cover: string) => {
    if (meaning.dropped) {
      dropped({ peer: meaning.label, protocol, fromPort: from, toPort: to, reason: meaning.dropped, entries: [...entries] });
      return;
    }
    let slot = byPeer.get(key);
    if (!slot) byPeer.set(key, (slot = { meaning, runs: new Map(), entries: new Set(), services: new Set(), covers: [] }));
    const runs = slot.runs.get(protocol) ?? [];
    runs.push([from, to]);
    slot.runs.set(protocol, runs);
    for (const e of entries) slot.entries.add(e);
    for (const s of services) slot.services.add(s);
    slot.covers.push(cover);
  };
  for (const r of planned) {
    if (r.direction !== direction) continue;
    if (r.protocol === "all") throw new PortcatalogError(`rule ${r.key}: a NetworkPolicy port names its protocol; "all" is not one`);
    const meaning = meaningOf(r.peer);
    add(meaning.key ?? peerKey(r.peer), meaning, r.protocol, r.fromPort, r.toPort, r.entries, r.services, r.key);
  }
  for (const x of extra) add(x.peerKey, x.meaning, x.protocol, x.fromPort, x.toPort, x.entries, x.services, x.cover);

  const buckets = new Map<string, { ports: KubernetesPort[]; members: { key: string; meaning: PeerMeaning; entries: Set<string>; services: Set<string>; covers: string[] }[] }>();
  for (const [key, slot] of [...byPeer].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const ports = [...slot.runs]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .flatMap(([protocol, runs]) => mergeRuns(runs).map(([a, b]) => portOf(protocol, a, b)));
    const sig = ports.map((p) => `${p.protocol}/${p.port}-${p.endPort ?? p.port}`).join(",");
    let b = buckets.get(sig);
    if (!b) buckets.set(sig, (b = { ports, members: [] }));
    b.members.push({ key, ...slot });
  }
  const dir = direction === "ingress" ? "in" : "out";
  const rules = [...buckets.values()].map(({ ports, members }): KubernetesRule => ({
    key: `${dir}-${fnv1a(members.map((m) => m.key).join(" ")).toString(16).padStart(8, "0")}`,
    direction,
    peers: members.flatMap((m) => m.meaning.peers),
    peerLabels: members.map((m) => m.meaning.label),
    ports,
    entries: [...new Set(members.flatMap((m) => [...m.entries]))].sort(),
    services: [...new Set(members.flatMap((m) => [...m.services]))].sort(),
    covers: members.flatMap((m) => m.covers).sort(),
  }));
  return rules.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** One role's NetworkPolicy, planned. */
export interface KubernetesPolicyPlan {
  role: string;
  /** metadata.name: the component's name and the role, DNS-1123. */
  name: string;
  /** The Pulumi resource's name. */
  resourceName: string;
  namespace: string;
  podSelector: LabelSelector;
  ingress: KubernetesRule[];
  /** Present when egress is restricted (`restrictEgress`). */
  egress?: KubernetesRule[];
  labels: Record<string, string>;
}

/** A port the rollout closes: what the pods of a role accepted from everyone before and will refuse. */
export interface RolloutItem {
  role: string;
  /** `tcp/9443`, or `every other port`. */
  ports: string;
  /** Who can no longer connect. */
  closedTo: string;
  reason: string;
}

/** A role the component makes no policy for, and why. */
export interface UnprotectedRole {
  role: string;
  reason: string;
}

/** What a Kubernetes component planned: its policies, the roles it cannot protect, and what the rollout closes. */
export interface KubernetesReport {
  component: string;
  name: string;
  cloud: "kubernetes";
  namespace: string;
  policies: KubernetesPolicyPlan[];
  /** Every role's plan, by role (unprotected roles too: their flows into others are planned from them). */
  plans: { role: string; plan: RolePlan<Id> }[];
  unprotected: UnprotectedRole[];
  rollout: RolloutItem[];
  warnings: string[];
  notes: string[];
  products: { product: string; release?: string }[];
}

/** A NetworkPolicy's manifest (apiVersion and kind left to the SDK): what the API server is given. */
export function networkPolicyManifest(p: KubernetesPolicyPlan): { metadata: { name: string; namespace: string; labels: Record<string, string> }; spec: Record<string, unknown> } {
  const selector = (s: LabelSelector) => ({ matchLabels: s.matchLabels, ...(s.matchExpressions?.length ? { matchExpressions: s.matchExpressions } : {}) });
  const peer = (x: KubernetesPeer) => ({
    ...(x.podSelector ? { podSelector: selector(x.podSelector) } : {}),
    ...(x.namespaceSelector ? { namespaceSelector: selector(x.namespaceSelector) } : {}),
    ...(x.ipBlock ? { ipBlock: { cidr: x.ipBlock.cidr, ...(x.ipBlock.except?.length ? { except: x.ipBlock.except } : {}) } } : {}),
  });
  const port = (x: KubernetesPort) => ({ protocol: x.protocol, port: x.port, ...(x.endPort !== undefined ? { endPort: x.endPort } : {}) });
  return {
    metadata: { name: p.name, namespace: p.namespace, labels: p.labels },
    spec: {
      podSelector: selector(p.podSelector),
      policyTypes: p.egress ? ["Ingress", "Egress"] : ["Ingress"],
      // An empty list: a selected pod admits nothing; never a rule without `from` (that admits every source).
      ingress: p.ingress.map((r) => ({ from: r.peers.map(peer), ports: r.ports.map(port) })),
      ...(p.egress ? { egress: p.egress.map((r) => ({ to: r.peers.map(peer), ports: r.ports.map(port) })) } : {}),
    },
  };
}

/** Whether two CIDRs share an address. */
export function cidrsOverlap(a: string, b: string): boolean {
  const x = cidrRange(a);
  const y = cidrRange(b);
  return x.family === y.family && x.start <= y.end && y.start <= x.end;
}
