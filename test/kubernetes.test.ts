import { expect } from "chai";
import fc from "fast-check";
import { PortcatalogError } from "../catalog/index.js";
import { CatalogDeploymentNetworkPolicies, kubernetesReportOf, OpenStackHelmNetworkPolicies, Wso2NetworkPolicies } from "../components/index.js";
import { placeholder } from "../components/deployment.js";
import { planKubernetesDeployment } from "../components/kubernetes/network-policies.js";
import { type KubernetesReport, networkPolicyManifest } from "../components/kubernetes/policy.js";
import { cidrRange } from "../planner/index.js";
import { type MockRecorder, resolve, setupMocks } from "../testing/index.js";
import { ingressAllowed, type Manifest, type Pod, selects } from "./support/netpol.js";

const NP = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const admin = { cidrIpv4: ["10.0.0.0/8"], cidrIpv6: ["fd00::/8"] };
const WSO2 = { namespace: "wso2", products: [{ product: "api-manager", release: "4.5" }], sources: { admin } };
const wso2Plan = (extra: object = {}) => planKubernetesDeployment("Wso2NetworkPolicies", "apim", { ...WSO2, ...extra } as never, (a: { products: { product: string; release?: string }[] }) => a.products.map((p) => ({ product: `wso2/${p.product}`, release: p.release }))).report;
const osh = (extra: object = {}) =>
  planKubernetesDeployment("OpenStackHelmNetworkPolicies", "osh", { namespace: "openstack", release: "2025.2", nodeCidrs: ["192.0.2.0/24"], ...extra } as never, (a: { release?: string }) => [{ product: "openstack/cloud", release: a.release }]).report;

/** A pod of each protected role (labels that satisfy its selector), for the evaluator. */
function podOf(report: KubernetesReport, role: string): Pod {
  const p = report.policies.find((x) => x.role === role);
  if (!p) throw new Error(`no policy for ${role}`);
  const labels: Record<string, string> = { ...p.podSelector.matchLabels };
  for (const e of p.podSelector.matchExpressions ?? []) if (e.operator === "In") labels[e.key] = (e.values ?? [])[0];
  expect(selects(p.podSelector, labels)).to.equal(true);
  return { namespace: p.namespace, labels };
}

/** What the plan admits on `to`: its planned (one peer, one run) ingress rules, read without the adapter. */
function planned(report: KubernetesReport, to: string, from: { role: string } | { ip: string } | { ingressController: true }, protocol: string, port: number): boolean {
  const plan = report.plans.find((p) => p.role === to)?.plan;
  if (!plan) throw new Error(to);
  return plan.rules.some((r) => {
    if (r.direction !== "ingress" || r.protocol !== protocol || port < r.fromPort || port > r.toPort) return false;
    if ("ingressController" in from) return r.peer.kind === "security-group" && r.peer.id === "portcatalog-k8s-ingress-controller";
    if ("role" in from) return from.role === to ? r.peer.kind === "self" : r.peer.kind === "security-group" && r.peer.id === placeholder(from.role);
    // A host-network role connects from its nodes' addresses (the tests' nodeCidrs: 192.0.2.0/24).
    const hostRole = r.peer.kind === "security-group" && report.unprotected.some((u) => /hostNetwork/.test(u.reason) && r.peer.kind === "security-group" && r.peer.id === placeholder(u.role));
    if (r.peer.kind !== "cidr" && !hostRole) return false;
    const range = cidrRange(r.peer.kind === "cidr" ? r.peer.cidr : "192.0.2.0/24");
    const a = cidrRange(from.ip.includes(":") ? `${from.ip}/128` : `${from.ip}/32`);
    return a.family === range.family && a.start >= range.start && a.start <= range.end;
  });
}

