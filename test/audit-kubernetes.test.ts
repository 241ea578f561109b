// Issue 26: the Kubernetes audit's reading of NetworkPolicy semantics, one table case per rule of the
// API reference (networking.k8s.io/v1) and the "Network Policies" concept page, then the report.
import { expect } from "chai";
import { allows, auditKubernetes, type Destination, type KubernetesInput, kubernetesFile, kubernetesInput, labelledRoles, type Source } from "../audit/kubernetes.js";
import { planKubernetesDeployment } from "../components/kubernetes/network-policies.js";
import { networkPolicyManifest } from "../components/kubernetes/policy.js";
import type { ContainerPort } from "../policy/netpol.js";

const list = (items: unknown[], kind = "List") => ({ apiVersion: "v1", kind, metadata: { resourceVersion: "" }, items });
const policy = (name: string, namespace: string, spec: Record<string, unknown>, labels: Record<string, string> = {}) => ({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace, labels }, spec });
const nsItem = (name: string, labels: Record<string, string>) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name, labels } });

function input(policies: unknown[], namespaces?: Record<string, Record<string, string>>): KubernetesInput {
  const files = [kubernetesFile("np.json", list(policies))];
  if (namespaces) files.push(kubernetesFile("ns.json", list(Object.entries(namespaces).map(([n, l]) => nsItem(n, l)))));
  return kubernetesInput(files);
}
const pod = (namespace: string, labels: Record<string, string>, containerPorts?: ContainerPort[], hostNetwork = false): Destination => ({ namespace, pods: { kind: "labels", labels: { labels, partial: false } }, containerPorts, hostNetwork });
const from = (namespace: string, labels: Record<string, string>, ip?: string): Source => ({ pod: { namespace, pods: { kind: "labels", labels: { labels, partial: false } } }, ...(ip ? { ip } : {}) });
const outside = (ip: string): Source => ({ ip });

const db = { matchLabels: { app: "db" } };
const DB = pod("prod", { app: "db" });
const WEB = from("prod", { app: "web" });

