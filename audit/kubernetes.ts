// `portcatalog audit` for Kubernetes: what the cluster's NetworkPolicies let in, read from the JSON
// kubectl prints (`kubectl get networkpolicy -A -o json`, with `kubectl get pods -A -o json` and
// `kubectl get namespaces -o json` where given). NetworkPolicy semantics are policy/netpol.ts's, the
// exposure judgement policy/judge.ts's: one implementation for the pack, the audit and the plan.
// Every approximation leans towards "open" (docs/policy.md, "Kubernetes", lists them).
import { PortcatalogError, oneOf } from "../catalog/errors.js";
import { builtinCatalog, selectProduct } from "../catalog/index.js";
import { duplicateJsonKey } from "../catalog/json.js";
import { planRole, rolesOf, type Selection } from "../planner/index.js";
import { buildPortIndex, describeUsers, exposedPorts, isAllTraffic, MAX_PORT, type Permission, type PortIndex, portLabel, portUses, trafficWords, worldOpenings } from "../policy/judge.js";
import {
  and3,
  compatible,
  type ContainerPort,
  EVERYTHING,
  implies,
  inIpBlock,
  type IngressRule,
  type Labels,
  matches,
  type NetworkPolicy,
  netpolPermissions,
  or3,
  type Peer,
  type PortSpec,
  portRuns,
  readNetworkPolicy,
  type Selector,
  selectorText,
  type Tri,
} from "../policy/netpol.js";
import { auditProfile, scopeEntries } from "./audit.js";

/** The label the components put on each policy: the role whose pods its podSelector selects (K8S-CONTRACT.md). */
export const ROLE_LABEL = "portcatalog/role";
/** Every namespace carries its name as this label (Kubernetes 1.21 and later, NamespaceDefaultLabelName). */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

/** A NetworkPolicy of the cluster: its namespace is always known. */
export interface ClusterPolicy extends NetworkPolicy {
  namespace: string;
}

export interface ClusterPod {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  hostNetwork: boolean;
  /** status.podIP and status.podIPs, when scheduled. */
  ips: string[];
  /** The containers' (and init containers') ports, for named ports. */
  ports: ContainerPort[];
  origin: string;
}

export interface KubernetesInput {
  policies: ClusterPolicy[];
  /** Unset: the pods were not given. */
  pods?: ClusterPod[];
  /** Namespace name -> labels; unset: the namespaces were not given. */
  namespaces?: Map<string, Record<string, string>>;
  files: string[];
}

// ---- reading kubectl's JSON --------------------------------------------------------------------

