import type { KubernetesReport } from "../components/kubernetes/policy.js";
import { networkPolicyManifest } from "../components/kubernetes/policy.js";
import { fnv1a } from "../planner/lists.js";
import type { RegisteredResource } from "../testing/index.js";
import { formatTable } from "./table.js";

// Kubernetes's part of `portcatalog plan`: a NetworkPolicy holds rules of peers and ports, and selecting a
// role's pods closes what it does not admit, so the plan lists what a rollout closes.

export const NETWORK_POLICY_TYPE = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

interface Selector { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] }
interface Peer { podSelector?: Selector; namespaceSelector?: Selector; ipBlock?: { cidr: string; except?: string[] } }
interface Port { protocol?: string; port?: number | string; endPort?: number }
interface Rule { from?: Peer[]; to?: Peer[]; ports?: Port[] }

const selectorText = (s: Selector | undefined) =>
  [...Object.entries(s?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`), ...(s?.matchExpressions ?? []).map((e) => `${e.key} ${e.operator} (${(e.values ?? []).join(",")})`)].join(",") || "all";

/** A peer in words: `pods{app=gw}`, `ns{…}/pods{…}`, `10.0.0.0/8 except …`. */
export function peerText(p: Peer): string {
  if (p.ipBlock) return `${p.ipBlock.cidr}${p.ipBlock.except?.length ? ` except ${p.ipBlock.except.join(",")}` : ""}`;
  const pods = p.podSelector ? `pods{${selectorText(p.podSelector)}}` : "all pods";
  return p.namespaceSelector ? `ns{${selectorText(p.namespaceSelector)}}/${pods}` : pods;
}

/** What the plan knows of a registered policy's rules: their keys, peers by role and entries, by the rule's registered peers. */
function plannedRules(reports: readonly KubernetesReport[]) {
  const out = new Map<string, { key: string; peers: string; entries: string[] }>();
  for (const rep of reports) {
    for (const p of rep.policies) {
      const m = networkPolicyManifest(p);
      const spec = m.spec as { ingress: Rule[]; egress?: Rule[] };
      p.ingress.forEach((r, i) => out.set(`${p.resourceName}|ingress|${JSON.stringify(spec.ingress[i].from)}`, { key: r.key, peers: r.peerLabels.join(", "), entries: r.entries }));
      (p.egress ?? []).forEach((r, i) => out.set(`${p.resourceName}|egress|${JSON.stringify(spec.egress?.[i].to)}`, { key: r.key, peers: r.peerLabels.join(", "), entries: r.entries }));
    }
  }
  return out;
}

/** A NetworkPolicy resource as plan rows: one per rule and port, under the policy, in the plan's words. */
export function kubernetesPlanRules(r: RegisteredResource, reports: readonly KubernetesReport[]) {
  const known = plannedRules(reports);
  const spec = (r.inputs.spec ?? {}) as { ingress?: Rule[]; egress?: Rule[]; policyTypes?: string[] };
  const rows = [];
  for (const direction of ["ingress", "egress"] as const) {
    for (const rule of (direction === "ingress" ? spec.ingress : spec.egress) ?? []) {
      const peers = (direction === "ingress" ? rule.from : rule.to) ?? [];
      const planned = known.get(`${r.name}|${direction}|${JSON.stringify(peers)}`);
      const key = planned?.key ?? `${direction === "ingress" ? "in" : "out"}-${fnv1a(JSON.stringify(peers)).toString(16).padStart(8, "0")}`;
      // No `from`/`to`: every source (or destination) the cluster routes.
      const peer = planned?.peers ?? (peers.length ? peers.map(peerText).join(", ") : "anywhere");
      const target = peers.length ? peers.map(peerText).join(", ") : "anywhere";
      for (const port of rule.ports?.length ? rule.ports : [{}]) {
        const protocol = port.port === undefined ? "all" : (port.protocol ?? "TCP").toLowerCase();
        const ports = port.port === undefined ? "all" : port.endPort !== undefined ? `${port.port}-${port.endPort}` : String(port.port);
        rows.push({
          group: r.name,
          name: `${r.name}-${key}-${protocol}-${ports}`,
          direction,
          protocol,
          ports,
          peer,
          target,
          ethertype: "",
          description: `NetworkPolicy rule ${key}`,
          // Every registered value of the rule is in a column (selectors and excepts in `target`), so no `inputs`.
          ...(planned?.entries.length ? { entries: planned.entries } : {}),
        });
      }
    }
  }
  return rows;
}

/** A Kubernetes component's plan: each role's policy, the roles it cannot protect, and what the rollout closes. */
export function renderKubernetesReport(report: KubernetesReport): string[] {
  const used = report.products.map((p) => (p.release === undefined ? p.product : `${p.product}@${p.release}`)).join(", ");
  const out = [`== ${report.component} "${report.name}" (kubernetes, namespace ${report.namespace}): ${used}`];
  for (const p of report.policies) {
    const rows = [...p.ingress, ...(p.egress ?? [])].map((r) => [r.direction, r.ports.map((x) => `${x.protocol.toLowerCase()}/${x.endPort ? `${x.port}-${x.endPort}` : x.port}`).join(","), r.peerLabels.join(", "), r.services.join(", ").slice(0, 60), r.key]);
    out.push("", `NetworkPolicy ${p.name} (role ${p.role}, pods ${selectorText(p.podSelector)}; ${p.egress ? "Ingress and Egress" : "Ingress only"}): ${rows.length} rules`);
    out.push(rows.length ? formatTable(["DIR", "PORTS", "PEERS", "SERVICES", "KEY"], rows) : "  (none: the role's pods admit nothing)");
  }
  if (report.unprotected.length) out.push("", "Not protected (no NetworkPolicy):", ...report.unprotected.map((u) => `  - ${u.role}: ${u.reason}`));
  out.push("", ...rolloutText(report));
  return out;
}

/** The rollout list: per role, every port the policy closes and to whom. */
export function rolloutText(report: KubernetesReport): string[] {
  if (!report.rollout.length) return [];
  return [
    `Rollout: what selecting each role's pods closes (before, a pod no policy selects admits every pod and address); deploy to a canary namespace first:`,
    formatTable(["ROLE", "PORTS", "CLOSED TO", "WHY"], report.rollout.map((i) => [i.role, i.ports, i.closedTo, i.reason])),
  ];
}

/** Each role's plan of a Kubernetes component, as the roles view reads reports. */
export const kubernetesRoleReports = (reports: readonly KubernetesReport[]) => reports.flatMap((rep) => rep.plans.map((p) => ({ name: `${rep.name}-${p.role}`, plan: p.plan })));
