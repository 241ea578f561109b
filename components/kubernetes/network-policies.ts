import * as pulumi from "@pulumi/pulumi";
import { PortcatalogError } from "../../catalog/errors.js";
import { oneOf } from "../../catalog/errors.js";
import { cidrRange, type Peer, peerKey, peerLabel } from "../../planner/peers.js";
import type { RolePlan } from "../../planner/roles.js";
import { showValue } from "../../planner/validate.js";
import { checkArgs } from "../args.js";
import type { ComponentClass } from "../base.js";
import { deploymentRoles, placeholder } from "../deployment.js";
import { beforeRegistering, planComponent, type ProductSelectionArgs, type RuleSelectionArgs, type PeerSetArgs } from "../selection.js";
import { kubernetes } from "../providers.js";
import { OPENSTACK_HELM_CONTROLLER, OPENSTACK_HELM_HOST_NETWORK_ROLES, OPENSTACK_HELM_ROLES, WSO2_HELM_CHARTS, wso2Selector } from "./charts.js";
import { checkExcept, checkLabels, checkNamespace, labelValueOf, objectNameOf } from "./names.js";
import { cidrsOverlap, type ExtraAtom, type KubernetesPolicyPlan, type KubernetesReport, type LabelSelector, networkPolicyManifest, type PeerMeaning, type RolloutItem, shapeRules, type UnprotectedRole } from "./policy.js";
import { DEPLOYMENT_LABEL, KUBERNETES_PROFILE, MANAGED_BY, NAMESPACE_NAME_LABEL, ROLE_LABEL } from "./profile.js";
import { recordKubernetesReports } from "./report.js";

type Id = pulumi.Input<string>;

/** Pods of another namespace, by its name and their labels (an ingress controller, the cluster's DNS). */
export interface KubernetesPodsArgs {
  /** The namespace the pods run in (matched by its `kubernetes.io/metadata.name` label). */
  namespace: string;
  /** The pods' labels, as `matchLabels`. */
  podLabels: { [key: string]: string };
}

/** Arguments every Kubernetes NetworkPolicy component takes. */
export interface KubernetesNetworkPolicyOptionsArgs extends RuleSelectionArgs {
  /** The namespace the roles' pods run in, and the policies go in (a DNS-1123 label). */
  namespace: string;
  /**
   * Your labels for every policy; portcatalog's own (`app.kubernetes.io/managed-by`, `portcatalog/role`,
   * `portcatalog/deployment`) cannot be overwritten.
   */
  labels?: { [key: string]: string };
  /**
   * Restrict egress too (policy types Ingress and Egress): each role's pods may then open only the catalog's
   * egress entries, DNS to the cluster's resolver and the connections the roles' flows say they open. Default
   * false: Ingress only, so no pod loses egress it had.
   */
  restrictEgress?: boolean;
  /** The cluster's DNS pods, which every role may reach on 53 when egress is restricted. Default `kube-system`, `k8s-app: kube-dns`. */
  clusterDns?: KubernetesPodsArgs;
  /**
   * The ingress controller's pods: clients (the public audience) reach the roles through it, so its pods are
   * admitted where clients are. Without `sources.public`, the ingress controller is the only public source;
   * with it, both are.
   */
  ingressController?: KubernetesPodsArgs;
  /**
   * Roles whose pods run in another namespace, by role: they are peers there (namespace and pod selector),
   * and get no policy here (protect them with a component in their namespace).
   */
  roleNamespaces?: { [role: string]: string };
  /**
   * Roles whose pods run with `hostNetwork: true`: NetworkPolicy does not apply to host-network pods, so they get
   * no policy (the plan lists them as not protected), and their connections come from their nodes' addresses.
   */
  hostNetworkRoles?: string[];
  /** The nodes' CIDRs: a host-network role's connections to other roles are admitted from these. Required when a host-network role connects to a protected one. */
  nodeCidrs?: string[];
  /** CIDRs to leave out of a source's ipBlock, by the source's CIDR (e.g. `{ "0.0.0.0/0": ["169.254.169.254/32"] }`); each a strict subset of it. */
  ipBlockExcept?: { [cidr: string]: string[] };
}

/** What every Kubernetes deployment component takes: the options, the products and roles, and the roles' pods. */
export interface KubernetesDeploymentArgs extends KubernetesNetworkPolicyOptionsArgs {
  roles?: string[];
  podSelectors?: { [role: string]: { [key: string]: string } };
  helmReleases?: { [role: string]: string };
}

