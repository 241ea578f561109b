// Kubernetes NetworkPolicy semantics, the one reading the policy pack and `portcatalog audit` share.
// Pure TypeScript (no Pulumi import). Facts from the API reference (networking.k8s.io/v1
// NetworkPolicySpec, NetworkPolicyIngressRule, NetworkPolicyPeer, NetworkPolicyPort, IPBlock) and
// the concept page "Network Policies" (kubernetes.io/docs/concepts/services-networking/network-policies):
// - a pod is isolated for ingress when some policy of its namespace with policy type Ingress selects it;
//   an isolated pod takes what the union of those policies' ingress rules allows, an unselected pod
//   takes everything;
// - `policyTypes` unset: Ingress always, Egress only when `egress` is given;
// - a rule with no `from` (or an empty one) admits every source; no `ports` (or empty) every port;
// - a peer is `ipBlock` alone, or `namespaceSelector` and/or `podSelector` (both in one peer: AND);
//   a podSelector alone is the policy's own namespace; a namespaceSelector `{}` every namespace;
// - a port's protocol defaults to TCP; no `port` is every port of the protocol; `endPort` makes a range;
//   a named port is resolved against the destination pod's container ports (name and protocol).
// Values the engine does not know yet (a preview) read as "maybe": never as a closed verdict.
import ipaddr from "ipaddr.js";
import { cidrInterval, type Family, FAMILY_LAST, MAX_PORT, type Permission, type ProtocolClass, type Span, spanCidrs } from "./judge.js";
import { UNKNOWN } from "./unknown.js";

export const NETWORK_POLICY_TYPE = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

/** Three-valued truth: a preview, or an audit without the namespaces' labels, may not know. */
export type Tri = true | false | "maybe";
export const and3 = (...xs: Tri[]): Tri => (xs.includes(false) ? false : xs.includes("maybe") ? "maybe" : true);
export const or3 = (...xs: Tri[]): Tri => (xs.includes(true) ? true : xs.includes("maybe") ? "maybe" : false);

export type Operator = "In" | "NotIn" | "Exists" | "DoesNotExist";
export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}
/** A label selector as requirements (matchLabels are `In` one value); `unknown` when part of it is not known. */
export interface Selector {
  requirements: Requirement[];
  /** Some requirement was not known (preview): the selector may match less than `requirements` say. */
  unknown: boolean;
}
export const EVERYTHING: Selector = { requirements: [], unknown: false };

/** Labels of a pod or namespace; `partial` when labels beyond these may exist (a namespace the audit has no JSON for). */
export interface Labels {
  labels: Record<string, string>;
  partial: boolean;
}

export type Peer =
  /** No `from`: every source the cluster routes. */
  | { kind: "all" }
  | { kind: "ipBlock"; cidr: string; except: string[] }
  /** Pods: `namespaceSelector` unset is the policy's own namespace. */
  | { kind: "pods"; namespaceSelector?: Selector; podSelector: Selector }
  /** A peer the preview does not know yet: read as every source. */
  | { kind: "unknown" };

export interface PortSpec {
  /** `TCP`, `UDP`, `SCTP` as given (default TCP). */
  protocol: string;
  /** Unset: every port of the protocol. A string is a named port. */
  port?: number | string;
  endPort?: number;
  /** Not known during preview: read as every port of every protocol. */
  unknown?: true;
}

export interface IngressRule {
  peers: Peer[];
  /** `all`: no ports given, every port of every protocol. */
  ports: PortSpec[] | "all";
}

export interface NetworkPolicy {
  name: string;
  /** Unset: the namespace the provider or kubeconfig defaults to. */
  namespace?: string | typeof UNKNOWN;
  labels: Record<string, string>;
  podSelector: Selector;
  /** Whether the policy governs ingress (policyTypes). */
  ingressType: Tri;
  ingress: IngressRule[];
  /** Where the reading came from: `rules`/`spec.ingress[0]`, for messages. */
  origin: string;
}