/** Every port any role's plan names, and a few no plan names. */
function portsOf(report: KubernetesReport): [string, number][] {
  const out = new Set<string>(["tcp/22", "tcp/1", "udp/53", "tcp/65535"]);
  for (const { plan } of report.plans) for (const r of plan.rules) for (const p of [r.fromPort, r.toPort, r.fromPort - 1, r.toPort + 1]) if (p >= 1 && p <= 65535) out.add(`${r.protocol}/${p}`);
  return [...out].map((s) => [s.split("/")[0], Number(s.split("/")[1])]);
}

describe("Kubernetes NetworkPolicies: plain functions", () => {
  it("admit exactly what the plan admits: every role pair, every catalog port and its neighbours, outside addresses (evaluator)", () => {
    let checked = 0;
    for (const report of [wso2Plan(), wso2Plan({ restrictEgress: true }), osh()]) {
      const manifests = report.policies.map(networkPolicyManifest) as unknown as Manifest[];
      const roles = report.policies.map((p) => p.role);
      for (const to of roles) {
        const pod = podOf(report, to);
        for (const [protocol, port] of portsOf(report)) {
          for (const from of roles) {
            const got = ingressAllowed(manifests, podOf(report, from), pod, protocol.toUpperCase(), port);
            expect(got, `${from} -> ${to} ${protocol}/${port}`).to.equal(planned(report, to, { role: from }, protocol, port));
            checked++;
          }
          for (const ip of ["203.0.113.7", "10.1.2.3", "2001:db8::1", "fd00::5", "192.0.2.9"]) {
            expect(ingressAllowed(manifests, { ip }, pod, protocol.toUpperCase(), port), `${ip} -> ${to} ${protocol}/${port}`).to.equal(planned(report, to, { ip }, protocol, port));
          }
          // A pod of no role, in another namespace: admitted only where an ingress controller would be (none here).
          expect(ingressAllowed(manifests, { namespace: "other", labels: { app: "x" } }, pod, protocol.toUpperCase(), port)).to.equal(false);
        }
      }
    }
    expect(checked).to.be.greaterThan(1000);
  });

  it("property: for any admin CIDRs, features, egress choice and ingress controller, the policies admit exactly the plan", () => {
    const controller = { namespace: "ingress-nginx", labels: { "app.kubernetes.io/name": "ingress-nginx" } };
    fc.assert(
      fc.property(
        fc.subarray(["10.0.0.0/8", "192.168.7.0/24", "203.0.113.0/28"]),
        fc.subarray(["jmx", "clustering-wka", "clustering-multicast", "thrift-throttling"]),
        fc.boolean(),
        fc.boolean(),
        fc.subarray(["control-plane", "gateway", "traffic-manager", "key-manager"], { minLength: 1 }),
        (cidrs, features, restrictEgress, viaIngress, roles) => {
          const report = wso2Plan({
            roles,
            features,
            restrictEgress,
            sources: cidrs.length ? { admin: { cidrIpv4: cidrs } } : {},
            ...(viaIngress ? { ingressController: { namespace: controller.namespace, podLabels: controller.labels } } : {}),
          });
          const manifests = report.policies.map(networkPolicyManifest) as unknown as Manifest[];
          for (const to of roles) {
            const pod = podOf(report, to);
            for (const [protocol, port] of portsOf(report)) {
              const P = protocol.toUpperCase();
              for (const from of roles) expect(ingressAllowed(manifests, podOf(report, from), pod, P, port), `${from} -> ${to} ${protocol}/${port}`).to.equal(planned(report, to, { role: from }, protocol, port));
              for (const ip of ["203.0.113.7", "10.1.2.3", "192.168.7.9", "2001:db8::1"]) expect(ingressAllowed(manifests, { ip }, pod, P, port), `${ip} -> ${to}`).to.equal(planned(report, to, { ip }, protocol, port));
              expect(ingressAllowed(manifests, controller, pod, P, port), `ingress controller -> ${to} ${protocol}/${port}`).to.equal(planned(report, to, { ingressController: true }, protocol, port));
            }
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it("least privilege: a role's pods admit another role only on ports its flows name; clients reach the gateway, not the key manager", () => {
    const r = wso2Plan();
    const m = r.policies.map(networkPolicyManifest) as unknown as Manifest[];
    expect(ingressAllowed(m, { ip: "203.0.113.7" }, podOf(r, "gateway"), "TCP", 8243)).to.equal(true);
    expect(ingressAllowed(m, { ip: "203.0.113.7" }, podOf(r, "key-manager"), "TCP", 9443)).to.equal(false);
    expect(ingressAllowed(m, podOf(r, "gateway"), podOf(r, "key-manager"), "TCP", 9443)).to.equal(true);
    expect(ingressAllowed(m, podOf(r, "key-manager"), podOf(r, "gateway"), "TCP", 9443)).to.equal(false);
    // Every rule names its peers: a rule without `from` would admit every source.
    for (const x of m) for (const rule of x.spec.ingress ?? []) expect(rule.from?.length).to.be.greaterThan(0);
  });

  it("one rule per distinct port set: no two rules of a policy have the same ports, and no peer is in two rules", () => {
    for (const report of [wso2Plan(), osh(), wso2Plan({ restrictEgress: true })]) {
      for (const p of report.policies) {
        for (const rules of [p.ingress, p.egress ?? []]) {
          const sigs = rules.map((r) => JSON.stringify(r.ports));
          expect(new Set(sigs).size, p.role).to.equal(sigs.length);
          const peers = rules.flatMap((r) => r.peers.map((x) => JSON.stringify(x)));
          expect(new Set(peers).size, p.role).to.equal(peers.length);
        }
      }
    }
  });

  it("ports: numeric, ranges as endPort >= port, protocols in capitals", () => {
    const r = osh();
    const ports = r.policies.flatMap((p) => p.ingress.flatMap((x) => x.ports));
    expect(ports.some((p) => p.endPort !== undefined)).to.equal(true);
    for (const p of ports) {
      expect(["TCP", "UDP", "SCTP"]).to.include(p.protocol);
      if (p.endPort !== undefined) expect(p.endPort).to.be.greaterThan(p.port);
    }
  });

  it("stable: switching a feature on changes only the policies of the roles that listen on its ports; names never move", () => {
    const before = wso2Plan();
    const after = wso2Plan({ allFeatures: true });
    for (const p of before.policies) {
      const q = after.policies.find((x) => x.role === p.role);
      expect(q?.name).to.equal(p.name);
      const touched = JSON.stringify(q?.ingress) !== JSON.stringify(p.ingress);
      const ownChanged = JSON.stringify(after.plans.find((x) => x.role === p.role)?.plan.rules.map((r) => r.key)) !== JSON.stringify(before.plans.find((x) => x.role === p.role)?.plan.rules.map((r) => r.key));
      expect(touched, p.role).to.equal(ownChanged);
    }
    // The same input, the same policies (no order or hash drift); an admin CIDR added touches only the rules it joins.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 250 }), (octet) => {
        const extra = { sources: { admin: { cidrIpv4: [...admin.cidrIpv4, `192.168.${octet}.0/24`], cidrIpv6: admin.cidrIpv6 } } };
        const a = wso2Plan(extra);
        expect(JSON.stringify(a.policies)).to.equal(JSON.stringify(wso2Plan(extra).policies));
        for (const p of a.policies) {
          const q = before.policies.find((x) => x.role === p.role);
          const unchanged = (q?.ingress ?? []).filter((r) => !r.peerLabels.includes("10.0.0.0/8"));
          for (const r of unchanged) expect(p.ingress.map((x) => x.key), p.role).to.include(r.key);
        }
      }),
      { numRuns: 5 },
    );
  });

  it("openstack-helm: host-network roles get no policy and are listed; their flows come from nodeCidrs, or it fails naming nodeCidrs", () => {
    const r = osh();
    expect(r.policies.map((p) => p.role)).to.deep.equal(["controller"]);
    expect(r.unprotected.map((u) => u.role).sort()).to.deep.equal(["compute", "network", "storage"]);
    expect(r.unprotected.every((u) => /hostNetwork: true: NetworkPolicy does not apply/.test(u.reason))).to.equal(true);
    expect(r.warnings.some((w) => /role compute gets no NetworkPolicy/.test(w))).to.equal(true);
    const m = r.policies.map(networkPolicyManifest) as unknown as Manifest[];
    expect(ingressAllowed(m, { ip: "192.0.2.9" }, podOf(r, "controller"), "TCP", 5672)).to.equal(true);
    // With egress restricted, the controller's connections to host-network roles go to the nodes too.
    expect(osh({ restrictEgress: true }).policies[0].egress?.some((r) => r.peerLabels.some((l) => l.startsWith("nodes 192.0.2.0/24")))).to.equal(true);
    expect(osh({ restrictEgress: true }).rollout.some((i) => i.ports === "every other port (egress)" && i.closedTo === "every destination")).to.equal(true);
    expect(() => osh({ nodeCidrs: undefined })).to.throw(PortcatalogError, /^OpenStackHelmNetworkPolicies "osh": args\.nodeCidrs: role "\w+" runs with hostNetwork[^\n]*give the nodes' CIDRs$/);
  });

  it("the rollout list names, per role, every port and who it closes to, and every other port", () => {
    const r = wso2Plan();
    for (const p of r.policies) {
      const items = r.rollout.filter((i) => i.role === p.role);
      expect(items.at(-1)).to.include({ ports: "every other port", closedTo: "every source" });
      for (const rule of p.ingress) for (const port of rule.ports) expect(items.some((i) => i.ports === `${port.protocol.toLowerCase()}/${port.endPort ? `${port.port}-${port.endPort}` : port.port}`)).to.equal(true);
    }
    // Admin ports left closed are listed: closed to every source.
    const closed = wso2Plan({ sources: {} }).rollout.filter((i) => /sources\.admin/.test(i.reason));
    expect(closed.length).to.be.greaterThan(0);
  });

  it("egress: Ingress only by default; restrictEgress adds DNS to the cluster resolver and the roles' own flows", () => {
    expect(wso2Plan().policies.every((p) => p.egress === undefined && networkPolicyManifest(p).spec.policyTypes?.toString() === "Ingress")).to.equal(true);
    const r = wso2Plan({ restrictEgress: true });
    const gw = r.policies.find((p) => p.role === "gateway");
    expect(networkPolicyManifest(gw as never).spec.policyTypes).to.deep.equal(["Ingress", "Egress"]);
    expect(gw?.egress?.some((e) => e.peerLabels.some((l) => /cluster DNS/.test(l)) && e.ports.some((p) => p.protocol === "UDP" && p.port === 53))).to.equal(true);
    // What the key manager admits from the gateway, the gateway may send to it.
    const km = r.policies.find((p) => p.role === "key-manager");
    const admitted = km?.ingress.filter((x) => x.peerLabels.includes("role:gateway")).flatMap((x) => x.ports) ?? [];
    const sent = gw?.egress?.filter((x) => x.peerLabels.includes("role:key-manager")).flatMap((x) => x.ports) ?? [];
    expect(admitted.length).to.be.greaterThan(0);
    expect(sent).to.deep.equal(admitted);
  });

  it("an ingress controller stands for clients: its namespace and pods, not 0.0.0.0/0", () => {
    const r = wso2Plan({ ingressController: { namespace: "ingress-nginx", podLabels: { "app.kubernetes.io/name": "ingress-nginx" } } });
    const m = r.policies.map(networkPolicyManifest) as unknown as Manifest[];
    const controller = { namespace: "ingress-nginx", labels: { "app.kubernetes.io/name": "ingress-nginx" } };
    expect(ingressAllowed(m, controller, podOf(r, "gateway"), "TCP", 8243)).to.equal(true);
    expect(ingressAllowed(m, { ip: "203.0.113.7" }, podOf(r, "gateway"), "TCP", 8243)).to.equal(false);
    expect(ingressAllowed(m, controller, podOf(r, "key-manager"), "TCP", 9443)).to.equal(false);
  });

  it("ipBlock except: carried to the policy, refused unless a strict subset of its CIDR of the same family", () => {
    const r = wso2Plan({ sources: { admin, public: { cidrIpv4: ["0.0.0.0/0"] } }, ipBlockExcept: { "0.0.0.0/0": ["169.254.169.254/32"] } });
    const m = r.policies.map(networkPolicyManifest) as unknown as Manifest[];
    expect(ingressAllowed(m, { ip: "169.254.169.254" }, podOf(r, "gateway"), "TCP", 8243)).to.equal(false);
    expect(ingressAllowed(m, { ip: "203.0.113.7" }, podOf(r, "gateway"), "TCP", 8243)).to.equal(true);
  });
});

describe("Kubernetes NetworkPolicies: bad input, one line naming the argument", () => {
  const cases: [string, object, RegExp][] = [
    ["a namespace with capitals", { namespace: "Wso2" }, /args\.namespace: "Wso2" is not a namespace name/],
    ["a namespace of 64 characters", { namespace: "a".repeat(64) }, /args\.namespace: "a{64}" is not a namespace name/],
    ["a namespace as a number", { namespace: 5 }, /args\.namespace: expected (a )?string/],
    ["a label key with a space", { labels: { "a b": "x" } }, /args\.labels\["a b"\]: the label key "a b" is not valid/],
    ["a label value of 64 characters", { labels: { team: "x".repeat(64) } }, /args\.labels\["team"\]: "x{64}" is not a label value/],
    ["a label overwriting the library's", { labels: { "portcatalog/role": "x" } }, /args\.labels\["portcatalog\/role"\]: portcatalog writes this label/],
    ["a label key with a bad prefix", { labels: { "Example.com/a": "x" } }, /its prefix "Example\.com" must be a DNS subdomain/],
    ["a selector for an unknown role", { podSelectors: { db: { app: "db" } } }, /args\.podSelectors\.db: "db" is not one of the roles/],
    ["an empty selector", { podSelectors: { gateway: {} } }, /args\.podSelectors\.gateway: an empty selector selects every pod/],
    ["two roles with the same pods", { podSelectors: { gateway: { app: "x" }, "key-manager": { app: "x" } } }, /args\.podSelectors\.key-manager: the same pods as role "gateway"/],
    ["a security group as a source", { sources: { admin: { securityGroups: [{ id: "sg-1" }] } } }, /args\.sources\.admin\.securityGroups: Kubernetes has no security groups/],
    ["an except outside its CIDR", { sources: { public: { cidrIpv4: ["10.0.0.0/8"] } }, ipBlockExcept: { "10.0.0.0/8": ["11.0.0.0/16"] } }, /args\.ipBlockExcept\["10\.0\.0\.0\/8"\]\[0\]: "11\.0\.0\.0\/16" is not a strict subset of 10\.0\.0\.0\/8/],
    ["an except equal to its CIDR", { sources: { public: { cidrIpv4: ["10.0.0.0/8"] } }, ipBlockExcept: { "10.0.0.0/8": ["10.0.0.0/8"] } }, /is not a strict subset/],
    ["an except of the other family", { sources: { public: { cidrIpv4: ["10.0.0.0/8"] } }, ipBlockExcept: { "10.0.0.0/8": ["fd00::/16"] } }, /"fd00::\/16" is IPv6 but 10\.0\.0\.0\/8 is IPv4/],
    ["an except for no source", { ipBlockExcept: { "172.16.0.0/12": ["172.16.0.0/16"] } }, /args\.ipBlockExcept\["172\.16\.0\.0\/12"\]: no source names this CIDR/],
    ["an except hiding another source", { sources: { admin: { cidrIpv4: ["10.1.0.0/16"] }, public: { cidrIpv4: ["10.0.0.0/8"] } }, ipBlockExcept: { "10.0.0.0/8": ["10.1.0.0/24"] } }, /overlaps 10\.1\.0\.0\/16 of args\.sources\.admin/],
    ["a host-network role that is not a role", { hostNetworkRoles: ["db"] }, /args\.hostNetworkRoles\[0\]: "db" is not one of the roles/],
    ["a bad node CIDR", { hostNetworkRoles: ["gateway"], nodeCidrs: ["10.0.0.300/24"] }, /args\.nodeCidrs\[0\]: "10\.0\.0\.300\/24" is not a CIDR/],
    ["an ingress controller in a bad namespace", { ingressController: { namespace: "Ingress", podLabels: { a: "b" } } }, /args\.ingressController\.namespace: "Ingress" is not a namespace name/],
    ["an ingress controller with no labels", { ingressController: { namespace: "ingress", podLabels: {} } }, /args\.ingressController\.podLabels: an empty selector/],
    ["a Helm release for no chart", { helmReleases: { db: "x" } }, /args\.helmReleases\.db: "db" has no wso2\/helm-apim chart/],
    ["restrictEgress as a string", { restrictEgress: "yes" }, /args\.restrictEgress: expected true or false/],
  ];
  for (const [what, patch, message] of cases) {
    it(what, () => {
      let error: unknown;
      try {
        new Wso2NetworkPolicies("apim", { ...WSO2, ...patch } as never);
      } catch (err) {
        error = err;
      }
      expect(error, what).to.be.instanceOf(PortcatalogError);
      const text = (error as Error).message;
      expect(text.split("\n")).to.have.length(1);
      expect(text).to.match(/^Wso2NetworkPolicies "apim": /);
      expect(text).to.match(message);
    });
  }

  it("a component name that makes no DNS-1123 name, and a role without a selector", () => {
    expect(() => new CatalogDeploymentNetworkPolicies("x".repeat(250), { namespace: "a", products: [{ product: "wso2/api-manager", release: "4.5" }], roles: ["gateway"], podSelectors: { gateway: { app: "gw" } } })).to.throw(PortcatalogError, /is not a Kubernetes object name: use at most 253/);
    expect(() => new CatalogDeploymentNetworkPolicies("d", { namespace: "a", products: [{ product: "wso2/api-manager", release: "4.5" }], roles: ["gateway", "key-manager"], podSelectors: { gateway: { app: "gw" } } })).to.throw(PortcatalogError, /^CatalogDeploymentNetworkPolicies "d": args\.podSelectors\.key-manager: role "key-manager" has no pod selector/);
  });
});

describe("Kubernetes NetworkPolicies: components (Pulumi mocks)", () => {
  let recorder: MockRecorder;
  beforeEach(async () => {
    recorder = await setupMocks();
  });

  it("register one NetworkPolicy per protected role, with the contract's labels, name and namespace; every output resolves", async () => {
    const components = [
      new Wso2NetworkPolicies("apim", { ...WSO2, labels: { team: "api" } }),
      new OpenStackHelmNetworkPolicies("osh", { namespace: "openstack", release: "2025.2", nodeCidrs: ["192.0.2.0/24"] }),
      new CatalogDeploymentNetworkPolicies("My App", { namespace: "apps", products: [{ product: "wso2/api-manager", release: "4.5" }], roles: ["gateway", "key-manager"], podSelectors: { gateway: { app: "gw" }, "key-manager": { app: "km" } }, restrictEgress: true }),
    ];
    for (const c of components) {
      const report = kubernetesReportOf(c);
      const names = await resolve(c.policyNames);
      expect(names).to.deep.equal(Object.fromEntries(report.policies.map((p) => [p.role, p.name])));
      expect(await resolve(c.ruleCount)).to.equal(report.policies.reduce((n, p) => n + p.ingress.length + (p.egress?.length ?? 0), 0));
      expect(Object.keys(await resolve(c.ruleKeys))).to.deep.equal(report.policies.map((p) => p.role));
      expect(await resolve(c.unprotectedRoles)).to.deep.equal(Object.fromEntries(report.unprotected.map((u) => [u.role, u.reason])));
    }
    await recorder.settled();
    const policies = recorder.ofType(NP);
    expect(policies.length).to.equal(4 + 1 + 2);
    for (const p of policies) {
      const md = p.inputs.metadata as { name: string; namespace: string; labels: Record<string, string> };
      expect(md.labels["app.kubernetes.io/managed-by"]).to.equal("portcatalog");
      expect(md.name).to.match(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/);
      expect(md.labels["portcatalog/role"]).to.equal(md.name.replace(/^(apim|osh|my-app)-/, ""));
    }
    const mine = policies.find((p) => (p.inputs.metadata as { name: string }).name === "my-app-gateway");
    expect((mine?.inputs.metadata as { labels: Record<string, string> }).labels["portcatalog/deployment"]).to.equal("my-app");
    const gw = policies.find((p) => (p.inputs.metadata as { name: string }).name === "apim-gateway");
    expect((gw?.inputs.metadata as { labels: Record<string, string>; namespace: string }).labels.team).to.equal("api");
    expect((gw?.inputs.metadata as { namespace: string }).namespace).to.equal("wso2");
  });

  it("two components whose policies would share a name in one namespace: the second fails naming both, before its policies register (a plan alone, without the engine, claims nothing)", async () => {
    const args = { namespace: "apps", products: [{ product: "wso2/api-manager", release: "4.5" }], roles: ["gateway", "key-manager"], podSelectors: { gateway: { app: "gw" }, "key-manager": { app: "km" } } };
    new CatalogDeploymentNetworkPolicies("My App", args);
    expect(() => new CatalogDeploymentNetworkPolicies("my-app", { ...args, podSelectors: { gateway: { app: "gw2" }, "key-manager": { app: "km2" } } })).to.throw(
      'CatalogDeploymentNetworkPolicies "my-app": the resource name "my-app" gives role "gateway" the NetworkPolicy apps/my-app-gateway, which CatalogDeploymentNetworkPolicies "My App" (role "gateway") already writes: give the components names that differ after lowercasing',
    );
    // Another namespace, or another program (a fresh setMocks), may use the name.
    new CatalogDeploymentNetworkPolicies("MY-APP", { ...args, namespace: "apps2" });
    await recorder.settled();
    expect(recorder.ofType(NP).map((r) => `${(r.inputs.metadata as { namespace: string }).namespace}/${(r.inputs.metadata as { name: string }).name}`).sort()).to.deep.equal(["apps/my-app-gateway", "apps/my-app-key-manager", "apps2/my-app-gateway", "apps2/my-app-key-manager"]);
    recorder = await setupMocks();
    new CatalogDeploymentNetworkPolicies("my-app", args);
  });

  it("the mocks model the provider's Check: an object without metadata.name is auto-named <name>-<8 hex>; the components' policies keep theirs", async () => {
    const { kubernetes } = await import("../components/providers.js");
    const sdk = kubernetes();
    new sdk.networking.v1.NetworkPolicy("bare", { metadata: { namespace: "a" }, spec: { podSelector: {} } });
    new Wso2NetworkPolicies("apim", WSO2);
    await recorder.settled();
    const bare = recorder.ofType(NP).find((r) => r.name === "bare");
    expect((bare?.inputs.metadata as { name: string }).name).to.match(/^bare-[0-9a-f]{8}$/);
    expect(recorder.ofType(NP).filter((r) => r.name !== "bare").map((r) => (r.inputs.metadata as { name: string }).name).sort()).to.deep.equal(["apim-control-plane", "apim-gateway", "apim-key-manager", "apim-traffic-manager"]);
  });
});