const INGRESS_CONTROLLER = "portcatalog-k8s-ingress-controller";
const DEFAULT_DNS: KubernetesPodsArgs = { namespace: "kube-system", podLabels: { "k8s-app": "kube-dns" } };

/** A checked plan of every role's policy, ready to register. */
export interface KubernetesDeploymentPlan {
  report: KubernetesReport;
}

const namespaceSelector = (ns: string): LabelSelector => ({ matchLabels: { [NAMESPACE_NAME_LABEL]: ns } });
const showSelector = (s: LabelSelector) => [...Object.entries(s.matchLabels).map(([k, v]) => `${k}=${v}`), ...(s.matchExpressions ?? []).map((e) => `${e.key} ${e.operator} (${(e.values ?? []).join(",")})`)].join(",");

/** The chart defaults by component: roles, selectors and host-network roles. */
function chartDefaults(type: ComponentClass, args: KubernetesDeploymentArgs): { roles?: string[]; selectors: Record<string, LabelSelector>; hostNetwork: string[] } {
  if (type === "Wso2NetworkPolicies") {
    const releases = args.helmReleases ?? {};
    for (const role of Object.keys(releases)) if (!WSO2_HELM_CHARTS[role]) throw new PortcatalogError(`args.helmReleases.${role}: "${role}" has no wso2/helm-apim chart: use ${oneOf(Object.keys(WSO2_HELM_CHARTS))}`);
    return { roles: Object.keys(WSO2_HELM_CHARTS), selectors: Object.fromEntries(Object.keys(WSO2_HELM_CHARTS).map((r) => [r, wso2Selector(r, releases[r]) as LabelSelector])), hostNetwork: [] };
  }
  if (args.helmReleases !== undefined) throw new PortcatalogError("args.helmReleases: only Wso2NetworkPolicies reads Helm release names");
  if (type === "OpenStackHelmNetworkPolicies") return { roles: OPENSTACK_HELM_ROLES, selectors: { controller: OPENSTACK_HELM_CONTROLLER }, hostNetwork: OPENSTACK_HELM_HOST_NETWORK_ROLES };
  return { selectors: {}, hostNetwork: [] };
}

/** Refuses peers Kubernetes has no such thing for. */
function checkKubernetesPeers(where: string, set: PeerSetArgs | undefined): void {
  if (!set) return;
  if (set.securityGroups?.length) throw new PortcatalogError(`${where}.securityGroups: Kubernetes has no security groups; name CIDRs, or pods with ingressController or the roles' podSelectors`);
  if (set.prefixLists?.length) throw new PortcatalogError(`${where}.prefixLists: Kubernetes has no prefix lists; use cidrIpv4 or cidrIpv6`);
}

/**
 * Checks the arguments and plans one NetworkPolicy per role before the component registers: each role's pods
 * (its selector) admit, per port, the pods of the roles whose flows connect to it, the public and admin sources
 * as ipBlocks (or the ingress controller's pods), and nothing else.
 */
