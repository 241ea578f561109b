// Live item 9: every Kubernetes example stack (wso2-kubernetes, openstack-helm), deployed by the real
// engine and the Pulumi Kubernetes provider into a fresh namespace of a real kube-apiserver: the server
// holds exactly the planned policies (by content), a second up changes nothing, a changed argument
// touches only the policies whose content changes (wso2: clients then through an ingress controller,
// its pods in place of the world), an invalid argument is refused at preview with
// nothing changed, destroy leaves the namespace as it was. On what the server holds, the independent
// evaluator (cyclonus's matcher) allows each (source, destination role, protocol, port) exactly where the
// catalog's flows and audiences say (test/live/kube-expect.ts), and nowhere else.
import { expect } from "chai";
import { stackConfig } from "../../stacks/offline.js";
import { type Deployment, expectations, hostOf, podLabelsFor, type Source } from "./kube-expect.js";
import { evaluate, Namespace, type NetworkPolicy } from "./kube.js";
import { adminEnv, exampleProject, ok, portcatalog, type PulumiProject } from "./support.js";

const NETPOL = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const ROLE_LABEL = "portcatalog/role";

/** Empty objects and lists dropped, recursively: the server omits empty selectors and lists (omitempty). */
function normal(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normal);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const n = normal(x);
      if (n === undefined || (Array.isArray(n) && !n.length) || (n && typeof n === "object" && !Array.isArray(n) && !Object.keys(n).length)) continue;
      out[k] = n;
    }
    return out;
  }
  return v;
}

/** Policies by name as comparable content: namespace, labels, spec. */
function content(policies: { metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec: unknown }[]): Record<string, unknown> {
  return Object.fromEntries(policies.map((p) => [p.metadata.name, normal({ namespace: p.metadata.namespace, labels: p.metadata.labels ?? {}, spec: p.spec })]));
}

interface PlannedPolicy {
  resourceName: string;
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec: unknown;
}

/** The offline plan of the project as configured (`portcatalog plan --stack --cwd --json`): its NetworkPolicies. */
function planned(work: PulumiProject, stack: string): PlannedPolicy[] {
  const r = ok(portcatalog(["plan", "--stack", stack, "--cwd", work.dir, "--json"], work.dir), "portcatalog plan");
  const plan = JSON.parse(r.stdout) as { resources: { type: string; name: string; inputs: Record<string, unknown> }[] };
  return plan.resources.filter((x) => x.type === NETPOL).map((x) => ({ resourceName: x.name, ...(x.inputs as { metadata: PlannedPolicy["metadata"]; spec: unknown }) }));
}

/** The deployment each example makes, as its stack config says (the component's own defaults for the rest). */
function deploymentOf(stack: string, config: Record<string, unknown>): Deployment {
  const admin = config["portcatalog-examples:adminCidrs"] as string[] | undefined;
  const features = config["portcatalog-examples:features"] as string[] | undefined;
  const release = String(config["portcatalog-examples:release"]);
  if (stack === "wso2-kubernetes") {
    return {
      products: [{ product: "wso2/api-manager", release }],
      roles: ["control-plane", "gateway", "traffic-manager", "key-manager"],
      features,
      sources: { admin },
      restrictEgress: config["portcatalog-examples:restrictEgress"] === true,
    };
  }
  return {
    products: [{ product: "openstack/cloud", release }],
    roles: ["controller", "compute", "network", "storage"],
    features: config["portcatalog-examples:services"] as string[] | undefined,
    sources: { admin },
    hostNetworkRoles: ["compute", "network", "storage"],
    nodeCidrs: config["portcatalog-examples:nodeCidrs"] as string[],
  };
}

/** Asks the evaluator every query of the deployment against what the server holds; returns the mismatches. */
function mismatches(d: Deployment, ns: string, nsLabels: Record<string, string>, held: NetworkPolicy[], ingress?: { namespace: string; labels: Record<string, string> }): string[] {
  const selectorOf = new Map(held.map((p) => [p.metadata.labels?.[ROLE_LABEL] as string, p.spec.podSelector as Parameters<typeof podLabelsFor>[0]]));
  const protectedRoles = d.roles.filter((r) => selectorOf.has(r));
  expect(protectedRoles, "every role not on the host network has a policy").to.deep.equal(d.roles.filter((r) => !d.hostNetworkRoles?.includes(r)));
  const pod = (role: string, i: number, host: number) => ({ namespace: ns, labels: podLabelsFor(selectorOf.get(role) as Parameters<typeof podLabelsFor>[0]), ip: `10.244.${i}.${host}` });
  const sources: Source[] = protectedRoles.map((role, i) => ({ name: `role:${role}`, role, peer: pod(role, i, 20) }));
  if (d.nodeCidrs?.length) sources.push({ name: `nodes ${hostOf(d.nodeCidrs[0], 5)}`, peer: { ip: hostOf(d.nodeCidrs[0], 5) } });
  for (const c of d.sources?.admin ?? []) sources.push({ name: `admin ${hostOf(c, 7)}`, peer: { ip: hostOf(c, 7) } });
  sources.push({ name: "outside 192.0.2.77", peer: { ip: "192.0.2.77" } });
  // The ingress controller's pod, in its own namespace, and a pod there without its labels (no client).
  if (ingress) {
    sources.push({ name: "ingress-controller", ingressController: true, peer: { ...ingress, ip: "10.244.100.10" } });
    sources.push({ name: "another pod of the ingress namespace", peer: { namespace: ingress.namespace, labels: { app: "not-the-controller" }, ip: "10.244.100.11" } });
  }
  const destinations = protectedRoles.map((role, i) => ({ role, peer: pod(role, i, 10) }));
  const cases = expectations(d, sources, destinations);
  const namespaces = { [ns]: nsLabels, ...(ingress ? { [ingress.namespace]: { "kubernetes.io/metadata.name": ingress.namespace } } : {}) };
  const answers = evaluate(held, namespaces, cases.map((c) => c.query));
  const allowed = cases.filter((c, i) => answers[i] === true).length;
  // Both answers occur: a policy allowing nothing or everything is not what any example plans.
  expect(allowed, "some queries allowed").to.be.greaterThan(0);
  expect(cases.length - allowed, "some queries denied").to.be.greaterThan(0);
  return cases.flatMap((c, i) => (answers[i] === c.expected ? [] : [`${c.label}: evaluator ${String(answers[i])}, catalog says ${c.expected}`]));
}

