// Issue 26: `portcatalog audit` on kubectl's JSON, through the CLI: formats, exit codes, and bad input as one line.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { runCli } from "./support/cli.js";

const dir = mkdtempSync(join(tmpdir(), "audit-k8s-"));
const write = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
};
const list = (items: unknown[]) => ({ apiVersion: "v1", kind: "List", metadata: { resourceVersion: "" }, items });
const np = (name: string, spec: Record<string, unknown>, labels: Record<string, string> = {}) => ({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace: "apim", labels }, spec });
const pod = (name: string, labels: Record<string, string>, ports: unknown[], extra: Record<string, unknown> = {}) => ({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "apim", labels }, spec: { containers: [{ name: "c", ports }], ...extra }, status: { podIP: "10.244.0.7" } });

const OPEN = write("open.json", list([np("db", { podSelector: { matchLabels: { app: "db" } }, ingress: [{ ports: [{ port: 3306 }] }] })]));
const CLOSED = write("closed.json", list([np("all", { podSelector: {}, ingress: [{ from: [{ podSelector: {} }], ports: [{ port: 8080 }] }] })]));
const PODS = write("pods.json", list([pod("db-0", { app: "db" }, [{ containerPort: 3306, name: "mysql" }]), pod("node-agent", { app: "agent" }, [], { hostNetwork: true })]));