export interface ReadNetworkPolicy {
  policy: NetworkPolicy;
  problems: string[];
  unknowns: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const kind = (v: unknown) => (v === null ? "null" : v === UNKNOWN ? "unknown" : Array.isArray(v) ? "a list" : typeof v === "object" ? "an object" : typeof v === "string" ? `string ${JSON.stringify(v)}` : `${typeof v} ${String(v)}`);
const unset = (v: unknown) => v === undefined || v === null;

class Reader {
  readonly problems: string[] = [];
  readonly unknowns: string[] = [];
  problem(where: string, v: unknown, what: string): void {
    this.problems.push(`${where} is ${kind(v)}, not ${what}`);
  }
  /** A label map (matchLabels, metadata.labels); undefined when not known. */
  labels(where: string, v: unknown): Record<string, string> | undefined {
    if (unset(v)) return {};
    if (v === UNKNOWN) {
      this.unknowns.push(where);
      return undefined;
    }
    if (!isRecord(v)) {
      this.problem(where, v, "a map of labels");
      return undefined;
    }
    const out: Record<string, string> = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === UNKNOWN) {
        this.unknowns.push(`${where}.${k}`);
        return undefined;
      }
      if (typeof x !== "string") {
        this.problem(`${where}.${k}`, x, "a label value string");
        return undefined;
      }
      out[k] = x;
    }
    return out;
  }
  /** A LabelSelector; unreadable parts make it `unknown` (it may then match anything its readable parts allow). */
  selector(where: string, v: unknown): Selector {
    if (unset(v)) return EVERYTHING;
    if (v === UNKNOWN) {
      this.unknowns.push(where);
      return { requirements: [], unknown: true };
    }
    if (!isRecord(v)) {
      this.problem(where, v, "a label selector");
      return { requirements: [], unknown: true };
    }
    let unknown = false;
    const requirements: Requirement[] = [];
    const ml = this.labels(`${where}.matchLabels`, v.matchLabels);
    if (ml === undefined) unknown = true;
    else for (const [key, value] of Object.entries(ml)) requirements.push({ key, operator: "In", values: [value] });
    const exprs = v.matchExpressions;
    if (exprs === UNKNOWN) {
      this.unknowns.push(`${where}.matchExpressions`);
      unknown = true;
    } else if (!unset(exprs)) {
      if (!Array.isArray(exprs)) {
        this.problem(`${where}.matchExpressions`, exprs, "a list");
        unknown = true;
      } else {
        exprs.forEach((e, i) => {
          const at = `${where}.matchExpressions[${i}]`;
          if (e === UNKNOWN || (isRecord(e) && [e.key, e.operator, e.values].includes(UNKNOWN)) || (isRecord(e) && Array.isArray(e.values) && e.values.includes(UNKNOWN))) {
            this.unknowns.push(at);
            unknown = true;
            return;
          }
          if (!isRecord(e) || typeof e.key !== "string" || !["In", "NotIn", "Exists", "DoesNotExist"].includes(e.operator as string)) {
            this.problem(at, e, "a requirement { key, operator: In|NotIn|Exists|DoesNotExist, values }");
            unknown = true;
            return;
          }
          const values = unset(e.values) ? [] : e.values;
          if (!Array.isArray(values) || values.some((x) => typeof x !== "string")) {
            this.problem(`${at}.values`, e.values, "a list of strings");
            unknown = true;
            return;
          }
          requirements.push({ key: e.key, operator: e.operator as Operator, values: values as string[] });
        });
      }
    }
    return { requirements, unknown };
  }
  list(where: string, v: unknown): unknown[] | undefined {
    if (unset(v)) return [];
    if (v === UNKNOWN) {
      this.unknowns.push(where);
      return undefined;
    }
    if (!Array.isArray(v)) {
      this.problem(where, v, "a list");
      return undefined;
    }
    return v;
  }
  peer(where: string, v: unknown): Peer {
    if (v === UNKNOWN) {
      this.unknowns.push(where);
      return { kind: "unknown" };
    }
    if (!isRecord(v)) {
      this.problem(where, v, "a peer { ipBlock } or { namespaceSelector, podSelector }");
      return { kind: "unknown" };
    }
    if (!unset(v.ipBlock)) {
      const b = v.ipBlock;
      if (b === UNKNOWN || (isRecord(b) && (b.cidr === UNKNOWN || b.except === UNKNOWN || (Array.isArray(b.except) && b.except.includes(UNKNOWN))))) {
        this.unknowns.push(`${where}.ipBlock`);
        return { kind: "unknown" };
      }
      if (!isRecord(b) || typeof b.cidr !== "string" || !ipaddr.isValidCIDR(b.cidr)) {
        this.problem(`${where}.ipBlock.cidr`, isRecord(b) ? b.cidr : b, "a CIDR");
        return { kind: "unknown" };
      }
      const except = unset(b.except) ? [] : b.except;
      if (!Array.isArray(except) || except.some((c) => typeof c !== "string" || !ipaddr.isValidCIDR(c))) {
        // An except we cannot read takes nothing away: the block is read whole (towards open).
        this.problem(`${where}.ipBlock.except`, b.except, "a list of CIDRs");
        return { kind: "ipBlock", cidr: b.cidr, except: [] };
      }
      return { kind: "ipBlock", cidr: b.cidr, except: except as string[] };
    }
    const podSelector = this.selector(`${where}.podSelector`, v.podSelector);
    if (unset(v.namespaceSelector)) return { kind: "pods", podSelector };
    return { kind: "pods", namespaceSelector: this.selector(`${where}.namespaceSelector`, v.namespaceSelector), podSelector };
  }
  port(where: string, v: unknown): PortSpec {
    if (v === UNKNOWN || (isRecord(v) && [v.protocol, v.port, v.endPort].includes(UNKNOWN))) {
      this.unknowns.push(where);
      return { protocol: "TCP", unknown: true };
    }
    if (!isRecord(v)) {
      this.problem(where, v, "a port { protocol, port, endPort }");
      return { protocol: "TCP", unknown: true };
    }
    const protocol = unset(v.protocol) ? "TCP" : v.protocol;
    // The API server takes these three (NetworkPolicyPort.protocol); anything else it refuses.
    if (typeof protocol !== "string" || !["TCP", "UDP", "SCTP"].includes(protocol)) {
      this.problem(`${where}.protocol`, protocol, "TCP, UDP or SCTP");
      return { protocol: "TCP", unknown: true };
    }
    const out: PortSpec = { protocol };
    const isPort = (n: unknown): n is number => typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= MAX_PORT;
    if (!unset(v.port)) {
      // The SDK takes an IntOrString; a string of digits is a number to the API server.
      if (isPort(v.port)) out.port = v.port;
      else if (typeof v.port === "string" && /^\d+$/.test(v.port) && isPort(Number(v.port))) out.port = Number(v.port);
      // A named port is an IANA_SVC_NAME: 1-15 of a-z, 0-9 and single inner dashes, at least one letter.
      else if (typeof v.port === "string" && /^[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/.test(v.port) && /[a-z]/.test(v.port) && !v.port.includes("--")) out.port = v.port;
      else {
        this.problem(`${where}.port`, v.port, "a port number or a named port");
        return { protocol, unknown: true };
      }
    }
    if (!unset(v.endPort)) {
      // endPort only with a numeric port, not below it (the API server's validation).
      if (isPort(v.endPort) && typeof out.port === "number" && v.endPort >= out.port) out.endPort = v.endPort;
      else {
        this.problem(`${where}.endPort`, v.endPort, typeof out.port === "number" ? `a port number from ${out.port} to 65535` : "valid without a numeric port (endPort needs one)");
        return { protocol, unknown: true };
      }
    }
    return out;
  }
}

