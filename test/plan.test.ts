import { expect } from "chai";
import { stackNames } from "../stacks/offline.js";
import { runCli, runCliProcess } from "./support/cli.js";

interface PlanJson {
  stack: string;
  resources: { type: string; name: string; parent: string | null; inputs: Record<string, unknown> }[];
  rules: { name: string; direction: string; peer: string; priority?: number }[];
}

const STACKS = ["anbox-appliance", "anbox-azure", "anbox-charmed", "anbox-charmed-azure", "composed", "openstack-2025", "openstack-controller", "openstack-helm", "wso2-api-manager", "wso2-azure", "wso2-distributed", "wso2-kubernetes"];
const KUBERNETES = ["openstack-helm", "wso2-kubernetes"];
const RULE_TYPES = ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "openstack:networking/secGroupRule:SecGroupRule"];

describe("offline plan (portcatalog plan)", () => {
  it("knows every example stack", () => {
    expect(stackNames()).to.deep.equal(STACKS);
  });

  // Each test plans what it needs itself (cached per stack), so any one passes alone with --grep.
  const cache = new Map<string, Promise<PlanJson>>();
  const planJson = (stack: string): Promise<PlanJson> => {
    if (!cache.has(stack)) {
      cache.set(
        stack,
        runCli(["plan", stack, "--json"]).then((r) => {
          expect(r.status, r.stderr).to.equal(0);
          return JSON.parse(r.stdout) as PlanJson;
        }),
      );
    }
    return cache.get(stack) as Promise<PlanJson>;
  };
  for (const stack of ["anbox-azure", "wso2-azure"]) {
    it(`${stack}: --json gives each Azure rule its priority, unique per direction; text shows them with the closing rules`, async () => {
      const plan = await planJson(stack);
      const rules = plan.rules.filter((r) => r.name.includes("-portcatalog-"));
      expect(rules.length).to.be.greaterThan(2);
      for (const r of rules) expect(r.priority, r.name).to.be.within(100, 4096);
      const slots = rules.map((r) => `${r.direction} ${r.priority}`);
      expect(new Set(slots).size).to.equal(slots.length);
      expect(rules.find((r) => r.priority === 4096)?.peer).to.equal("deny VirtualNetwork");
      const r = await runCli(["plan", stack]);
      expect(r.status, r.stderr).to.equal(0);
      expect(r.stdout).to.match(/^PRIORITY +DIR +PROTO +PORTS +PEERS/m).and.match(/^4096 +ingress +all +all +deny VirtualNetwork/m).and.contain("AllowVnetInBound");
    });
  }
  for (const stack of STACKS.filter((s) => !s.endsWith("-azure") && !KUBERNETES.includes(s))) {
    it(`${stack}: --json lists every resource with resolved inputs and its parent`, async () => {
      const plan = await planJson(stack);
      expect(plan.stack).to.equal(stack);
      expect(plan.resources.length).to.be.greaterThan(2);
      const names = new Set(plan.resources.map((x) => x.name));
      for (const res of plan.resources) {
        expect(res).to.have.keys("type", "name", "parent", "inputs");
        if (res.parent !== null) expect(names.has(res.parent), `${res.name}'s parent ${res.parent}`).to.equal(true);
      }
      const rules = plan.resources.filter((x) => RULE_TYPES.includes(x.type));
      expect(rules.length).to.be.greaterThan(0);
      for (const rule of rules) {
        expect(rule.inputs.securityGroupId, rule.name).to.be.a("string").and.match(/-id$|^sg-/);
        expect(rule.inputs.description, rule.name).to.be.a("string");
      }
    });
    it(`${stack}: text shows the tree, rules per group, and quota`, async () => {
      const r = await runCli(["plan", stack]);
      expect(r.status, r.stderr).to.equal(0);
      expect(r.stdout).to.match(new RegExp(`^Stack ${stack}: `));
      expect(r.stdout).to.match(/Resources \(\d+; each rule shown under the group it goes into\):/).and.match(/Rules in .* \(\d+\):/).and.match(/Quota:/);
      const count = Number(/Resources \((\d+);/.exec(r.stdout)?.[1]);
      expect(count).to.equal((await planJson(stack)).resources.length);
    });
  }

  // A real process, as a user runs it: the SDK loads, the mocks settle and the process exits.
  it("anbox-appliance is the default, and opens 443 to the world", () => {
    const r = runCliProcess(["plan"]);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/^Stack anbox-appliance: /);
    expect(r.stdout).to.contain("in-tcp-443-anywhere-ipv4");
  });

  it("openstack-controller: the three groups reference each other", async () => {
    const plan = await planJson("openstack-controller");
    const rule = (name: string) => plan.resources.find((x) => x.name === name)?.inputs;
    expect(rule("controller-in-tcp-3306-sg-compute-ipv4")).to.include({ remoteGroupId: "compute-id", securityGroupId: "controller-id" });
    expect(rule("compute-in-tcp-5900-5999-sg-controller-ipv4")).to.include({ remoteGroupId: "controller-id", securityGroupId: "compute-id" });
    expect(rule("storage-in-tcp-6000-6002-sg-controller-ipv4")).to.include({ remoteGroupId: "controller-id", securityGroupId: "storage-id" });
    // MySQL is never public.
    expect(plan.resources.some((x) => x.name.startsWith("controller-in-tcp-3306-anywhere"))).to.equal(false);
  });

  it("anbox-charmed: a group per role; etcd open only between the control machines", async () => {
    const plan = await planJson("anbox-charmed");
    const etcd = plan.resources.filter((x) => /-in-tcp-2379-/.test(x.name));
    expect(etcd.map((x) => x.name)).to.deep.equal(["anbox-control-in-tcp-2379-self"]);
    expect(etcd[0].inputs.referencedSecurityGroupId).to.equal(etcd[0].inputs.securityGroupId);
  });

  it("wso2-distributed: the role matrix in --json, text and --markdown; plans without roles have none", async () => {
    const plan = (await planJson("wso2-distributed")) as PlanJson & { roles?: { matrix: Record<string, Record<string, string[]>> } };
    const matrix = plan.roles?.matrix ?? {};
    expect(matrix.gateway["traffic-manager"]).to.include("tcp/9611");
    expect(matrix.gateway.gateway, "gateways do not talk to each other").to.equal(undefined);
    expect(matrix.clients["traffic-manager"], "the traffic manager takes no clients").to.equal(undefined);
    expect((await runCli(["plan", "wso2-distributed"])).stdout).to.match(/^Roles \(who may reach which ports of whom; rows connect, columns listen\):\n\s+from \\ to\s+control-plane\s+gateway/m);
    expect((await runCli(["plan", "wso2-distributed", "--markdown"])).stdout).to.contain("#### Roles").and.contain("| from \\ to | control-plane | gateway | key-manager | traffic-manager |");
    expect((await planJson("wso2-api-manager")) as object).to.not.have.property("roles");
  });

  it("wso2-api-manager: the port offset moves the gateway, the analytics port follows the analytics server", async () => {
    const names = (await planJson("wso2-api-manager")).resources.map((x) => x.name);
    expect(names).to.include.members(["wso2-apim-in-tcp-8290-anywhere-ipv4", "wso2-apim-in-tcp-8253-anywhere-ipv4", "wso2-apim-in-tcp-7712-self"]);
    expect(names).to.not.include("wso2-apim-in-tcp-8280-anywhere-ipv4");
  });

  it("composed: reports the conflicts and splits the rules across groups", async () => {
    const plan = await planJson("composed");
    expect(plan.resources.filter((x) => x.type === "openstack:networking/secGroup:SecGroup").map((x) => x.name)).to.deep.equal(["composed", "composed-2"]);
    const text = (await runCli(["plan", "composed"])).stdout;
    expect(text).to.match(/Port conflicts:/).and.match(/tcp\s+10397\s+anbox-cloud\/appliance vs wso2\/api-manager/);
    // The releases it used, as the stack pins them, and the facts no rule can express.
    expect(text).to.contain('== CatalogSecGroup "composed" (openstack): anbox-cloud/appliance@1.30, wso2/api-manager@carbon-4.4');
    expect(text).to.match(/Facts that cannot become rules:\n {2}- A random TCP port opens at server startup/);
  });

  for (const stack of KUBERNETES) {
    it(`${stack}: NetworkPolicies in the tree, --json (rules per port, the rollout list, roles), text and --markdown`, async () => {
      const plan = (await planJson(stack)) as PlanJson & { kubernetes?: { policies: { role: string; name: string }[]; unprotected: { role: string }[]; rollout: { role: string; ports: string; closedTo: string }[] }[]; roles?: object };
      const policies = plan.resources.filter((x) => x.type === "kubernetes:networking.k8s.io/v1:NetworkPolicy");
      expect(policies.length).to.be.greaterThan(0);
      for (const p of policies) expect((p.inputs.metadata as { labels: Record<string, string> }).labels["app.kubernetes.io/managed-by"]).to.equal("portcatalog");
      const k = plan.kubernetes?.[0];
      expect(k?.policies.map((p) => p.name).sort()).to.deep.equal(policies.map((p) => (p.inputs.metadata as { name: string }).name).sort());
      // Every rule row is a port of a registered policy; every role's rollout ends with "every other port".
      expect(plan.rules.length).to.be.greaterThan(policies.length);
      for (const r of plan.rules) expect(policies.map((p) => p.name)).to.include((r as unknown as { group: string }).group);
      for (const p of k?.policies ?? []) expect(k?.rollout.filter((i) => i.role === p.role).at(-1)).to.include({ ports: "every other port", closedTo: "every source" });
      expect(plan.roles).to.not.equal(undefined);
      const text = (await runCli(["plan", stack])).stdout;
      expect(text).to.match(/^NetworkPolicy \S+ \(role [a-z-]+, pods /m).and.contain("Rollout: what selecting each role's pods closes");
      const markdown = (await runCli(["plan", stack, "--markdown"])).stdout;
      expect(markdown).to.contain("rollout (what selecting each role's pods closes)").and.contain("| role | ports | closed to | why |");
    });
  }

  it("openstack-helm: compute, network and storage run on the host network: no policy, listed as not protected; the controller admits them from the nodes' CIDRs", async () => {
    const plan = (await planJson("openstack-helm")) as PlanJson & { kubernetes: { policies: { role: string }[]; unprotected: { role: string; reason: string }[] }[] };
    expect(plan.kubernetes[0].policies.map((p) => p.role)).to.deep.equal(["controller"]);
    expect(plan.kubernetes[0].unprotected.map((u) => u.role)).to.deep.equal(["compute", "network", "storage"]);
    expect(plan.rules.some((r) => r.peer.includes("172.16.0.0/24"))).to.equal(true);
    const text = (await runCli(["plan", "openstack-helm"])).stdout;
    expect(text).to.match(/Not protected \(no NetworkPolicy\):\n {2}- compute: hostNetwork: true: NetworkPolicy does not apply to host-network pods/);
  });

  it("wso2-kubernetes: plan --diff shows a NetworkPolicy rule change (a feature switched on) and nothing for an unchanged plan", async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "k8s-diff-"));
    try {
      const file = join(dir, "before.json");
      writeFileSync(file, JSON.stringify(await planJson("wso2-kubernetes")));
      const same = await runCli(["plan", "wso2-kubernetes", "--diff", file]);
      expect(same.status, same.stderr).to.equal(0);
      const earlier = (await planJson("wso2-kubernetes")) as PlanJson;
      const fewer = { ...earlier, rules: earlier.rules.filter((r) => !r.name.includes("-tcp-9763")) };
      writeFileSync(file, JSON.stringify(fewer));
      const d = await runCli(["plan", "wso2-kubernetes", "--diff", file, "--json"]);
      expect(d.status).to.equal(2);
      const diff = JSON.parse(d.stdout) as { added: { name: string; ports: string }[]; removed: unknown[]; changed: unknown[] };
      expect(diff.added.length).to.be.greaterThan(0);
      expect(diff.added.every((r) => r.ports === "9763")).to.equal(true);
      expect(diff.removed).to.deep.equal([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an unknown stack gets one line listing the stacks, and a non-zero exit", async () => {
    const r = await runCli(["plan", "production"]);
    expect(r.status).to.equal(1);
    expect(r.stdout).to.equal("");
    expect(r.stderr.trim()).to.equal('portcatalog: unknown stack "production": use "anbox-appliance", "anbox-azure", "anbox-charmed", "anbox-charmed-azure", "composed", "openstack-2025", "openstack-controller", "openstack-helm", "wso2-api-manager", "wso2-azure", "wso2-distributed" or "wso2-kubernetes"');
  });
});

describe("the Pulumi program (stacks/index.ts)", () => {
  it("picks the example by stack name and exports its outputs, as `pulumi up` would run it", async () => {
    const { setupMocks, resolve } = await import("../testing/index.js");
    const { stackConfig } = await import("../stacks/offline.js");
    const recorder = await setupMocks({ project: "portcatalog-examples", stack: "wso2-api-manager", config: stackConfig("wso2-api-manager"), calls: { "aws:ec2/getVpc:getVpc": { id: "vpc-0default" } } });
    type Outputs = { securityGroupIds: import("@pulumi/pulumi").Output<string[]>; ruleCount: import("@pulumi/pulumi").Output<number> };
    // `export =` arrives as the default export of a dynamic import.
    const loaded = (await import("../stacks/index.js")) as unknown as { default?: Outputs } & Outputs;
    const program = loaded.default ?? loaded;
    await recorder.settled();
    expect(await resolve(program.securityGroupIds)).to.deep.equal(["wso2-apim-id"]);
    expect(await resolve(program.ruleCount)).to.be.greaterThan(0);
    expect(recorder.named("wso2-apim", "aws:ec2/securityGroup:SecurityGroup").inputs.vpcId).to.equal("vpc-0default");
  });
});