/** [title, policies, namespaces (or none given), source, destination, protocol, port, the verdict]. */
type Case = [string, unknown[], Record<string, Record<string, string>> | undefined, Source, Destination, string, number, boolean | "maybe"];
const CASES: Case[] = [
  ["no policy: every pod takes everything", [], undefined, outside("8.8.8.8"), DB, "TCP", 3306, true],
  ["an empty podSelector selects every pod of its namespace", [policy("deny", "prod", { podSelector: {} })], undefined, WEB, DB, "TCP", 3306, false],
  ["… and no pod of another namespace", [policy("deny", "other", { podSelector: {} })], undefined, WEB, DB, "TCP", 3306, true],
  ["ingress missing (policyTypes defaults to Ingress): the selected pods take nothing", [policy("p", "prod", { podSelector: db })], undefined, WEB, DB, "TCP", 3306, false],
  ["ingress: [] takes nothing either", [policy("p", "prod", { podSelector: db, ingress: [] })], undefined, WEB, DB, "TCP", 3306, false],
  ["ingress: [{}] takes everything", [policy("p", "prod", { podSelector: db, ingress: [{}] })], undefined, outside("8.8.8.8"), DB, "UDP", 53, true],
  ["from: [] is every source", [policy("p", "prod", { podSelector: db, ingress: [{ from: [], ports: [{ port: 3306 }] }] })], undefined, outside("8.8.8.8"), DB, "TCP", 3306, true],
  ["policyTypes Egress only: the pod is not isolated for ingress", [policy("p", "prod", { podSelector: db, policyTypes: ["Egress"] })], undefined, WEB, DB, "TCP", 3306, true],
  ["policyTypes unset with egress rules: still Ingress", [policy("p", "prod", { podSelector: db, egress: [{}] })], undefined, WEB, DB, "TCP", 3306, false],
  ["ipBlock admits an address in its cidr", [policy("p", "prod", { podSelector: db, ingress: [{ from: [{ ipBlock: { cidr: "8.8.0.0/16", except: ["8.8.8.0/24"] } }] }] })], undefined, outside("8.8.4.4"), DB, "TCP", 3306, true],
  ["… not one in its except", [policy("p", "prod", { podSelector: db, ingress: [{ from: [{ ipBlock: { cidr: "8.8.0.0/16", except: ["8.8.8.0/24"] } }] }] })], undefined, outside("8.8.8.8"), DB, "TCP", 3306, false],
  ["… and a pod by its own address", [policy("p", "prod", { podSelector: db, ingress: [{ from: [{ ipBlock: { cidr: "10.1.0.0/16" } }] }] })], undefined, from("x", {}, "10.1.2.3"), DB, "TCP", 3306, true],
  ["a podSelector alone is the policy's own namespace", [policy("p", "prod", { podSelector: db, ingress: [{ from: [{ podSelector: { matchLabels: { app: "web" } } }] }] })], undefined, from("dev", { app: "web" }), DB, "TCP", 3306, false],
  ["… where it admits the pods it matches", [policy("p", "prod", { podSelector: db, ingress: [{ from: [{ podSelector: { matchLabels: { app: "web" } } }] }] })], undefined, WEB, DB, "TCP", 3306, true],
  ["namespaceSelector {} is every namespace", [policy("p", "prod", { podSelector: db, ingress: [{ from: [{ namespaceSelector: {} }] }] })], undefined, from("dev", { app: "x" }), DB, "TCP", 3306, true],
  ["namespaceSelector and podSelector in one peer: both must match (AND)", [policy("p", "prod", { podSelector: db, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: "a" } }, podSelector: { matchLabels: { app: "web" } } }] }] })], { dev: { team: "a" } }, from("dev", { app: "other" }), DB, "TCP", 3306, false],
  ["… the same in two peers: either (OR)", [policy("p", "prod", { podSelector: db, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: "a" } } }, { podSelector: { matchLabels: { app: "web" } } }] }] })], { dev: { team: "a" } }, from("dev", { app: "other" }), DB, "TCP", 3306, true],
  ["a namespaceSelector by name label, namespaces not given: known (every namespace carries kubernetes.io/metadata.name)", [policy("p", "prod", { podSelector: db, ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "dev" } } }] }] })], undefined, from("test", {}), DB, "TCP", 3306, false],
  ["a namespaceSelector by another label, namespaces not given: maybe (towards open)", [policy("p", "prod", { podSelector: db, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: "a" } } }] }] })], undefined, from("dev", {}), DB, "TCP", 3306, "maybe"],
  ["… given: exact", [policy("p", "prod", { podSelector: db, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: "a" } } }] }] })], { dev: { team: "b" } }, from("dev", {}), DB, "TCP", 3306, false],
  ["matchExpressions NotIn admits a pod without the key", [policy("p", "prod", { podSelector: db, ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: "tier", operator: "NotIn", values: ["x"] }] } }] }] })], undefined, WEB, DB, "TCP", 3306, true],
  ["endPort: the last port of the range is in", [policy("p", "prod", { podSelector: db, ingress: [{ ports: [{ port: 3300, endPort: 3306 }] }] })], undefined, WEB, DB, "TCP", 3306, true],
  ["… the next one is not", [policy("p", "prod", { podSelector: db, ingress: [{ ports: [{ port: 3300, endPort: 3306 }] }] })], undefined, WEB, DB, "TCP", 3307, false],
  ["a port without protocol is TCP: UDP on it is not admitted", [policy("p", "prod", { podSelector: db, ingress: [{ ports: [{ port: 53 }] }] })], undefined, WEB, DB, "UDP", 53, false],
  ["SCTP is its own protocol", [policy("p", "prod", { podSelector: db, ingress: [{ ports: [{ protocol: "SCTP", port: 3868 }] }] })], undefined, WEB, DB, "SCTP", 3868, true],
  ["… and admits no TCP", [policy("p", "prod", { podSelector: db, ingress: [{ ports: [{ protocol: "SCTP", port: 3868 }] }] })], undefined, WEB, DB, "TCP", 3868, false],
  ["a port without a number is every port of its protocol", [policy("p", "prod", { podSelector: db, ingress: [{ ports: [{ protocol: "UDP" }] }] })], undefined, WEB, DB, "UDP", 9999, true],
  ["a named port resolves on the pod's container port", [policy("p", "prod", { podSelector: db, ingress: [{ ports: [{ port: "mysql" }] }] })], undefined, WEB, pod("prod", { app: "db" }, [{ name: "mysql", containerPort: 3306, protocol: "TCP" }]), "TCP", 3306, true],
  ["… and on nothing else", [policy("p", "prod", { podSelector: db, ingress: [{ ports: [{ port: "mysql" }] }] })], undefined, WEB, pod("prod", { app: "db" }, [{ name: "mysql", containerPort: 3306, protocol: "TCP" }]), "TCP", 3307, false],
  ["… a pod without the name takes nothing on it", [policy("p", "prod", { podSelector: db, ingress: [{ ports: [{ port: "mysql" }] }] })], undefined, WEB, pod("prod", { app: "db" }, [{ name: "http", containerPort: 8080, protocol: "TCP" }]), "TCP", 8080, false],
  ["… without the pods' ports it may be any port (towards open)", [policy("p", "prod", { podSelector: db, ingress: [{ ports: [{ port: "mysql" }] }] })], undefined, WEB, DB, "TCP", 8080, true],
  ["two policies selecting one pod: the union of their rules", [policy("a", "prod", { podSelector: db, ingress: [{ ports: [{ port: 1 }] }] }), policy("b", "prod", { podSelector: {}, ingress: [{ ports: [{ port: 3306 }] }] })], undefined, WEB, DB, "TCP", 3306, true],
  ["a host-network pod is beyond every policy", [policy("deny", "prod", { podSelector: {} })], undefined, outside("8.8.8.8"), pod("prod", { app: "db" }, [], true), "TCP", 22, true],
];