export function planKubernetesDeployment<A extends KubernetesDeploymentArgs>(type: ComponentClass, name: string, rawArgs: A, productsOf: (args: A) => ProductSelectionArgs[]): KubernetesDeploymentPlan {
  const args = checkArgs(type, name, rawArgs) as A;
  const setup = beforeRegistering(type, name, () => {
    const namespace = checkNamespace("args.namespace", args.namespace);
    const defaults = chartDefaults(type, args);
    const roles = args.roles ?? defaults.roles;
    if (roles === undefined) throw new PortcatalogError(`args.roles: name the deployment's roles, each gets its own policy (e.g. ${oneOf(Object.keys(defaults.selectors).length ? Object.keys(defaults.selectors) : ["control-plane", "gateway"])})`);
    // Labels: the user's, checked as the API server does, never overwriting the library's.
    const userLabels = args.labels ?? {};
    checkLabels("args.labels", userLabels);
    for (const key of [MANAGED_BY.key, ROLE_LABEL, DEPLOYMENT_LABEL]) {
      if (Object.hasOwn(userLabels, key)) throw new PortcatalogError(`args.labels[${JSON.stringify(key)}]: portcatalog writes this label on every policy it creates (${MANAGED_BY.key}, ${ROLE_LABEL}, ${DEPLOYMENT_LABEL}); use another key`);
    }
    for (const [i, r] of (args.hostNetworkRoles ?? []).entries()) if (!roles.includes(r)) throw new PortcatalogError(`args.hostNetworkRoles[${i}]: "${r}" is not one of the roles: use ${oneOf(roles)}`);
    for (const [r, ns] of Object.entries(args.roleNamespaces ?? {})) {
      if (!roles.includes(r)) throw new PortcatalogError(`args.roleNamespaces.${r}: "${r}" is not one of the roles: use ${oneOf(roles)}`);
      checkNamespace(`args.roleNamespaces.${r}`, ns);
    }
    const hostNetwork = new Set(args.hostNetworkRoles ?? defaults.hostNetwork.filter((r) => roles.includes(r)));
    const elsewhere = new Map(Object.entries(args.roleNamespaces ?? {}).filter(([, ns]) => ns !== namespace));
    for (const r of hostNetwork) if (elsewhere.has(r)) throw new PortcatalogError(`args.roleNamespaces.${r}: "${r}" is a host-network role: its pods are its nodes' addresses, in no namespace's selector`);
    // Selectors: the user's matchLabels, else the chart's; every role that gets or is a pod peer needs one.
    const selectors = new Map<string, LabelSelector>();
    for (const [r, labels] of Object.entries(args.podSelectors ?? {})) {
      if (!roles.includes(r)) throw new PortcatalogError(`args.podSelectors.${r}: "${r}" is not one of the roles: use ${oneOf(roles)}`);
      checkLabels(`args.podSelectors.${r}`, labels);
      if (!Object.keys(labels).length) throw new PortcatalogError(`args.podSelectors.${r}: an empty selector selects every pod of the namespace; give the labels of role "${r}"'s pods`);
      selectors.set(r, { matchLabels: { ...labels } });
    }
    for (const r of roles) {
      if (!selectors.has(r) && defaults.selectors[r]) selectors.set(r, defaults.selectors[r]);
      if (!selectors.has(r) && !hostNetwork.has(r)) throw new PortcatalogError(`args.podSelectors.${r}: role "${r}" has no pod selector: give its pods' labels, e.g. { "${r}": { app: "..." } }`);
    }
    const seen = new Map<string, string>();
    for (const [r, s] of selectors) {
      if (hostNetwork.has(r)) continue;
      const key = `${elsewhere.get(r) ?? namespace}|${JSON.stringify(s)}`;
      const other = seen.get(key);
      if (other) throw new PortcatalogError(`args.podSelectors.${r}: the same pods as role "${other}" (${showSelector(s)}): a pod holds one role, so give each role its own labels`);
      seen.set(key, r);
    }
    checkKubernetesPeers("args.sources.public", args.sources?.public);
    checkKubernetesPeers("args.sources.admin", args.sources?.admin);
    checkKubernetesPeers("args.sources.internal", args.sources?.internal);
    for (const [d, set] of Object.entries(args.destinations ?? {})) checkKubernetesPeers(`args.destinations.${d}`, set);
    for (const [field, pods] of [["args.ingressController", args.ingressController], ["args.clusterDns", args.clusterDns]] as const) {
      if (!pods) continue;
      checkNamespace(`${field}.namespace`, pods.namespace);
      checkLabels(`${field}.podLabels`, pods.podLabels);
      if (!Object.keys(pods.podLabels).length) throw new PortcatalogError(`${field}.podLabels: an empty selector selects every pod of namespace ${pods.namespace}; give the pods' labels`);
    }
    // Node CIDRs and excepts: checked as the API server checks an ipBlock.
    const nodeCidrs = (args.nodeCidrs ?? []).map((c, i) => {
      try {
        const r = cidrRange(c);
        return { cidr: c, family: r.family };
      } catch (err) {
        throw new PortcatalogError(`args.nodeCidrs[${i}]: ${showValue(c)} is not a CIDR (${err instanceof Error ? err.message : String(err)})`);
      }
    });
    const sourceCidrs = [
      ...(["public", "admin", "internal"] as const).flatMap((a) => [...(args.sources?.[a]?.cidrIpv4 ?? []), ...(args.sources?.[a]?.cidrIpv6 ?? [])].map((c) => ({ where: `args.sources.${a}`, cidr: c }))),
      ...nodeCidrs.map((n) => ({ where: "args.nodeCidrs", cidr: n.cidr })),
    ];
    const except = new Map<string, string[]>();
    for (const [cidr, list] of Object.entries(args.ipBlockExcept ?? {})) {
      const field = `args.ipBlockExcept[${JSON.stringify(cidr)}]`;
      if (!sourceCidrs.some((s) => s.cidr === cidr)) throw new PortcatalogError(`${field}: no source names this CIDR; use one of sources' or nodeCidrs' CIDRs${sourceCidrs.length ? ` (${sourceCidrs.map((s) => s.cidr).join(", ")})` : ""}`);
      const checked = checkExcept(field, cidr, list);
      // A narrower source inside an except would be dropped as covered by the wider CIDR yet refused by its except.
      for (const e of checked) {
        const inside = sourceCidrs.find((s) => s.cidr !== cidr && cidrsOverlap(s.cidr, e));
        if (inside) throw new PortcatalogError(`${field}: ${e} overlaps ${inside.cidr} of ${inside.where}, which would then be refused where ${cidr} allows it; narrow the except or drop that source`);
      }
      except.set(cidr, checked);
    }
    return { namespace, roles, userLabels, hostNetwork, elsewhere, selectors, nodeCidrs, except };
  });
  const { namespace, roles, userLabels, hostNetwork, elsewhere, selectors, nodeCidrs, except } = setup;
  const roleList = deploymentRoles(type, name, roles, args.role, args.roleGroups);
  const products = beforeRegistering(type, name, () => productsOf(args));
  // Clients through the ingress controller: its pods are a group peer the planner carries like a role's.
  const publicSources: PeerSetArgs | undefined = args.ingressController
    ? { ...(args.sources?.public ?? {}), securityGroups: [{ name: "ingress-controller", id: INGRESS_CONTROLLER }] }
    : args.sources?.public;
  const sources = { ...args.sources, ...(publicSources ? { public: publicSources } : {}) };
  const plans = roleList.map(({ role, roleGroups }) => ({
    role,
    plan: planComponent(type, `${name}-${role}`, KUBERNETES_PROFILE, products, { ...args, sources, role, roleGroups } as RuleSelectionArgs) as RolePlan<Id>,
  }));

  const byPlaceholder = new Map(roles.map((r) => [placeholder(r), r]));
  // What a role's peers are: its pods (same namespace, or namespace + pods), or its nodes when host-network.
  const rolePeer = (r: string): PeerMeaning => {
    if (hostNetwork.has(r)) {
      if (!nodeCidrs.length) return { peers: [], label: `role:${r} (host network)`, dropped: `role "${r}" runs with hostNetwork: its connections come from its nodes' addresses; give args.nodeCidrs` };
      return { peers: nodeCidrs.map((n) => ({ ipBlock: { cidr: n.cidr, ...(except.get(n.cidr) ? { except: except.get(n.cidr) } : {}) } })), label: `nodes ${nodeCidrs.map((n) => n.cidr).join(", ")} (host-network roles)`, key: "host-network-nodes" };
    }
    const pods = selectors.get(r) as LabelSelector;
    const ns = elsewhere.get(r);
    return ns ? { peers: [{ namespaceSelector: namespaceSelector(ns), podSelector: pods }], label: `role:${r} (namespace ${ns})` } : { peers: [{ podSelector: pods }], label: `role:${r}` };
  };
  const meaningFor = (own: string) => (peer: Peer<Id>): PeerMeaning => {
    switch (peer.kind) {
      case "cidr":
        return { peers: [{ ipBlock: { cidr: peer.cidr, ...(except.get(peer.cidr) ? { except: except.get(peer.cidr) } : {}) } }], label: except.get(peer.cidr) ? `${peer.cidr} except ${except.get(peer.cidr)?.join(", ")}` : peer.cidr };
      case "named-cidr":
        return { peers: [{ ipBlock: { cidr: peer.cidr } }], label: peerLabel(peer) };
      case "self":
        return rolePeer(own);
      case "security-group": {
        if (peer.id === INGRESS_CONTROLLER) {
          const ic = args.ingressController as KubernetesPodsArgs;
          return { peers: [{ namespaceSelector: namespaceSelector(ic.namespace), podSelector: { matchLabels: { ...ic.podLabels } } }], label: `ingress-controller (namespace ${ic.namespace})` };
        }
        const r = byPlaceholder.get(peer.id as string);
        if (r !== undefined) return rolePeer(r);
        throw new PortcatalogError(`peer ${peer.name}: Kubernetes has no security groups`);
      }
      default:
        throw new PortcatalogError(`peer ${peer.kind}: Kubernetes has no ${peer.kind}s`);
    }
  };

  const component = labelValueOf(name);
  const unprotected: UnprotectedRole[] = [];
  const rollout: RolloutItem[] = [];
  const policies: KubernetesPolicyPlan[] = [];
  const warnings = new Set<string>();
  beforeRegistering(type, name, () => {
    for (const { role, plan } of plans) {
      if (hostNetwork.has(role)) {
        unprotected.push({ role, reason: "hostNetwork: true: NetworkPolicy does not apply to host-network pods; protect its nodes with the cloud's or the host's firewall" });
        continue;
      }
      if (elsewhere.has(role)) {
        unprotected.push({ role, reason: `its pods run in namespace ${elsewhere.get(role)}: protect them with a component there` });
        continue;
      }
      const closed: { peer: string; protocol: string; fromPort: number; toPort: number; reason: string }[] = [];
      const ingress = shapeRules("ingress", plan.rules, meaningFor(role), [], (d) => closed.push(d));
      for (const d of closed) {
        if (!nodeCidrs.length) throw new PortcatalogError(`args.nodeCidrs: ${d.reason.replace(/; give args.nodeCidrs$/, "")}, and it connects to role "${role}" (${d.protocol}/${d.fromPort === d.toPort ? d.fromPort : `${d.fromPort}-${d.toPort}`}): give the nodes' CIDRs`);
      }
      let egress: KubernetesPolicyPlan["egress"];
      if (args.restrictEgress) {
        egress = shapeRules("egress", plan.rules, meaningFor(role), egressAtoms(role, plans, rolePeer, args.clusterDns ?? DEFAULT_DNS), (d) => {
          // A connection to a host-network role goes to its nodes: never closed silently.
          throw new PortcatalogError(`args.nodeCidrs: ${d.reason.replace(/; give args.nodeCidrs$/, "")}, and role "${role}" connects to it (${d.protocol}/${d.fromPort === d.toPort ? d.fromPort : `${d.fromPort}-${d.toPort}`}) with egress restricted: give the nodes' CIDRs`);
        });
      }
      const metadataName = objectNameOf(`the resource name ${showValue(name)} with role "${role}"`, name, role);
      policies.push({
        role,
        name: metadataName,
        resourceName: `${name}-${role}`,
        namespace,
        podSelector: selectors.get(role) as LabelSelector,
        ingress,
        ...(egress ? { egress } : {}),
        labels: { ...userLabels, [MANAGED_BY.key]: MANAGED_BY.value, [ROLE_LABEL]: role, [DEPLOYMENT_LABEL]: component },
      });
      rollout.push(...rolloutOf(role, plan, ingress));
      if (egress) rollout.push({ role, ports: "every other port (egress)", closedTo: "every destination", reason: "restrictEgress: a selected pod opens only the planned connections and DNS" });
    }
  });
  for (const u of unprotected) warnings.add(`role ${u.role} gets no NetworkPolicy: ${u.reason}`);
  if (policies.length) warnings.add(`selecting a role's pods closes every port the policy does not admit: read \`portcatalog plan\`'s rollout list before the first up (${rollout.length} closures)`);
  const all = plans.map((p) => p.plan);
  const report: KubernetesReport = {
    component: type,
    name,
    cloud: "kubernetes",
    namespace,
    policies,
    plans,
    unprotected,
    rollout,
    warnings: [...new Set([...all.flatMap((p) => p.warnings), ...warnings])],
    notes: [...new Set(all.flatMap((p) => p.notes))],
    products: all[0]?.products ?? [],
  };
  return { report };
}