/**
 * Reads a NetworkPolicy as the policy SDK hands its inputs (`metadata`, `spec`) or as `kubectl get -o json`
 * prints it. What cannot be read is a problem; what is not known yet an unknown; both read towards open.
 */
export function readNetworkPolicy(value: unknown, origin = ""): ReadNetworkPolicy {
  const r = new Reader();
  const o = isRecord(value) ? value : {};
  if (!isRecord(value)) r.problem("the policy", value, "an object");
  const meta = isRecord(o.metadata) ? o.metadata : {};
  if (!unset(o.metadata) && !isRecord(o.metadata) && o.metadata !== UNKNOWN) r.problem("metadata", o.metadata, "an object");
  const name = typeof meta.name === "string" ? meta.name : "";
  const namespace = meta.namespace === UNKNOWN ? UNKNOWN : typeof meta.namespace === "string" && meta.namespace ? meta.namespace : undefined;
  if (meta.namespace === UNKNOWN) r.unknowns.push("metadata.namespace");
  const labels = r.labels("metadata.labels", meta.labels) ?? {};
  const spec = isRecord(o.spec) ? o.spec : {};
  if (o.spec === UNKNOWN) r.unknowns.push("spec");
  else if (!unset(o.spec) && !isRecord(o.spec)) r.problem("spec", o.spec, "an object");
  const known = o.spec !== UNKNOWN;
  const podSelector = known ? r.selector("spec.podSelector", spec.podSelector) : { requirements: [], unknown: true };
  let ingressType: Tri = known ? true : "maybe";
  const types = spec.policyTypes;
  if (types === UNKNOWN || (Array.isArray(types) && types.includes(UNKNOWN))) {
    r.unknowns.push("spec.policyTypes");
    ingressType = "maybe";
  } else if (!unset(types)) {
    if (!Array.isArray(types)) {
      r.problem("spec.policyTypes", types, "a list of Ingress and Egress");
      ingressType = "maybe";
    } else ingressType = types.includes("Ingress");
  }
  const ingress: IngressRule[] = [];
  const rules = known ? r.list("spec.ingress", spec.ingress) : undefined;
  // Rules not known yet (a preview) may admit anything: read as one rule from everyone on every port.
  if (rules === undefined) ingress.push({ peers: [{ kind: "unknown" }], ports: "all" });
  for (const [i, rule] of (rules ?? []).entries()) {
    const at = `spec.ingress[${i}]`;
    if (rule === UNKNOWN) r.unknowns.push(at);
    if (!isRecord(rule)) {
      if (rule !== UNKNOWN && !unset(rule)) r.problem(at, rule, "an ingress rule");
      ingress.push({ peers: [{ kind: unset(rule) ? "all" : "unknown" }], ports: "all" });
      continue;
    }
    const from = r.list(`${at}.from`, rule.from);
    const peers: Peer[] = from === undefined ? [{ kind: "unknown" }] : from.length ? from.map((p, j) => r.peer(`${at}.from[${j}]`, p)) : [{ kind: "all" }];
    const ports = r.list(`${at}.ports`, rule.ports);
    ingress.push({ peers, ports: ports === undefined ? [{ protocol: "TCP", unknown: true }] : ports.length ? ports.map((p, j) => r.port(`${at}.ports[${j}]`, p)) : "all" });
  }
  return { policy: { name, namespace, labels, podSelector, ingressType, ingress, origin }, problems: r.problems, unknowns: r.unknowns };
}