describe("portcatalog audit: Kubernetes (issue 26)", () => {
  it("MySQL open to every source: a table with the finding, exit 2", async () => {
    const r = await runCli(["audit", OPEN]);
    expect([r.status, r.stderr]).to.deep.equal([2, ""]);
    expect(r.stdout).to.contain("Kubernetes audit: 1 pod selectors, 1 finding").and.contain("app=db").and.contain("internal-only port open to 0.0.0.0/0 and ::/0: tcp/3306: MySQL");
    expect(r.stdout).to.contain("Note: pods not given: a pod no NetworkPolicy selects cannot be judged, and such pods are open");
  });
  it("with the pods: each pod judged, host-network pods reported as unprotected", async () => {
    const r = await runCli(["audit", OPEN, PODS, "--json"]);
    expect(r.status).to.equal(2);
    const report = JSON.parse(r.stdout);
    expect(report.cloud).to.equal("kubernetes");
    const byPod = Object.fromEntries(report.subjects.map((s: { pods: string[]; findings: { kind: string }[] }) => [s.pods.join(), s.findings.map((f) => f.kind)]));
    expect(byPod).to.deep.equal({ "db-0": ["internal-to-world"], "node-agent": ["host-network"] });
  });
  it("every pod selected, nothing to the world: exit 0; Markdown on request", async () => {
    const pods = write("pods-ok.json", list([pod("web-0", { app: "web" }, [{ containerPort: 8080 }])]));
    const r = await runCli(["audit", CLOSED, pods, "--markdown"]);
    expect([r.status, r.stderr]).to.deep.equal([0, ""]);
    expect(r.stdout).to.contain("# Kubernetes audit: 1 pod groups, 0 findings").and.contain("| apim | web-0 | all |");
  });
  it("role flows from the portcatalog/role labels with --products", async () => {
    const roles = write("roles.json", list([
      np("cp", { podSelector: { matchLabels: { app: "cp" } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: "gw" } } }], ports: [{ port: 3306 }] }] }, { "portcatalog/role": "control-plane" }),
      np("gw", { podSelector: { matchLabels: { app: "gw" } }, ingress: [] }, { "portcatalog/role": "gateway" }),
    ]));
    const r = await runCli(["audit", roles, "--products", "wso2/api-manager"]);
    expect(r.status).to.equal(2);
    expect(r.stdout).to.contain("Roles (policies that let in a role no flow needs):").and.contain("apim/control-plane (app=cp): policy apim/cp lets in gateway on tcp/3306, which no flow from gateway to control-plane needs");
    const mapped = await runCli(["audit", OPEN, "--products", "wso2/api-manager", "--role-groups", JSON.stringify({ gateway: { matchLabels: { app: "gw" } }, "control-plane": "apim/db" })]);
    expect(mapped.stdout).to.contain("apim/control-plane (app=db): policy apim/db lets in gateway on tcp/3306");
  });

  const BAD: [string, unknown, RegExp][] = [
    ["a list of Services", list([{ apiVersion: "v1", kind: "Service", metadata: { name: "s", namespace: "x" } }]), /^portcatalog: .*svc\.json: items\[0\] is a "Service", not a NetworkPolicy; expected the JSON of `kubectl get networkpolicy -A -o json`/],
    ["one Deployment", { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d" } }, /^portcatalog: .*svc\.json: a Kubernetes "Deployment", not a NetworkPolicy list/],
    ["a policy with a bad port", list([np("p", { podSelector: {}, ingress: [{ ports: [{ port: -3 }] }] })]), /^portcatalog: .*svc\.json: items\[0\]: spec\.ingress\[0\]\.ports\[0\]\.port is number -3, not a port number or a named port$/],
    ["a policy without its namespace", list([{ kind: "NetworkPolicy", apiVersion: "networking.k8s.io/v1", metadata: { name: "p" }, spec: {} }]), /^portcatalog: .*svc\.json: items\[0\]\.metadata\.namespace: expected a namespace, got nothing \(export with -A\)$/],
    ["a policy with a bad ipBlock", list([np("p", { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: "everywhere" } }] }] })]), /^portcatalog: .*svc\.json: items\[0\]: spec\.ingress\[0\]\.from\[0\]\.ipBlock\.cidr is string "everywhere", not a CIDR$/],
    ["two kinds in one list", list([np("p", { podSelector: {} }), pod("x", {}, [])]), /items\[1\] is a Pod in a list of NetworkPolicys: give each kind in its own file/],
    ["a List whose items have no kind", list([{ metadata: { name: "p", namespace: "x" }, spec: {} }]), /items\[0\] has no kind \(kubectl prints one on each item of a List\)/],
    ["a named port that is not a port name", list([np("p", { podSelector: {}, ingress: [{ ports: [{ port: "HTTP_ALT" }] }] })]), /ports\[0\]\.port is string "HTTP_ALT", not a port number or a named port$/],
    ["endPort with a named port", list([np("p", { podSelector: {}, ingress: [{ ports: [{ port: "http", endPort: 90 }] }] })]), /ports\[0\]\.endPort is number 90, not valid without a numeric port \(endPort needs one\)$/],
    ["a key twice", '{"apiVersion":"v1","kind":"List","items":[],"items":[]}', /key "items" is given twice/],
  ];
  for (const [title, content, expected] of BAD) {
    it(`bad input, ${title}: one line naming the file, exit 1`, async () => {
      const r = await runCli(["audit", write("svc.json", content)]);
      expect(r.status).to.equal(1);
      expect(r.stderr.trim().split("\n")).to.have.length(1);
      expect(r.stderr.trim()).to.match(expected);
    });
  }
  it("pods without any NetworkPolicy list, a cloud export beside kubectl's, or a cloud's options: one line each", async () => {
    const onlyPods = await runCli(["audit", PODS]);
    expect([onlyPods.status, onlyPods.stderr.trim()]).to.deep.equal([1, "portcatalog: no NetworkPolicy list: give the JSON that `kubectl get networkpolicy -A -o json` printed (with the pods' and namespaces' JSON beside it)"]);
    const aws = write("aws.json", { SecurityGroupRules: [] });
    expect((await runCli(["audit", OPEN, aws])).stderr).to.match(/aws\.json: not kubectl's JSON, but .*open\.json is Kubernetes: audit one cloud at a time\n$/);
    expect((await runCli(["audit", OPEN, "--sources", "{}"])).stderr).to.match(/^portcatalog: --sources: not for a Kubernetes audit/);
    expect((await runCli(["audit", OPEN, "--role-groups", "{}"])).stderr).to.match(/^portcatalog: --role-groups needs --products with exactly one product/);
    expect((await runCli(["audit", OPEN, "--products", "wso2/api-manager", "--role-groups", '{"gateway": 3}'])).stderr).to.match(/^portcatalog: --role-groups\.gateway: expected "namespace\/policy-name" or/);
  });
  it("an empty list is no NetworkPolicies: with the pods, every pod is open", async () => {
    const empty = write("empty.json", list([]));
    const r = await runCli(["audit", empty, PODS, "--json"]);
    const report = JSON.parse(r.stdout);
    expect(report.subjects.find((s: { pods: string[] }) => s.pods[0] === "db-0").findings[0].kind).to.equal("unselected");
  });
});
