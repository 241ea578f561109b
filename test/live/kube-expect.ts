// What Kubernetes should allow for a deployment, from the catalog alone: each (source, destination role,
// protocol, port) is allowed exactly where an entry of the selected products listens on that role and
// its flows (at the release) say the source connects, or, where the flows do not say, where its
// audiences admit the source. Written from the catalog's model (entries, flows, audiences, offsets),
// not from any plan, so the evaluator's answers on what the API server holds are checked against an
// independent statement of the same rules (the planner's documented ones: planner/roles.ts, peers.ts).
import type { CatalogEntry } from "../../catalog/model.js";
import { applyOffset } from "../../catalog/offset.js";
import { resolveSelections, type ProductSelectionArgs } from "../../components/selection.js";
import type { Selection } from "../../planner/plan.js";
import type { EvalPeer, EvalQuery } from "./kube.js";

/** An IPv4 CIDR as [network, mask] numbers; IPv6 sources are not queried (every source here is IPv4). */
function v4(cidr: string): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)(?:\/(\d+))?$/.exec(cidr);
  if (!m) return undefined;
  const ip = ((+m[1] << 24) | (+m[2] << 16) | (+m[3] << 8) | +m[4]) >>> 0;
  const bits = m[5] === undefined ? 32 : +m[5];
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return [(ip & mask) >>> 0, mask];
}
export function inCidr(ip: string, cidr: string): boolean {
  const a = v4(ip);
  const c = v4(cidr);
  return !!a && !!c && ((a[0] & c[1]) >>> 0) === c[0];
}
/** The n-th address of an IPv4 CIDR (n = 1: its first host). */
export function hostOf(cidr: string, n = 1): string {
  const [net] = v4(cidr) as [number, number];
  const x = (net + n) >>> 0;
  return [x >>> 24, (x >>> 16) & 255, (x >>> 8) & 255, x & 255].join(".");
}

/** Labels that a selector (matchLabels and matchExpressions) selects: a pod of that role, for the evaluator. */
export function podLabelsFor(selector: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] }): Record<string, string> {
  const labels = { ...(selector.matchLabels ?? {}) };
  for (const x of selector.matchExpressions ?? []) {
    if (x.operator === "In") labels[x.key] = (x.values ?? [])[0];
    else if (x.operator === "Exists") labels[x.key] = "yes";
  }
  return labels;
}

/** Who may connect: a role's pods, the ingress controller's pods, or addresses in a CIDR (less its except). */
export type Allowed = { kind: "role"; role: string } | { kind: "ingress-controller" } | { kind: "cidr"; cidr: string; except: string[] };

/** A source the test asks about. */
export interface Source {
  /** `role:gateway`, `ingress-controller`, `admin 10.0.0.1`, `outside 192.0.2.77`. */
  name: string;
  peer: EvalPeer;
  /** The role whose pods (or nodes) it is. */
  role?: string;
  ingressController?: boolean;
}

/** The deployment as the test gave it to the component: enough to say who may connect, from the catalog. */
export interface Deployment {
  products: ProductSelectionArgs[];
  roles: string[];
  features?: string[];
  allFeatures?: boolean;
  /** The CIDR sources by audience (absent: public is anywhere, internal the role itself, admin closed). */
  sources?: { public?: string[]; admin?: string[]; internal?: string[] };
  /** Present when clients come through an ingress controller (then public is it, plus sources.public). */
  ingressController?: boolean;
  hostNetworkRoles?: string[];
  nodeCidrs?: string[];
  ipBlockExcept?: Record<string, string[]>;
  /** Each protected role's pods may open only what their policy's egress allows (K8S-CONTRACT.md): the
   * ports other roles admit from them by their flows, the catalog's egress entries, DNS. */
  restrictEgress?: boolean;
}

const cidrs = (list: string[] | undefined, except: Record<string, string[]> | undefined): Allowed[] => (list ?? []).map((cidr) => ({ kind: "cidr", cidr, except: except?.[cidr] ?? [] }));

/** The peers of an audience for role `role`, as the planner's defaults say (planner/peers.ts effectiveSources). */
function audiencePeers(d: Deployment, audience: string, role: string): Allowed[] {
  if (audience === "public") {
    if (d.ingressController) return [{ kind: "ingress-controller" }, ...cidrs(d.sources?.public, d.ipBlockExcept)];
    return d.sources?.public ? cidrs(d.sources.public, d.ipBlockExcept) : [{ kind: "cidr", cidr: "0.0.0.0/0", except: d.ipBlockExcept?.["0.0.0.0/0"] ?? [] }];
  }
  if (audience === "admin") return cidrs(d.sources?.admin, d.ipBlockExcept);
  return d.sources?.internal ? cidrs(d.sources.internal, d.ipBlockExcept) : rolePeers(d, role);
}

/** A role as a peer: its pods, or its nodes' CIDRs when it runs on the host network. */
function rolePeers(d: Deployment, role: string): Allowed[] {
  if (!d.roles.includes(role)) return [];
  return d.hostNetworkRoles?.includes(role) ? cidrs(d.nodeCidrs, d.ipBlockExcept) : [{ kind: "role", role }];
}

