// Live item 8 (the Kubernetes tier's own proof, before any component): a plain Pulumi program (TypeScript,
// @pulumi/kubernetes, none of our components) with one NetworkPolicy, on the real engine, the Pulumi Kubernetes provider and a real kube-apiserver
// (scripts/live/kube.sh). The server refuses an invalid policy at preview and nothing is created; a
// valid one deploys and reads back as written; destroy leaves the namespace as it was. The evaluator
// (cyclonus's matcher) answers the deployed policy's allowed and denied connections as Kubernetes
// defines them.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { type EvalQuery, evaluate, Namespace, type NetworkPolicy } from "./kube.js";
import { adminEnv, programProject } from "./support.js";

/** The policy's spec: pods app=web take TCP 8000-<endPort> from app=api pods, TCP 443 from 10/8 but 10.1/16. */
function spec(endPort: number): Record<string, unknown> {
  return {
    podSelector: { matchLabels: { app: "web" } },
    policyTypes: ["Ingress"],
    ingress: [
      { from: [{ podSelector: { matchLabels: { app: "api" } } }], ports: [{ protocol: "TCP", port: 8000, endPort }] },
      { from: [{ ipBlock: { cidr: "10.0.0.0/8", except: ["10.1.0.0/16"] } }], ports: [{ protocol: "TCP", port: 443 }] },
    ],
  };
}

/** A program holding that one policy, its spec as written. */
function program(namespace: string, endPort: number): string {
  const metadata = { name: "web", namespace, labels: { "app.kubernetes.io/managed-by": "portcatalog-live" } };
  return `import * as k8s from "@pulumi/kubernetes";
new k8s.networking.v1.NetworkPolicy("web", { metadata: ${JSON.stringify(metadata)}, spec: ${JSON.stringify(spec(endPort))} });
`;
}

describe("live: Kubernetes infrastructure (kube-apiserver, the Pulumi Kubernetes provider, the evaluator)", () => {
  it("an invalid NetworkPolicy is refused by the API server at preview; a valid one deploys, reads back as written, and destroy restores the namespace", async () => {
    const ns = await new Namespace("infra").create();
    const work = programProject(program(ns.name, 7999), adminEnv());
    try {
      const labelsBefore = await ns.labels();
      const before = await ns.state();
      expect(before).to.deep.equal([]);
      work.must(["stack", "init", "infra"]);

      // endPort below port: the server's validation, reached by the provider's dry run at preview.
      const refused = work.pulumi(["preview"]);
      const said = refused.stdout + refused.stderr;
      expect(refused.status, said).to.not.equal(0);
      expect(said).to.match(/endPort/);
      expect(said).to.match(/must be greater than or equal to `port`/);
      expect(await ns.state()).to.deep.equal(before);

      writeFileSync(join(work.dir, "index.ts"), program(ns.name, 8010));
      work.must(["preview"]);
      work.must(["up", "--yes", "--skip-preview"]);
      const held = await ns.policies();
      expect(held.map((p) => p.metadata.name)).to.deep.equal(["web"]);
      expect(held[0].spec).to.deep.equal(spec(8010));
      expect(held[0].metadata.labels).to.deep.equal({ "app.kubernetes.io/managed-by": "portcatalog-live" });
      work.must(["preview", "--expect-no-changes"]);

      // The evaluator on what the server holds. Pod addresses lie outside 10/8 so only labels decide for pods.
      const pod = (app: string, ip: string, namespace = ns.name) => ({ namespace, labels: { app }, ip });
      const web = pod("web", "172.20.0.10");
      const cases: [EvalQuery, boolean][] = [
        [{ from: pod("api", "172.20.0.2"), to: web, protocol: "TCP", port: 8000 }, true],
        [{ from: pod("api", "172.20.0.2"), to: web, protocol: "TCP", port: 8010 }, true],
        [{ from: pod("api", "172.20.0.2"), to: web, protocol: "TCP", port: 8011 }, false],
        [{ from: pod("api", "172.20.0.2"), to: web, protocol: "UDP", port: 8000 }, false],
        [{ from: pod("api", "172.20.0.3", "elsewhere"), to: web, protocol: "TCP", port: 8000 }, false],
        [{ from: pod("db", "172.20.0.4"), to: web, protocol: "TCP", port: 8000 }, false],
        [{ from: pod("api", "172.20.0.2"), to: web, protocol: "TCP", port: 443 }, false],
        [{ from: { ip: "10.2.3.4" }, to: web, protocol: "TCP", port: 443 }, true],
        [{ from: { ip: "10.1.3.4" }, to: web, protocol: "TCP", port: 443 }, false],
        [{ from: { ip: "192.0.2.1" }, to: web, protocol: "TCP", port: 443 }, false],
        [{ from: { ip: "10.2.3.4" }, to: web, protocol: "TCP", port: 8000 }, false],
        // A pod no policy selects takes everything.
        [{ from: { ip: "192.0.2.1" }, to: pod("db", "172.20.0.4"), protocol: "UDP", port: 53 }, true],
      ];
      const namespaces = { [ns.name]: await ns.labels(), elsewhere: { "kubernetes.io/metadata.name": "elsewhere" } };
      expect(evaluate(held, namespaces, cases.map((c) => c[0]))).to.deep.equal(cases.map((c) => c[1]));
      // The same policy with endPort below port (what the server refused): an error line, not a crash.
      const invalid: NetworkPolicy = { ...held[0], spec: spec(7999) };
      const [answer] = evaluate([invalid], namespaces, [cases[0][0]]);
      expect(answer).to.be.a("string").and.match(/end port < start port/);

      work.must(["destroy", "--yes", "--skip-preview"]);
      expect(await ns.state()).to.deep.equal(before);
      expect(await ns.labels()).to.deep.equal(labelsBefore);
    } finally {
      work.remove();
      await ns.remove();
    }
  });
});