export type KubernetesKind = "NetworkPolicy" | "Pod" | "Namespace";
const LIST_KINDS: Record<string, KubernetesKind> = { NetworkPolicyList: "NetworkPolicy", PodList: "Pod", NamespaceList: "Namespace" };
const COMMANDS: Record<KubernetesKind, string> = {
  NetworkPolicy: "kubectl get networkpolicy -A -o json",
  Pod: "kubectl get pods -A -o json",
  Namespace: "kubectl get namespaces -o json",
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const show = (v: unknown) => (v === null ? "null" : v === undefined ? "nothing" : Array.isArray(v) ? "a list" : typeof v === "object" ? "an object" : JSON.stringify(v).slice(0, 40));

/** Whether parsed JSON is a Kubernetes object or list (kubectl prints `apiVersion` and `kind` on both). */
export const looksLikeKubernetes = (doc: unknown): boolean => isRecord(doc) && typeof doc.apiVersion === "string" && typeof doc.kind === "string";

export interface KubernetesFile {
  file: string;
  /** Unset for an empty List, which is read as no NetworkPolicies. */
  kind?: KubernetesKind;
  items: unknown[];
  /** One object, not a list: its paths have no `items[i]`. */
  single?: true;
}

/** Splits a kubectl document into its kind and items; anything but NetworkPolicies, Pods and Namespaces is refused, naming the file. */
export function kubernetesFile(file: string, doc: Record<string, unknown>): KubernetesFile {
  const expected = `expected the JSON of \`${COMMANDS.NetworkPolicy}\` (or \`${COMMANDS.Pod}\`, \`${COMMANDS.Namespace}\`)`;
  const single = (doc.kind as string) in COMMANDS ? (doc.kind as KubernetesKind) : undefined;
  if (single) return { file, kind: single, items: [doc], single: true };
  const listKind = doc.kind === "List" ? undefined : LIST_KINDS[doc.kind as string];
  if (doc.kind !== "List" && !listKind) throw new PortcatalogError(`${file}: a Kubernetes ${show(doc.kind)}, not a NetworkPolicy list; ${expected}`);
  if (!Array.isArray(doc.items)) throw new PortcatalogError(`${file}: items: expected a list, got ${show(doc.items)}`);
  let kind = listKind;
  doc.items.forEach((item, i) => {
    if (!isRecord(item)) throw new PortcatalogError(`${file}: items[${i}]: expected an object, got ${show(item)}`);
    // A typed list from the API server leaves the items' kind out; kubectl's List spells it on each.
    const k = item.kind === undefined ? listKind : item.kind;
    if (k === undefined) throw new PortcatalogError(`${file}: items[${i}] has no kind (kubectl prints one on each item of a List); ${expected}`);
    if (typeof k !== "string" || !(k in COMMANDS)) throw new PortcatalogError(`${file}: items[${i}] is a ${show(k)}, not a NetworkPolicy; ${expected}`);
    if (kind && k !== kind) throw new PortcatalogError(`${file}: items[${i}] is a ${k} in a list of ${kind}s: give each kind in its own file`);
    kind = k as KubernetesKind;
  });
  return { file, kind, items: doc.items };
}

function meta(file: string, at: string, item: Record<string, unknown>, namespaced: boolean): { name: string; namespace: string; labels: Record<string, string> } {
  const m = item.metadata;
  if (!isRecord(m)) throw new PortcatalogError(`${file}: ${at}.metadata: expected an object, got ${show(m)}`);
  if (typeof m.name !== "string" || !m.name) throw new PortcatalogError(`${file}: ${at}.metadata.name: expected a name, got ${show(m.name)}`);
  if (namespaced && (typeof m.namespace !== "string" || !m.namespace)) throw new PortcatalogError(`${file}: ${at}.metadata.namespace: expected a namespace, got ${show(m.namespace)} (export with -A)`);
  const labels = m.labels ?? {};
  if (!isRecord(labels) || Object.values(labels).some((v) => typeof v !== "string")) throw new PortcatalogError(`${file}: ${at}.metadata.labels: expected a map of strings, got ${show(labels)}`);
  return { name: m.name, namespace: namespaced ? (m.namespace as string) : "", labels: labels as Record<string, string> };
}

function readPod(file: string, at: string, item: Record<string, unknown>): ClusterPod {
  const { name, namespace, labels } = meta(file, at, item, true);
  const spec = isRecord(item.spec) ? item.spec : {};
  const status = isRecord(item.status) ? item.status : {};
  const ports: ContainerPort[] = [];
  for (const key of ["containers", "initContainers"]) {
    const list = spec[key] ?? [];
    if (!Array.isArray(list)) throw new PortcatalogError(`${file}: ${at}.spec.${key}: expected a list, got ${show(list)}`);
    list.forEach((c, i) => {
      const cp = isRecord(c) ? (c.ports ?? []) : [];
      if (!Array.isArray(cp)) throw new PortcatalogError(`${file}: ${at}.spec.${key}[${i}].ports: expected a list, got ${show(cp)}`);
      cp.forEach((p, j) => {
        const w = `${at}.spec.${key}[${i}].ports[${j}]`;
        if (!isRecord(p) || typeof p.containerPort !== "number" || !Number.isInteger(p.containerPort) || p.containerPort < 1 || p.containerPort > MAX_PORT) throw new PortcatalogError(`${file}: ${w}.containerPort: expected a port (1 to 65535), got ${show(isRecord(p) ? p.containerPort : p)}`);
        ports.push({ ...(typeof p.name === "string" && p.name ? { name: p.name } : {}), containerPort: p.containerPort, protocol: typeof p.protocol === "string" ? p.protocol : "TCP" });
      });
    });
  }
  const ips = [...new Set([...(typeof status.podIP === "string" ? [status.podIP] : []), ...(Array.isArray(status.podIPs) ? status.podIPs.flatMap((x) => (isRecord(x) && typeof x.ip === "string" ? [x.ip] : [])) : [])])];
  return { namespace, name, labels, hostNetwork: spec.hostNetwork === true, ips, ports, origin: `${file}: ${at}` };
}

/** Joins the files read: NetworkPolicies (required, possibly none), pods and namespaces where given. */
export function kubernetesInput(files: readonly KubernetesFile[]): KubernetesInput {
  const input: KubernetesInput = { policies: [], files: files.map((f) => f.file) };
  const seen = new Map<string, string>();
  let policyFiles = 0;
  for (const f of files) {
    const kind = f.kind ?? "NetworkPolicy";
    if (kind === "NetworkPolicy") policyFiles++;
    f.items.forEach((v, i) => {
      const item = v as Record<string, unknown>;
      const where = f.single ? "the object" : `items[${i}]`;
      if (kind === "NetworkPolicy") {
        const { name, namespace } = meta(f.file, where, item, true);
        const read = readNetworkPolicy(item, `${f.file}: ${where}`);
        if (read.problems.length) throw new PortcatalogError(`${f.file}: ${where}: ${read.problems[0]}`);
        const key = `${namespace}/${name}`;
        if (seen.has(key)) throw new PortcatalogError(`${f.file}: ${where}: NetworkPolicy ${key} is also in ${seen.get(key)}: give each export once`);
        seen.set(key, `${f.file}: ${where}`);
        input.policies.push({ ...read.policy, name, namespace });
      } else if (kind === "Pod") {
        input.pods ??= [];
        input.pods.push(readPod(f.file, where, item));
      } else {
        input.namespaces ??= new Map();
        const { name, labels } = meta(f.file, where, item, false);
        input.namespaces.set(name, labels);
      }
    });
  }
  if (!policyFiles) throw new PortcatalogError(`no NetworkPolicy list: give the JSON that \`${COMMANDS.NetworkPolicy}\` printed (with the pods' and namespaces' JSON beside it)`);
  return input;
}

// ---- the judgement -----------------------------------------------------------------------------

/** Pods as the audit sees them: concrete labels, or every pod a selector matches (no pods given). */
export type PodSet = { kind: "labels"; labels: Labels } | { kind: "selector"; selector: Selector };

/** A destination: pods of a namespace, with their container ports when known (named ports). */
export interface Destination {
  namespace: string;
  pods: PodSet;
  containerPorts?: readonly ContainerPort[];
  hostNetwork?: boolean;
}

/** A source: an address (an outside host, or a pod's own), and/or pods of a namespace. */
export interface Source {
  ip?: string;
  pod?: { namespace: string; pods: PodSet };
}

/** Whether a selector matches a pod set: certainly (true), certainly not (false), or not known. */
export function selects(sel: Selector, set: PodSet): Tri {
  if (set.kind === "labels") return matches(sel, set.labels);
  if (implies(set.selector, sel)) return true;
  return compatible(set.selector, sel) === false ? false : "maybe";
}

/** A namespace's labels: given, or only its name label when the namespaces' JSON is not (others may exist). */
export function namespaceLabels(input: Pick<KubernetesInput, "namespaces">, name: string): Labels {
  const given = input.namespaces?.get(name);
  if (given) return { labels: { [NAMESPACE_NAME_LABEL]: name, ...given }, partial: false };
  return { labels: { [NAMESPACE_NAME_LABEL]: name }, partial: true };
}

/** Whether a policy governs a destination's pods for ingress. */
export const policySelects = (p: ClusterPolicy, d: Destination): Tri => (p.namespace !== d.namespace || p.ingressType === false ? false : and3(p.ingressType, selects(p.podSelector, d.pods)));

/** Whether a peer of a rule in namespace `ns` admits a source. An ipBlock admits addresses only (a pod by its IP when known). */
export function peerAdmits(input: Pick<KubernetesInput, "namespaces">, peer: Peer, ns: string, source: Source): Tri {
  if (peer.kind === "all" || peer.kind === "unknown") return true;
  if (peer.kind === "ipBlock") return source.ip !== undefined && inIpBlock(source.ip, peer.cidr, peer.except);
  if (!source.pod) return false;
  const inNs: Tri = peer.namespaceSelector ? matches(peer.namespaceSelector, namespaceLabels(input, source.pod.namespace)) : source.pod.namespace === ns;
  return and3(inNs, selects(peer.podSelector, source.pod.pods));
}

/** Whether a rule port admits `protocol`/`port` on the destination (named ports resolved when its container ports are known). */
export function portAdmits(ports: IngressRule["ports"], protocol: string, port: number, containerPorts?: readonly ContainerPort[]): boolean {
  if (ports === "all") return true;
  return ports.some((spec) => portRuns(spec, containerPorts).some((r) => (r.protocol === "*" || r.protocol === protocol.toUpperCase()) && r.fromPort <= port && port <= r.toPort));
}

/**
 * The audit's verdict on one connection: `false` only when the policies certainly refuse it.
 * An unselected destination takes everything; a host-network pod is beyond every policy.
 */
export function allows(input: Pick<KubernetesInput, "policies" | "namespaces">, source: Source, dest: Destination, protocol: string, port: number): Tri {
  if (dest.hostNetwork) return true;
  const selecting = input.policies.map((p) => ({ p, s: policySelects(p, dest) })).filter((x) => x.s !== false);
  const isolated = or3(...selecting.map((x) => x.s));
  const open = isolated === true ? false : isolated === false ? true : "maybe";
  const admitted = selecting.map(({ p, s }) => and3(s, or3(...p.ingress.map((rule) => (portAdmits(rule.ports, protocol, port, dest.containerPorts) ? or3(...rule.peers.map((peer) => peerAdmits(input, peer, p.namespace, source))) : false)))));
  return or3(open, ...admitted);
}

// ---- the report --------------------------------------------------------------------------------

export type KubernetesFindingKind = "internal-to-world" | "admin-to-world" | "all-traffic-to-world" | "unselected" | "host-network" | "role-flow";

export interface KubernetesFinding {
  kind: KubernetesFindingKind;
  text: string;
}

/** Pods judged alike: one pod, pods with the same namespace, labels and ports, or every pod a policy selects. */
export interface Subject {
  namespace: string;
  /** `app=web` for a selector subject; the pods' names otherwise. */
  label: string;
  dest: Destination;
  pods: string[];
  /** The policies that may select these pods, by name. */
  policies: string[];
  /** The catalog services the pods' container ports serve. */
  services: string[];
  findings: KubernetesFinding[];
}

export interface KubernetesReport {
  cloud: "kubernetes";
  subjects: Subject[];
  notes: string[];
  roleFindings: { role: string; from: string; namespace: string; policy: string; ports: string[]; message: string }[];
  findings: number;
}

const WORLD = ["0.0.0.0/0", "::/0"];

/** The permissions of the world judgement for a destination: selecting policies' ipBlock and every-source peers, and everything when it may be unselected. */
export function subjectPermissions(input: KubernetesInput, dest: Destination): { permissions: Permission[]; isolated: Tri; policies: ClusterPolicy[] } {
  const selecting = input.policies.filter((p) => policySelects(p, dest) !== false);
  const isolated = dest.hostNetwork ? false : or3(...input.policies.map((p) => policySelects(p, dest)));
  const permissions: Permission[] = isolated === true ? [] : [{ protocol: "all", fromPort: 0, toPort: MAX_PORT, cidrs: WORLD }];
  if (!dest.hostNetwork) for (const p of selecting) permissions.push(...netpolPermissions(p, dest.containerPorts));
  return { permissions, isolated, policies: selecting };
}

function worldFindings(index: PortIndex, permissions: Permission[]): KubernetesFinding[] {
  const out: KubernetesFinding[] = [];
  const openings = worldOpenings(permissions);
  for (const exposure of ["internal", "admin"] as const) {
    for (const { opening, uses } of exposedPorts(index, openings, exposure)) {
      const hits = uses.map((u) => `${portLabel(u)}: ${describeUsers(u.entries)}`);
      out.push({ kind: `${exposure}-to-world`, text: `${exposure}-only port open to ${opening.peers.join(" and ")}: ${hits.slice(0, 3).join("; ")}${hits.length > 3 ? `; and ${hits.length - 3} more` : ""}` });
    }
  }
  for (const o of openings.filter(isAllTraffic)) {
    if (o.protocol !== "all" && openings.some((x) => x.protocol === "all" && x.families.join() === o.families.join())) continue;
    out.push({ kind: "all-traffic-to-world", text: `${trafficWords(o)} open to ${o.peers.join(" and ")}` });
  }
  return out;
}

const portsOf = (ports: readonly ContainerPort[]) => [...new Set(ports.map((p) => `${p.protocol.toLowerCase()}/${p.containerPort}${p.name ? ` (${p.name})` : ""}`))];

function servicesOf(index: PortIndex, ports: readonly ContainerPort[]): string[] {
  return [...new Set(ports.flatMap((p) => {
    const protocol = p.protocol.toLowerCase();
    if (protocol !== "tcp" && protocol !== "udp") return [];
    return portUses(index, "ingress", protocol, p.containerPort, p.containerPort).map((u) => `${portLabel(u)}: ${describeUsers(u.entries)}`);
  }))];
}

/** The pods (grouped when alike) or, without pods, each policy's selected pods, as subjects. */
export function subjectsOf(input: KubernetesInput): { namespace: string; label: string; dest: Destination; pods: string[] }[] {
  if (input.pods) {
    const groups = new Map<string, { namespace: string; label: string; dest: Destination; pods: string[] }>();
    for (const pod of input.pods) {
      const labels = Object.fromEntries(Object.entries(pod.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      const key = JSON.stringify([pod.namespace, labels, pod.ports, pod.hostNetwork]);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { namespace: pod.namespace, label: "", dest: { namespace: pod.namespace, pods: { kind: "labels", labels: { labels, partial: false } }, containerPorts: pod.ports, hostNetwork: pod.hostNetwork }, pods: [] }));
      g.pods.push(pod.name);
    }
    return [...groups.values()].map((g) => ({ ...g, label: g.pods.length > 3 ? `${g.pods.slice(0, 3).join(", ")} and ${g.pods.length - 3} more` : g.pods.join(", ") }));
  }
  const seen = new Map<string, { namespace: string; label: string; dest: Destination; pods: string[] }>();
  for (const p of input.policies) {
    if (p.ingressType === false) continue;
    const key = `${p.namespace}|${selectorText(p.podSelector)}`;
    if (!seen.has(key)) seen.set(key, { namespace: p.namespace, label: selectorText(p.podSelector), dest: { namespace: p.namespace, pods: { kind: "selector", selector: p.podSelector } }, pods: [] });
  }
  return [...seen.values()];
}

/** Audits the cluster's NetworkPolicies: world exposure per pod (or per selector), unselected and host-network pods, and role flows when asked. */
export function auditKubernetes(input: KubernetesInput, options: { products?: string[]; release?: string; wso2PortOffsets?: number[]; roles?: RoleOptions } = {}): KubernetesReport {
  const index = buildPortIndex(scopeEntries(options.products, options.release), options.wso2PortOffsets);
  const notes: string[] = [];
  const subjects: Subject[] = subjectsOf(input).map((s) => {
    const { permissions, isolated, policies } = subjectPermissions(input, s.dest);
    const findings: KubernetesFinding[] = [];
    const ports = s.dest.containerPorts ?? [];
    if (s.dest.hostNetwork) findings.push({ kind: "host-network", text: `on the node's network (hostNetwork): no NetworkPolicy applies, every port open to whatever reaches the node${ports.length ? `; its ports: ${portsOf(ports).join(", ")}` : ""}` });
    else if (isolated !== true) findings.push({ kind: "unselected", text: `selected by no NetworkPolicy of type Ingress${isolated === "maybe" ? " (as far as the export tells)" : ""}: open to every pod of every namespace and every source the cluster routes, on every port${ports.length ? `; its ports: ${portsOf(ports).join(", ")}` : ""}` });
    // The unselected and host-network findings already say "every port": the world findings are for isolated pods.
    if (isolated === true) findings.push(...worldFindings(index, permissions));
    return { namespace: s.namespace, label: s.label, dest: s.dest, pods: s.pods, policies: policies.map((p) => p.name), services: servicesOf(index, ports), findings };
  });
  if (!input.pods) {
    notes.push("pods not given: a pod no NetworkPolicy selects cannot be judged, and such pods are open to every pod of every namespace and every source by default. Give `kubectl get pods -A -o json` to judge every pod, its named ports and host-network pods.");
    if (input.namespaces) {
      const bare = [...input.namespaces.keys()].filter((ns) => !input.policies.some((p) => p.namespace === ns && p.ingressType !== false));
      if (bare.length) notes.push(`namespaces with no NetworkPolicy of type Ingress: every pod in them is open to every pod of every namespace: ${bare.join(", ")}`);
    }
    notes.push("without pods, a named port may be any port of its protocol, and each selector is judged with every policy whose selector may select the same pods (towards open).");
  }
  if (!input.namespaces && input.policies.some((p) => p.ingress.some((r) => r.peers.some((x) => x.kind === "pods" && x.namespaceSelector)))) {
    notes.push("namespaces not given: a namespaceSelector is read as matching every namespace whose labels the export does not show (only kubernetes.io/metadata.name is known). Give `kubectl get namespaces -o json` to judge it exactly.");
  }
  const roleFindings = options.roles ? auditKubernetesRoles(input, options.roles) : [];
  const findings = subjects.reduce((n, s) => n + s.findings.length, 0) + roleFindings.length;
  return { cloud: "kubernetes", subjects, notes, roleFindings, findings };
}

// ---- roles -------------------------------------------------------------------------------------

export interface RoleOptions {
  product: string;
  release?: string;
  /** Role -> its pods: from the policies' `portcatalog/role` labels, or as the user maps them. */
  roles: Record<string, { namespace: string; selector: Selector }>;
}

/** Roles from the policies' `portcatalog/role` labels: each role's pods are its policy's podSelector. */
export function labelledRoles(input: KubernetesInput): Record<string, { namespace: string; selector: Selector }> {
  const out: Record<string, { namespace: string; selector: Selector }> = {};
  for (const p of input.policies) {
    const role = p.labels[ROLE_LABEL];
    if (!role) continue;
    const prior = out[role];
    if (prior && (prior.namespace !== p.namespace || selectorText(prior.selector) !== selectorText(p.podSelector))) {
      throw new PortcatalogError(`${p.origin}: label ${ROLE_LABEL}=${role} is also on a policy selecting ${prior.namespace}/${selectorText(prior.selector)}: a role is one set of pods; map roles with --role-groups`);
    }
    out[role] = { namespace: p.namespace, selector: p.podSelector };
  }
  return out;
}

/** `--role-groups` for Kubernetes: role -> `"namespace/policy"` (that policy's pods) or `{"namespace": "ns", "matchLabels": {...}}`. */
export function parseRoleMap(input: KubernetesInput, map: Record<string, unknown>): Record<string, { namespace: string; selector: Selector }> {
  const out: Record<string, { namespace: string; selector: Selector }> = {};
  const namespaces = [...new Set(input.policies.map((p) => p.namespace))];
  for (const [role, v] of Object.entries(map)) {
    const where = `--role-groups.${role}`;
    if (typeof v === "string") {
      const p = input.policies.find((x) => `${x.namespace}/${x.name}` === v);
      if (!p) throw new PortcatalogError(`${where}: no NetworkPolicy "${v}" in the input: use ${oneOf(input.policies.map((x) => `${x.namespace}/${x.name}`))}`);
      out[role] = { namespace: p.namespace, selector: p.podSelector };
      continue;
    }
    if (!isRecord(v) || !isRecord(v.matchLabels) || Object.values(v.matchLabels).some((x) => typeof x !== "string") || Object.keys(v).some((k) => k !== "namespace" && k !== "matchLabels")) {
      throw new PortcatalogError(`${where}: expected "namespace/policy-name" or {"namespace": "ns", "matchLabels": {"app": "x"}}, got ${JSON.stringify(v)}`);
    }
    const namespace = typeof v.namespace === "string" && v.namespace ? v.namespace : namespaces.length === 1 ? namespaces[0] : undefined;
    if (!namespace) throw new PortcatalogError(`${where}: give its "namespace": the policies are in ${namespaces.length ? namespaces.join(", ") : "no namespace"}`);
    out[role] = { namespace, selector: { requirements: Object.entries(v.matchLabels as Record<string, string>).map(([key, value]) => ({ key, operator: "In", values: [value] })), unknown: false } };
  }
  return out;
}

type Run = [number, number];

/** The port runs of a rule on a role's pods, per protocol: named ports resolved by the role's pods when given, else any port. */
function rulePortRuns(rule: IngressRule, containerPorts: readonly ContainerPort[] | undefined): Map<string, Run[]> {
  const out = new Map<string, Run[]>();
  const add = (protocol: string, run: Run) => out.set(protocol, [...(out.get(protocol) ?? []), run]);
  const specs: PortSpec[] = rule.ports === "all" ? [{ protocol: "*" }] : rule.ports;
  for (const spec of specs) {
    for (const r of spec.protocol === "*" ? [{ protocol: "*", fromPort: 0, toPort: MAX_PORT }] : portRuns(spec, containerPorts)) {
      for (const protocol of r.protocol === "*" ? ["tcp", "udp"] : [r.protocol.toLowerCase()]) if (protocol === "tcp" || protocol === "udp") add(protocol, [r.fromPort, r.toPort]);
    }
  }
  return out;
}

function unservedRuns(runs: Run[], allowed: Run[]): Run[] {
  let out = runs.map(([f, t]): Run => [Math.max(f, 1), t]).filter(([f, t]) => f <= t);
  for (const [af, at] of allowed) out = out.flatMap(([f, t]): Run[] => (at < f || af > t ? [[f, t]] : [...(f < af ? [[f, af - 1] as Run] : []), ...(t > at ? [[at + 1, t] as Run] : [])]));
  return out.sort((a, b) => a[0] - b[0]);
}

/**
 * Role flows: every rule of a policy that may select a role's pods, with a peer that may admit another
 * role's pods (or its own), on ports no flow from that role needs, is a finding; so is a role whose pods
 * no policy certainly selects (every role reaches every port). ipBlock peers are the world check's.
 */
export function auditKubernetesRoles(input: KubernetesInput, options: RoleOptions): KubernetesReport["roleFindings"] {
  const chosen = selectProduct(builtinCatalog, { product: options.product, ...(options.release !== undefined ? { release: options.release } : {}) });
  const selection: Selection = { name: chosen.name, entries: chosen.entries, ...(chosen.release !== undefined ? { release: chosen.release } : {}) };
  const valid = rolesOf([selection]);
  for (const role of Object.keys(options.roles)) if (!valid.includes(role)) throw new PortcatalogError(`role "${role}" (${ROLE_LABEL} label or --role-groups) is not a role of ${chosen.name}${chosen.release ? `@${chosen.release}` : ""}: use ${oneOf(valid)}`);
  const findings: KubernetesReport["roleFindings"] = [];
  const roles = Object.entries(options.roles);
  for (const [role, to] of roles) {
    // Flows are the catalog's; the profile only shapes rules, and the audit reads their ports.
    const others = Object.fromEntries(roles.filter(([r]) => r !== role).map(([r]) => [r, { securityGroups: [{ name: r, id: `role:${r}` }] }]));
    const plan = planRole([selection], { cloud: auditProfile("openstack"), role, roles: others, allFeatures: true });
    const allowedFrom = (from: string, protocol: string): Run[] => [
      ...plan.rules.filter((r) => r.direction === "ingress" && r.protocol === protocol && (from === role ? r.peer.kind === "self" : r.peer.kind === "security-group" && r.peer.name === from)).map((r): Run => [r.fromPort, r.toPort]),
      ...plan.notNarrowed.filter((n) => n.protocol === protocol).map((n): Run => [n.fromPort, n.toPort]),
    ];
    const rolePods = input.pods?.filter((p) => p.namespace === to.namespace && matches(to.selector, { labels: p.labels, partial: false }) === true);
    const containerPorts = rolePods ? rolePods.flatMap((p) => p.ports) : undefined;
    const dest: Destination = { namespace: to.namespace, pods: { kind: "selector", selector: to.selector } };
    const isolated = or3(...input.policies.map((p) => policySelects(p, dest)));
    for (const [from, src] of roles) {
      const source: Source = { pod: { namespace: src.namespace, pods: { kind: "selector", selector: src.selector } } };
      const say = (policy: string, runs: Map<string, Run[]>) => {
        const ports = [...runs].flatMap(([protocol, rs]) => unservedRuns(rs, allowedFrom(from, protocol)).map(([f, t]) => `${protocol}/${f === t ? f : `${f}-${t}`}`));
        if (!ports.length) return;
        const shown = ports.length > 6 ? `${ports.slice(0, 6).join(", ")} and ${ports.length - 6} more` : ports.join(", ");
        findings.push({ role, from, namespace: to.namespace, policy, ports, message: `${to.namespace}/${role} (${selectorText(to.selector)}): ${policy} lets in ${from} on ${shown}, which no flow from ${from} to ${role} needs` });
      };
      if (isolated !== true) {
        say(`no policy${isolated === "maybe" ? " certainly" : ""} selecting its pods`, new Map([["tcp", [[1, MAX_PORT]]], ["udp", [[1, MAX_PORT]]]]));
        continue;
      }
      for (const p of input.policies) {
        if (policySelects(p, dest) === false) continue;
        const runs = new Map<string, Run[]>();
        p.ingress.forEach((rule) => {
          const admits = or3(...rule.peers.filter((x) => x.kind !== "ipBlock").map((peer) => peerAdmits(input, peer, p.namespace, source)));
          if (admits === false) return;
          for (const [protocol, rs] of rulePortRuns(rule, containerPorts)) runs.set(protocol, [...(runs.get(protocol) ?? []), ...rs]);
        });
        say(`policy ${p.namespace}/${p.name}`, runs);
      }
    }
  }
  return findings;
}

export { EVERYTHING };
