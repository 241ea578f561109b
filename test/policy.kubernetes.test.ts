// Issue 26: the policy pack judges kubernetes:networking.k8s.io/v1:NetworkPolicy as the SDK hands its
// inputs (metadata, spec), and says which workloads of the stack no NetworkPolicy selects.
import { expect } from "chai";
import { noAdminPortsToWorld, noAllTrafficToWorld, noInternalPortsToWorld, noInternalPortsToWorldAcrossRules, podsSelectedByANetworkPolicy } from "../policy/policies.js";
import { resourceViolations, stackArgs, stackViolations } from "./support/policy-stack.js";

const NP = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const DEPLOY = "kubernetes:apps/v1:Deployment";
// The engine's unknown sentinel, as the runtime's proxy sees it in a preview.
const U = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const np = (name: string, spec: Record<string, unknown>, namespace: unknown = "wso2") => ({ type: NP, name, props: { metadata: { name, namespace }, spec } });
// A wide opening lists its first five ports (rsync 873 first) and counts the rest.
const EVERY_TCP = /internal-only catalog port to .*tcp\/873: rsync.*and 9\d more/;
const mysql = [{ protocol: "TCP", port: 3306 }];
const db = { matchLabels: { app: "db" } };

describe("policy pack: Kubernetes NetworkPolicy ingress (issue 26)", () => {
  const internal = (spec: Record<string, unknown>) => resourceViolations(noInternalPortsToWorld, np("db", spec));
  const cases: [string, Record<string, unknown>, RegExp | null][] = [
    ["a rule with no from admits every source: MySQL to the world is the mandatory violation", { podSelector: db, ingress: [{ ports: mysql }] }, /db opens an internal-only catalog port to 0\.0\.0\.0\/0 and ::\/0: tcp\/3306: MySQL/],
    ["from: [] is every source too", { podSelector: db, ingress: [{ from: [], ports: mysql }] }, /tcp\/3306/],
    ["an ipBlock of 0.0.0.0/0", { podSelector: db, ingress: [{ from: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: mysql }] }, /to 0\.0\.0\.0\/0: tcp\/3306/],
    ["an except of private ranges leaves every public address: still the world", { podSelector: db, ingress: [{ from: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8", "192.168.0.0/16"] } }], ports: mysql }] }, /tcp\/3306/],
    ["an except of a public address is not the world", { podSelector: db, ingress: [{ from: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["8.8.8.0/24"] } }], ports: mysql }] }, null],
    ["two ipBlocks that together cover IPv4", { podSelector: db, ingress: [{ from: [{ ipBlock: { cidr: "0.0.0.0/1" } }, { ipBlock: { cidr: "128.0.0.0/1" } }], ports: mysql }] }, /0\.0\.0\.0\/1 and 128\.0\.0\.0\/1: tcp\/3306/],
    ["no ports: every port", { podSelector: db, ingress: [{ from: [{ ipBlock: { cidr: "::/0" } }] }] }, EVERY_TCP],
    ["a range with endPort over MySQL", { podSelector: db, ingress: [{ ports: [{ port: 3000, endPort: 3400 }] }] }, /tcp\/3306/],
    ["a named port may be any port: every TCP port", { podSelector: db, ingress: [{ ports: [{ port: "mysql" }] }] }, EVERY_TCP],
    ["a port with no number is every port of its protocol", { podSelector: db, ingress: [{ ports: [{ protocol: "TCP" }] }] }, EVERY_TCP],
    ["UDP 3306 is not MySQL", { podSelector: db, ingress: [{ ports: [{ protocol: "UDP", port: 3306 }] }] }, null],
    ["SCTP carries no catalog port", { podSelector: db, ingress: [{ ports: [{ protocol: "SCTP", port: 3306 }] }] }, null],
    ["pods of other namespaces are not the world", { podSelector: db, ingress: [{ from: [{ namespaceSelector: {} }], ports: mysql }] }, null],
    ["pods by label are not the world", { podSelector: db, ingress: [{ from: [{ podSelector: { matchLabels: { app: "web" } } }], ports: mysql }] }, null],
    ["a private ipBlock is not the world", { podSelector: db, ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/8" } }], ports: mysql }] }, null],
    ["policyTypes Egress only: its ingress rules admit nothing", { podSelector: db, policyTypes: ["Egress"], ingress: [{ ports: mysql }] }, null],
    ["ingress: [] admits nothing", { podSelector: db, ingress: [] }, null],
    ["ingress: [{}] admits everything", { podSelector: db, ingress: [{}] }, EVERY_TCP],
  ];
  for (const [title, spec, expected] of cases) {
    it(title, () => {
      const found = internal(spec);
      if (expected === null) expect(found).to.deep.equal([]);
      else expect(found.join("\n")).to.match(expected);
    });
  }
  it("admin and all-traffic findings follow the other clouds' names and levels", () => {
    expect(resourceViolations(noAdminPortsToWorld, np("keystone", { podSelector: {}, ingress: [{ ports: [{ port: 35357 }] }] })).join()).to.contain("keystone opens an admin-only catalog port").and.contain("tcp/35357");
    expect(resourceViolations(noAllTrafficToWorld, np("open", { podSelector: {}, ingress: [{}] }))).to.deep.equal(["open opens every protocol and port to 0.0.0.0/0 and ::/0. Open only the ports the service needs."]);
  });
  it("values not known in a preview read towards open, and never crash the judgement", () => {
    expect(internal({ podSelector: db, ingress: [{ from: [{ ipBlock: { cidr: U } }], ports: mysql }] }).join()).to.contain("tcp/3306");
    expect(internal({ podSelector: db, ingress: [{ from: [{ podSelector: db }], ports: [{ port: U }] }] })).to.deep.equal([]);
    expect(internal({ podSelector: db, ingress: U }).join()).to.match(EVERY_TCP);
    // Nine levels deep (the runtime's proxy throws on the read): a pod peer still, never the world; the next rule still judged.
    const deep = { podSelector: db, ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: "team", operator: "In", values: [U] }] } }], ports: mysql }, { from: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: mysql }] };
    expect(internal(deep)).to.deep.equal(["db opens an internal-only catalog port to 0.0.0.0/0: tcp/3306: MySQL database service (openstack/cloud). Open it to the deployment's own groups or operators' CIDRs, or list it under \"allow\" in the policy config."]);
  });
  it("hostile input is one violation naming the field, the rest still judged", () => {
    const found = internal({ podSelector: db, ingress: [{ ports: [{ port: true }] }, { ports: mysql }] });
    expect(found[0]).to.equal("db: cannot read spec.ingress[0].ports[0].port is boolean true, not a port number or a named port; that part was not judged.");
    // The unreadable port may be any: every TCP port, towards open.
    expect(found[1]).to.match(EVERY_TCP);
  });
  it("policies selecting the same pods are joined: two halves of IPv4 in two policies are the world", () => {
    const a = np("a", { podSelector: db, ingress: [{ from: [{ ipBlock: { cidr: "0.0.0.0/1" } }], ports: mysql }] });
    const b = np("b", { podSelector: db, ingress: [{ from: [{ ipBlock: { cidr: "128.0.0.0/1" } }], ports: mysql }] });
    const found = stackViolations(noInternalPortsToWorldAcrossRules, stackArgs([a, b]));
    expect(found).to.have.length(1);
    expect(found[0]).to.contain("kubernetes:wso2/app=db").and.contain("across a, b").and.contain("tcp/3306");
    const other = np("c", { podSelector: db, ingress: [{ from: [{ ipBlock: { cidr: "128.0.0.0/1" } }], ports: mysql }] }, "other");
    expect(stackViolations(noInternalPortsToWorldAcrossRules, stackArgs([a, other]))).to.deep.equal([]);
  });
});