/** Whether a selector matches labels; a partial label set or an unknown selector may only say "maybe". */
export function matches(sel: Selector, target: Labels): Tri {
  const each = sel.requirements.map((q): Tri => {
    const has = Object.hasOwn(target.labels, q.key);
    const value = target.labels[q.key];
    switch (q.operator) {
      case "In":
        return has ? q.values.includes(value) : target.partial ? "maybe" : false;
      case "NotIn":
        return has ? !q.values.includes(value) : target.partial ? "maybe" : true;
      case "Exists":
        return has ? true : target.partial ? "maybe" : false;
      case "DoesNotExist":
        return has ? false : target.partial ? "maybe" : true;
    }
    return "maybe";
  });
  const r = and3(...each);
  return r === true && sel.unknown ? "maybe" : r;
}

/**
 * Whether some label set can satisfy both selectors: false only when they certainly cannot (a key
 * required with values the other refuses). Sound, not complete: "maybe" where in doubt.
 */
export function compatible(a: Selector, b: Selector): Tri {
  const all = [...a.requirements, ...b.requirements];
  for (const key of new Set(all.map((q) => q.key))) {
    const qs = all.filter((q) => q.key === key);
    const mustExist = qs.some((q) => q.operator === "In" || q.operator === "Exists");
    if (mustExist && qs.some((q) => q.operator === "DoesNotExist")) return false;
    let allowed: Set<string> | undefined;
    for (const q of qs.filter((x) => x.operator === "In")) allowed = new Set([...(allowed ?? q.values)].filter((v) => q.values.includes(v)));
    for (const q of qs.filter((x) => x.operator === "NotIn")) if (allowed) for (const v of q.values) allowed.delete(v);
    if (allowed && allowed.size === 0) return false;
  }
  return "maybe";
}

/** Whether every label set `a` matches is matched by `b` too (a sufficient test: each of b's requirements is one of a's, or follows from one). */
export function implies(a: Selector, b: Selector): boolean {
  if (b.unknown) return false;
  return b.requirements.every((q) =>
    a.requirements.some((p) => {
      if (p.key !== q.key) return false;
      if (q.operator === "Exists") return p.operator === "In" || p.operator === "Exists";
      if (q.operator === "In") return p.operator === "In" && p.values.every((v) => q.values.includes(v));
      if (q.operator === "NotIn") return (p.operator === "In" && p.values.every((v) => !q.values.includes(v))) || p.operator === "DoesNotExist" || (p.operator === "NotIn" && q.values.every((v) => p.values.includes(v)));
      return p.operator === "DoesNotExist";
    }),
  );
}

/** `app=web,tier in (a,b)`: a selector as kubectl writes one; `{}` (every pod) as `(all pods)`. */
export function selectorText(sel: Selector): string {
  const parts = sel.requirements.map((q) =>
    q.operator === "In" && q.values.length === 1 ? `${q.key}=${q.values[0]}` : q.operator === "Exists" ? q.key : q.operator === "DoesNotExist" ? `!${q.key}` : `${q.key} ${q.operator.toLowerCase()} (${q.values.join(",")})`,
  );
  return `${parts.join(",") || "(all pods)"}${sel.unknown ? " (not known yet)" : ""}`;
}