describe("audit, Kubernetes: NetworkPolicy semantics, rule by rule (issue 26)", () => {
  for (const [title, policies, namespaces, source, dest, protocol, port, expected] of CASES) {
    it(title, () => expect(allows(input(policies, namespaces), source, dest, protocol, port)).to.equal(expected));
  }
});

describe("audit, Kubernetes: the report", () => {
  const pods = (items: unknown[]) => kubernetesFile("pods.json", list(items));
  const podItem = (name: string, labels: Record<string, string>, ports: { name?: string; containerPort: number; protocol?: string }[], extra: Record<string, unknown> = {}) => ({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "prod", labels }, spec: { containers: [{ name: "c", ports }], ...extra } });

  it("a named port to the world resolves per pod: MySQL where the pod names it, nothing where it does not", () => {
    const np = kubernetesFile("np.json", list([policy("p", "prod", { podSelector: {}, ingress: [{ ports: [{ port: "db" }] }] })]));
    const report = auditKubernetes(kubernetesInput([np, pods([podItem("mysql-0", { app: "db" }, [{ name: "db", containerPort: 3306 }]), podItem("web-0", { app: "web" }, [{ name: "http", containerPort: 8080 }])])]));
    const byPod = Object.fromEntries(report.subjects.map((s) => [s.pods.join(), s.findings.map((f) => f.text)]));
    expect(byPod["mysql-0"]).to.deep.equal(["internal-only port open to 0.0.0.0/0 and ::/0: tcp/3306: MySQL database service (openstack/cloud)"]);
    expect(byPod["web-0"]).to.deep.equal([]);
    // Without pods the name may be any port: every internal TCP port is reported.
    const bySelector = auditKubernetes(kubernetesInput([np]));
    expect(bySelector.subjects[0].findings.map((f) => f.kind)).to.include("internal-to-world");
    expect(bySelector.notes.join()).to.contain("pods not given: a pod no NetworkPolicy selects cannot be judged");
  });
  it("pods alike are one row; an unselected pod is open on every port, with its container ports and the services they serve", () => {
    const np = kubernetesFile("np.json", list([policy("p", "prod", { podSelector: db })]));
    const report = auditKubernetes(kubernetesInput([np, pods([podItem("web-0", { app: "web" }, [{ containerPort: 5672 }]), podItem("web-1", { app: "web" }, [{ containerPort: 5672 }]), podItem("db-0", { app: "db" }, [])])]));
    const web = report.subjects.find((s) => s.pods.includes("web-0"));
    expect(web?.pods).to.deep.equal(["web-0", "web-1"]);
    expect(web?.findings.map((f) => f.kind)).to.deep.equal(["unselected"]);
    expect(web?.findings[0].text).to.contain("open to every pod of every namespace").and.contain("tcp/5672");
    expect(web?.services.join()).to.contain("tcp/5672");
    expect(report.subjects.find((s) => s.pods.includes("db-0"))?.findings).to.deep.equal([]);
  });
  it("two policies whose selectors may select the same pods are judged together without pods (towards open)", () => {
    const np = kubernetesFile("np.json", list([policy("a", "prod", { podSelector: db, ingress: [{ from: [{ ipBlock: { cidr: "0.0.0.0/1" } }], ports: [{ port: 3306 }] }] }), policy("b", "prod", { podSelector: { matchLabels: { tier: "data" } }, ingress: [{ from: [{ ipBlock: { cidr: "128.0.0.0/1" } }], ports: [{ port: 3306 }] }] }), policy("c", "prod", { podSelector: { matchLabels: { app: "web" } } })]));
    const report = auditKubernetes(kubernetesInput([np]));
    const text = Object.fromEntries(report.subjects.map((s) => [s.label, s.findings.map((f) => f.text).join()]));
    expect(text["app=db"]).to.contain("0.0.0.0/1 and 128.0.0.0/1: tcp/3306");
    expect(text["tier=data"]).to.contain("tcp/3306");
    // app=web cannot be app=db: only b may join it, which alone is half the world.
    expect(text["app=web"]).to.equal("");
  });
  it("namespaces given: those without a policy of type Ingress are named", () => {
    const np = kubernetesFile("np.json", list([policy("p", "prod", { podSelector: {} })]));
    const report = auditKubernetes(kubernetesInput([np, kubernetesFile("ns.json", list([nsItem("prod", {}), nsItem("dev", {})]))]));
    expect(report.notes.join("\n")).to.contain("namespaces with no NetworkPolicy of type Ingress: every pod in them is open to every pod of every namespace: dev");
  });
  it("roles from the portcatalog/role labels: a policy that lets a role in where no flow needs it is a finding; the flows' own ports are not", () => {
    const label = (role: string) => ({ "portcatalog/role": role });
    const np = kubernetesFile("np.json", list([
      policy("cp", "apim", { podSelector: { matchLabels: { app: "cp" } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: "gw" } } }], ports: [{ port: 9443 }, { port: 3306 }] }] }, label("control-plane")),
      policy("gw", "apim", { podSelector: { matchLabels: { app: "gw" } }, ingress: [] }, label("gateway")),
    ]));
    const k8s = kubernetesInput([np]);
    const report = auditKubernetes(k8s, { products: ["wso2/api-manager"], roles: { product: "wso2/api-manager", roles: { "control-plane": { namespace: "apim", selector: k8s.policies[0].podSelector }, gateway: { namespace: "apim", selector: k8s.policies[1].podSelector } } } });
    expect(report.roleFindings.map((f) => f.message)).to.deep.equal(["apim/control-plane (app=cp): policy apim/cp lets in gateway on tcp/3306, which no flow from gateway to control-plane needs"]);
  });
});