describe("policy pack: portcatalog-pods-selected-by-a-network-policy (issue 26, advisory)", () => {
  const deploy = (name: string, labels: unknown, namespace: unknown = "wso2", extra: Record<string, unknown> = {}) => ({
    type: DEPLOY,
    name,
    props: { metadata: { namespace }, spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "c" }], ...extra } } } },
  });
  const check = (...rs: Parameters<typeof stackArgs>[0]) => stackViolations(podsSelectedByANetworkPolicy, stackArgs(rs));

  it("a workload no policy selects is open to every pod of every namespace", () => {
    const [v, ...rest] = check(deploy("web", { app: "web" }), np("db", { podSelector: db, ingress: [] }));
    expect(rest).to.deep.equal([]);
    expect(v).to.contain("Deployment web: no NetworkPolicy of this stack with policy type Ingress selects its pods").and.contain("every pod of every namespace");
  });
  it("selected by matchLabels, by matchExpressions, or by the empty selector: clean", () => {
    expect(check(deploy("db", { app: "db", tier: "x" }), np("p", { podSelector: db }))).to.deep.equal([]);
    expect(check(deploy("db", { app: "db" }), np("p", { podSelector: { matchExpressions: [{ key: "app", operator: "In", values: ["db", "cache"] }] } }))).to.deep.equal([]);
    expect(check(deploy("db", { app: "db" }), np("p", { podSelector: {} }))).to.deep.equal([]);
  });
  it("a policy in another namespace, or of type Egress only, does not select it", () => {
    expect(check(deploy("db", { app: "db" }), np("p", { podSelector: db }, "other"))).to.have.length(1);
    expect(check(deploy("db", { app: "db" }), np("p", { podSelector: db, policyTypes: ["Egress"], egress: [{}] }))).to.have.length(1);
    // policyTypes unset with egress rules: Ingress still, so the pod is selected.
    expect(check(deploy("db", { app: "db" }), np("p", { podSelector: db, egress: [{}] }))).to.deep.equal([]);
  });
  it("NotIn and DoesNotExist are judged as the API server does", () => {
    expect(check(deploy("db", { app: "db" }), np("p", { podSelector: { matchExpressions: [{ key: "app", operator: "NotIn", values: ["db"] }] } }))).to.have.length(1);
    expect(check(deploy("db", { app: "db" }), np("p", { podSelector: { matchExpressions: [{ key: "team", operator: "DoesNotExist" }] } }))).to.deep.equal([]);
  });
  it("unset namespaces under one provider are one namespace; unknown values are never 'selected'", () => {
    expect(check(deploy("db", { app: "db" }, undefined), np("p", { podSelector: db }, undefined))).to.deep.equal([]);
    const [v] = check(deploy("db", { app: "db" }, U), np("p", { podSelector: db }));
    expect(v).to.contain("no NetworkPolicy of this stack is known to select its pods (not known during preview");
    expect(check(deploy("db", { app: "db" }), np("p", { podSelector: { matchLabels: { app: U } } }))[0]).to.contain("not known during preview: p's spec.podSelector.matchLabels.app");
    expect(check(deploy("db", U), np("p", { podSelector: db }))[0]).to.contain("db's pod labels");
  });
  it("a pod on the node's network is beyond every NetworkPolicy", () => {
    const [v] = check(deploy("agent", { app: "db" }, "wso2", { hostNetwork: true }), np("p", { podSelector: db }));
    expect(v).to.contain("uses the node's network: no NetworkPolicy applies to its pods");
  });
  it("every workload type: Pod labels are its own, a CronJob's are its job template's", () => {
    const pod = { type: "kubernetes:core/v1:Pod", name: "solo", props: { metadata: { namespace: "wso2", labels: { app: "x" } }, spec: {} } };
    const cron = { type: "kubernetes:batch/v1:CronJob", name: "nightly", props: { metadata: { namespace: "wso2" }, spec: { jobTemplate: { spec: { template: { metadata: { labels: { app: "db" } } } } } } } };
    const found = check(pod, cron, np("p", { podSelector: db }));
    expect(found).to.have.length(1);
    expect(found[0]).to.contain("Pod solo");
  });
});