// The NetworkPolicy names each program (one engine monitor, or one setMocks) has registered: two components whose
// names differ only in case or punctuation ("My App", "my-app") would write one object, the second replacing
// the first's rules on the server.
const claimed = new WeakMap<object, Map<string, string>>();

function claimPolicyNames(type: string, name: string, policies: readonly KubernetesPolicyPlan[]): void {
  const monitor = pulumi.runtime.getMonitor();
  if (!monitor) return;
  const names = claimed.get(monitor) ?? new Map<string, string>();
  claimed.set(monitor, names);
  for (const p of policies) {
    const owner = names.get(`${p.namespace}/${p.name}`);
    if (owner) throw new PortcatalogError(`the resource name ${showValue(name)} gives role "${p.role}" the NetworkPolicy ${p.namespace}/${p.name}, which ${owner} already writes: give the components names that differ after lowercasing`);
  }
  for (const p of policies) names.set(`${p.namespace}/${p.name}`, `${type} ${showValue(name)} (role "${p.role}")`);
}

/**
 * A role's egress beyond the catalog's egress entries: DNS to the cluster's resolver, and every port another
 * role (or its own) admits from it, to that role's pods.
 */
function egressAtoms(role: string, plans: readonly { role: string; plan: RolePlan<Id> }[], rolePeer: (r: string) => PeerMeaning, dns: KubernetesPodsArgs): ExtraAtom[] {
  const dnsMeaning: PeerMeaning = { peers: [{ namespaceSelector: namespaceSelector(dns.namespace), podSelector: { matchLabels: { ...dns.podLabels } } }], label: `cluster DNS (namespace ${dns.namespace})` };
  const atoms: ExtraAtom[] = ["udp", "tcp"].map((protocol) => ({ peerKey: "cluster-dns", meaning: dnsMeaning, protocol, fromPort: 53, toPort: 53, entries: [], services: ["DNS"], cover: `out-${protocol}-53-cluster-dns` }));
  const me = placeholder(role);
  for (const { role: to, plan } of plans) {
    for (const r of plan.rules) {
      if (r.direction !== "ingress") continue;
      const mine = to === role ? r.peer.kind === "self" : r.peer.kind === "security-group" && r.peer.id === me;
      if (!mine) continue;
      const meaning = rolePeer(to);
      atoms.push({ peerKey: meaning.key ?? `role-${to}`, meaning, protocol: r.protocol, fromPort: r.fromPort, toPort: r.toPort, entries: r.entries, services: r.services, cover: `${to}:${r.key}` });
    }
  }
  return atoms;
}