const STACKS = ["wso2-kubernetes", "openstack-helm"];

describe("live: the Kubernetes example stacks on a real kube-apiserver, judged by an independent evaluator", () => {
  for (const stack of STACKS) {
    it(`${stack}: up holds exactly the plan, the evaluator agrees with the catalog, a second up changes nothing, a change touches only its policies, a bad argument is refused at preview, destroy restores the namespace`, async () => {
      const ns = await new Namespace(stack.split("-")[0]).create();
      const work = exampleProject(adminEnv());
      try {
        const labelsBefore = await ns.labels();
        const before = await ns.state();
        work.must(["stack", "init", stack]);
        work.must(["config", "set", "namespace", ns.name]);
        const config = { ...stackConfig(stack), "portcatalog-examples:namespace": ns.name };

        const plan = planned(work, stack);
        expect(plan.length).to.be.greaterThan(0);
        work.must(["preview"]);
        work.must(["up", "--yes", "--skip-preview"]);
        let held = await ns.policies();
        expect(content(held)).to.deep.equal(content(plan));
        work.must(["preview", "--expect-no-changes"]);

        const d = deploymentOf(stack, config);
        expect(mismatches(d, ns.name, labelsBefore, held)).to.deep.equal([]);

        // A changed admin CIDR: the policies whose planned content changes are updated, the others untouched.
        work.must(["config", "set", "--path", "adminCidrs[0]", "10.0.1.0/24"]);
        const changedPlan = planned(work, stack);
        const was = content(plan);
        const now = content(changedPlan);
        const changed = changedPlan.filter((p) => JSON.stringify(now[p.metadata.name]) !== JSON.stringify(was[p.metadata.name])).map((p) => p.resourceName);
        expect(changed.length, "the admin CIDR is in some policy").to.be.greaterThan(0);
        const ops = work.previewOps();
        for (const p of changedPlan) expect(ops.get(p.resourceName), p.resourceName).to.equal(changed.includes(p.resourceName) ? "update" : "same");
        work.must(["up", "--yes", "--skip-preview"]);
        held = await ns.policies();
        expect(content(held)).to.deep.equal(now);
        const d2 = deploymentOf(stack, { ...config, "portcatalog-examples:adminCidrs": ["10.0.1.0/24"] });
        expect(mismatches(d2, ns.name, labelsBefore, held)).to.deep.equal([]);

        // Clients through an ingress controller (wso2): its pods replace the world on the public ports, nothing else moves.
        if (stack === "wso2-kubernetes") {
          const ingress = { namespace: "ingress-nginx", labels: { app: "ingress-nginx" } };
          work.must(["config", "set", "ingressNamespace", ingress.namespace]);
          work.must(["config", "set", "--path", "ingressPodLabels.app", ingress.labels.app]);
          const ingressPlan = planned(work, stack);
          work.must(["up", "--yes", "--skip-preview"]);
          held = await ns.policies();
          expect(content(held)).to.deep.equal(content(ingressPlan));
          expect(JSON.stringify(content(held))).to.contain('"namespaceSelector":{"matchLabels":{"kubernetes.io/metadata.name":"ingress-nginx"}}');
          const d3 = { ...d2, ingressController: true };
          expect(mismatches(d3, ns.name, labelsBefore, held, ingress)).to.deep.equal([]);
          work.must(["preview", "--expect-no-changes"]);
        }

        // An invalid argument: refused at preview in one line naming it; the server keeps what it held.
        const [key, bad, named] = stack === "wso2-kubernetes" ? ["ingressNamespace", "Not_A_Namespace", "ingressController.namespace"] : ["nodeCidrs[0]", "172.16.0.0/33", "nodeCidrs[0]"];
        if (stack === "wso2-kubernetes") work.must(["config", "set", "--path", "ingressPodLabels.app", "ingress-nginx"]);
        work.must(["config", "set", "--path", key, bad]);
        const refused = work.pulumi(["preview"]);
        expect(refused.status).to.not.equal(0);
        const errorLines = (refused.stdout + refused.stderr).split("\n").filter((l) => l.includes(named) && l.includes(bad));
        expect(errorLines.length, refused.stdout + refused.stderr).to.be.greaterThan(0);
        expect(refused.stdout + refused.stderr).to.not.match(/\n\s+at .+:\d+:\d+\)?\n/);
        const kept = content(await ns.policies());
        expect(kept).to.deep.equal(stack === "wso2-kubernetes" ? content(held) : now);

        work.must(["destroy", "--yes", "--skip-preview"]);
        expect(await ns.state()).to.deep.equal(before);
        expect(await ns.labels()).to.deep.equal(labelsBefore);
      } finally {
        work.remove();
        await ns.remove();
      }
    });
  }
});