describe("audit, Kubernetes: what the components plan audits clean (round trip)", () => {
  const admin = { cidrIpv4: ["10.0.0.0/8"], cidrIpv6: ["fd00::/8"] };
  const cases: [string, string, string | undefined, () => import("../components/kubernetes/policy.js").KubernetesReport][] = [
    ["Wso2NetworkPolicies, API Manager 4.5 with an admin CIDR and egress restricted", "wso2/api-manager", "4.5", () =>
      planKubernetesDeployment("Wso2NetworkPolicies", "apim", { namespace: "wso2", products: [{ product: "api-manager", release: "4.5" }], sources: { admin }, restrictEgress: true } as never, () => [{ product: "wso2/api-manager", release: "4.5" }]).report],
    ["Wso2NetworkPolicies behind an ingress controller, every feature", "wso2/api-manager", "4.5", () =>
      planKubernetesDeployment("Wso2NetworkPolicies", "apim", { namespace: "wso2", products: [{ product: "api-manager", release: "4.5" }], sources: { admin }, allFeatures: true, ingressController: { namespace: "ingress-nginx", podLabels: { "app.kubernetes.io/name": "ingress-nginx" } } } as never, () => [{ product: "wso2/api-manager", release: "4.5" }]).report],
    ["OpenStackHelmNetworkPolicies 2025.2, host-network roles from their nodes", "openstack/cloud", "2025.2", () =>
      planKubernetesDeployment("OpenStackHelmNetworkPolicies", "osh", { namespace: "openstack", release: "2025.2", nodeCidrs: ["192.0.2.0/24"], sources: { admin } } as never, () => [{ product: "openstack/cloud", release: "2025.2" }]).report],
  ];
  for (const [title, product, release, plan] of cases) {
    it(title, () => {
      const report = plan();
      expect(report.policies.length).to.be.greaterThan(0);
      const np = kubernetesFile("np.json", list(report.policies.map((p) => ({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", ...networkPolicyManifest(p) }))));
      const k8s = kubernetesInput([np]);
      const roles = labelledRoles(k8s);
      expect(Object.keys(roles).sort()).to.deep.equal(report.policies.map((p) => p.role).sort());
      const audit = auditKubernetes(k8s, { products: [product], ...(release ? { release } : {}), roles: { product, ...(release ? { release } : {}), roles } });
      // No internal or admin port open to the world, nothing unselected, no role let in where no flow needs it.
      expect(audit.subjects.flatMap((s) => s.findings.map((f) => `${s.namespace}/${s.label}: ${f.text}`))).to.deep.equal([]);
      expect(audit.roleFindings.map((f) => f.message)).to.deep.equal([]);
      expect(audit.findings).to.equal(0);
    });
  }
});