const portText = (protocol: string, from: number, to: number) => `${protocol}/${from === to ? from : `${from}-${to}`}`;

/** What selecting a role's pods closes: every port to all but its admitted peers, the flows left unwired, the entries left out, and every other port. */
function rolloutOf(role: string, plan: RolePlan<Id>, ingress: readonly { ports: { protocol: string; port: number; endPort?: number }[]; peerLabels: string[] }[]): RolloutItem[] {
  const items: RolloutItem[] = [];
  // One line per port: the peers every rule admits on it, together.
  const admitted = new Map<string, string[]>();
  for (const r of ingress) {
    for (const p of r.ports) {
      const key = portText(p.protocol.toLowerCase(), p.port, p.endPort ?? p.port);
      admitted.set(key, [...(admitted.get(key) ?? []), ...r.peerLabels]);
    }
  }
  for (const [ports, peers] of admitted) items.push({ role, ports, closedTo: `every source but ${[...new Set(peers)].join(", ")}`, reason: "admitted only from its planned peers" });
  for (const n of plan.notWired) items.push({ role, ports: portText(n.protocol, n.fromPort, n.toPort), closedTo: n.from, reason: n.reason });
  for (const l of plan.leftOut) items.push({ role, ports: portText(l.protocol, l.fromPort, l.toPort), closedTo: "every source", reason: `${l.service}: ${l.reason}` });
  items.push({ role, ports: "every other port", closedTo: "every source", reason: "not in the plan: a selected pod admits nothing else" });
  return items;
}