// ---- ports --------------------------------------------------------------------------------------

/** The judge's protocol class of a NetworkPolicy protocol: SCTP (and anything else) never carries a catalog port. */
export function netpolProtocol(p: string): ProtocolClass {
  const l = p.toLowerCase();
  return l === "tcp" ? "tcp" : l === "udp" ? "udp" : "other";
}

/** A container port of a pod, for named ports: name, number, protocol. */
export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol: string;
}

/**
 * A rule port as port ranges on a destination. A named port resolves against the pod's container
 * ports when they are known (Kubernetes resolves it per pod: a pod without the name takes nothing on
 * it); when they are not (the pack, the audit without pods) it may be any port: every port of its
 * protocol, towards open.
 */
export function portRuns(spec: PortSpec, containerPorts?: readonly ContainerPort[]): { protocol: string; fromPort: number; toPort: number }[] {
  if (spec.unknown) return [{ protocol: "*", fromPort: 0, toPort: MAX_PORT }];
  const protocol = spec.protocol.toUpperCase();
  if (spec.port === undefined) return [{ protocol, fromPort: 0, toPort: MAX_PORT }];
  if (typeof spec.port === "string") {
    if (!containerPorts) return [{ protocol, fromPort: 0, toPort: MAX_PORT }];
    const name = spec.port;
    return containerPorts.filter((c) => c.name === name && c.protocol.toUpperCase() === protocol).map((c) => ({ protocol, fromPort: c.containerPort, toPort: c.containerPort }));
  }
  const to = spec.endPort !== undefined && spec.endPort >= spec.port ? spec.endPort : spec.port;
  return [{ protocol, fromPort: spec.port, toPort: to }];
}

// ---- addresses ----------------------------------------------------------------------------------


/** An ipBlock's addresses as CIDRs: its `cidr` less its `except`s, exactly. */
export function ipBlockCidrs(cidr: string, except: readonly string[]): string[] {
  const whole = cidrInterval(cidr);
  if (!whole) return [];
  let spans: Span[] = [whole];
  for (const e of except) {
    const d = cidrInterval(e);
    if (!d) continue;
    spans = spans.flatMap((s): Span[] => {
      if (s.family !== d.family || d.last < s.first || d.first > s.last) return [s];
      return [...(s.first < d.first ? [{ ...s, last: d.first - 1n }] : []), ...(s.last > d.last ? [{ ...s, first: d.last + 1n }] : [])];
    });
  }
  return spans.flatMap(spanCidrs);
}

/** Whether an address is in an ipBlock (in its cidr, in none of its excepts). */
export function inIpBlock(ip: string, cidr: string, except: readonly string[]): boolean {
  if (!ipaddr.isValid(ip)) return false;
  const host = `${ip}/${ipaddr.parse(ip).kind() === "ipv4" ? 32 : 128}`;
  const within = (c: string) => {
    const o = cidrInterval(c);
    const i = cidrInterval(host);
    return !!o && !!i && o.family === i.family && o.first <= i.first && o.last >= i.last;
  };
  return within(cidr) && !except.some(within);
}

const WORLD = ["0.0.0.0/0", "::/0"];

/** The addresses a peer admits as CIDRs, for the exposure judgement: every source is both families' every address; pods are none. */
export function peerCidrs(p: Peer): string[] {
  if (p.kind === "all" || p.kind === "unknown") return WORLD;
  if (p.kind === "ipBlock") return ipBlockCidrs(p.cidr, p.except);
  return [];
}

/**
 * A policy's ingress as the judge's permissions (policy/judge.ts): one per rule port and peer. A rule
 * with no ports is every protocol and port; a port without a number, and a named one the container
 * ports do not resolve, every port of its protocol.
 */
export function netpolPermissions(policy: NetworkPolicy, containerPorts?: readonly ContainerPort[]): Permission[] {
  const out: Permission[] = [];
  for (const rule of policy.ingress) {
    const cidrs = [...new Set(rule.peers.flatMap(peerCidrs))];
    if (!cidrs.length) continue;
    if (rule.ports === "all") {
      out.push({ protocol: "all", fromPort: 0, toPort: MAX_PORT, cidrs });
      continue;
    }
    for (const spec of rule.ports) {
      for (const run of portRuns(spec, containerPorts)) out.push({ protocol: run.protocol === "*" ? "all" : netpolProtocol(run.protocol), fromPort: run.fromPort, toPort: run.toPort, cidrs });
    }
  }
  return out;
}

export { FAMILY_LAST };