const listensOn = (e: CatalogEntry, role: string) => !e.roles || e.roles.includes(role);
const flowsAt = (e: CatalogEntry, release: string | undefined) => (e.flows ?? []).filter((f) => !f.releases || (release !== undefined && f.releases.includes(release)));

/** Who may reach entry `e` (of selection `s`) on role `role`: its flows where they say, else its audiences. */
export function allowedFor(d: Deployment, s: Selection, e: CatalogEntry, role: string): Allowed[] {
  const reaching = flowsAt(e, s.release).filter((f) => !f.to || f.to.includes(role));
  if (!reaching.length || reaching.some((f) => f.from === "unknown")) return e.audiences.flatMap((a) => audiencePeers(d, a, role));
  const out: Allowed[] = [];
  for (const f of reaching) {
    for (const from of f.from as string[]) {
      if (from === "clients") out.push(...(e.audiences.includes("public") ? audiencePeers(d, "public", role) : []));
      else if (from === "operators") out.push(...(e.audiences.includes("admin") ? audiencePeers(d, "admin", role) : []));
      else out.push(...rolePeers(d, from));
    }
  }
  return out;
}

/** Where an egress entry of a role may go (planner/plan.ts): its destination's CIDRs, else its audiences' peers. */
function egressPeers(d: Deployment, e: CatalogEntry, role: string): Allowed[] {
  if (e.destination) return cidrs(e.destination.cidrIpv4, undefined);
  return e.audiences.flatMap((a) => audiencePeers(d, a, role));
}

/** A connection's destination as a source-like thing, to match egress peers against. */
const asTarget = (role: string | undefined, peer: EvalPeer): Source => ({ name: "", role, peer });

function matches(a: Allowed, s: Source): boolean {
  if (a.kind === "role") return s.role === a.role && "namespace" in s.peer;
  if (a.kind === "ingress-controller") return !!s.ingressController;
  return inCidr(s.peer.ip, a.cidr) && !a.except.some((x) => inCidr(s.peer.ip, x));
}

export interface ExpectedQuery {
  query: EvalQuery;
  expected: boolean;
  /** For a failure message: `role:gateway -> control-plane tcp/9443`. */
  label: string;
}

/** The selected products' entries, as the component resolves them (the catalog's own resolution). */
export function selectionsOf(d: Deployment): Selection[] {
  return resolveSelections(d.products).selections;
}

/**
 * Every (source, destination role, protocol, port) query: ports are every entry's first and last port
 * (offsets applied), over all the products' entries whether selected or not, each as TCP and UDP, and
 * one port no entry names; destinations are the protected roles' pods.
 */
export function expectations(d: Deployment, sources: Source[], destinations: { role: string; peer: EvalPeer }[]): ExpectedQuery[] {
  const selections = selectionsOf(d);
  const selected = (e: CatalogEntry) => e.required || d.allFeatures || (!!e.feature && (d.features ?? []).includes(e.feature));
  const listening = selections.flatMap((s) => s.entries.filter((e) => e.direction === "ingress").map((e) => ({ s, e, ...applyOffset(e, s.offsets) })));
  const ports = new Set<number>();
  for (const l of listening) for (const p of [l.fromPort, l.toPort]) ports.add(p);
  let unused = 1;
  while (listening.some((l) => l.fromPort <= unused && unused <= l.toPort)) unused++;
  ports.add(unused);
  const outgoing = selections.flatMap((s) => s.entries.filter((e) => e.direction === "egress" && selected(e)).map((e) => ({ s, e, ...applyOffset(e, s.offsets) })));
  const restricted = (src: Source) => !!d.restrictEgress && src.role !== undefined && "namespace" in src.peer && !d.hostNetworkRoles?.includes(src.role);
  // The source role's egress: the ports the destination role admits from it by role (not by address), or an egress entry.
  const egressAllows = (src: Source, dst: { role: string; peer: EvalPeer }, protocol: string, port: number, open: typeof listening) =>
    open.some((l) => allowedFor(d, l.s, l.e, dst.role).some((a) => a.kind === "role" && a.role === src.role)) ||
    outgoing.some((l) => listensOn(l.e, src.role as string) && l.e.protocol.toUpperCase() === protocol && l.fromPort <= port && port <= l.toPort && egressPeers(d, l.e, src.role as string).some((a) => matches(a, asTarget(dst.role, dst.peer))));
  const out: ExpectedQuery[] = [];
  for (const dst of destinations) {
    for (const port of [...ports].sort((a, b) => a - b)) {
      for (const protocol of ["TCP", "UDP"] as const) {
        const open = listening.filter((l) => selected(l.e) && listensOn(l.e, dst.role) && l.e.protocol.toUpperCase() === protocol && l.fromPort <= port && port <= l.toPort);
        for (const src of sources) {
          const admitted = open.some((l) => allowedFor(d, l.s, l.e, dst.role).some((a) => matches(a, src)));
          const expected = admitted && (!restricted(src) || egressAllows(src, dst, protocol, port, open));
          out.push({ query: { from: src.peer, to: dst.peer, protocol, port }, expected, label: `${src.name} -> ${dst.role} ${protocol.toLowerCase()}/${port}` });
        }
      }
    }
  }
  return out;
}