/** One NetworkPolicy per protected role, in the order of the roles; outputs by role. */
export function createKubernetesDeployment(component: pulumi.ComponentResource, { report }: KubernetesDeploymentPlan) {
  beforeRegistering(report.component, report.name, () => claimPolicyNames(report.component, report.name, report.policies));
  const sdk = kubernetes();
  const made = report.policies.map((p) => {
    const manifest = networkPolicyManifest(p);
    // metadata.name is given (never auto-named): a replace must delete the old policy before it creates the new one.
    return { role: p.role, resource: new sdk.networking.v1.NetworkPolicy(p.resourceName, manifest as never, { parent: component, deleteBeforeReplace: true }) };
  });
  recordKubernetesReports(component, [report]);
  const byRole = <T>(value: (p: KubernetesPolicyPlan) => T) => Object.fromEntries(report.policies.map((p) => [p.role, value(p)]));
  return {
    policyNames: pulumi.all(Object.fromEntries(made.map((m) => [m.role, m.resource.metadata.apply((md) => md?.name ?? "")]))) as pulumi.Output<Record<string, string>>,
    ruleCount: pulumi.output(report.policies.reduce((n, p) => n + p.ingress.length + (p.egress?.length ?? 0), 0)),
    ruleKeys: pulumi.output(byRole((p) => [...p.ingress, ...(p.egress ?? [])].map((r) => r.key))),
    unprotectedRoles: pulumi.output(Object.fromEntries(report.unprotected.map((u) => [u.role, u.reason]))),
  };
}
