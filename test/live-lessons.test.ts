// What the real engine and a real Neutron showed that the mocks had hidden (docs/live.md), kept as
// offline tests so `npm test` catches a regression without the live tier.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { CatalogSecGroup, OpenStackControllerRules, reportOf } from "../components/index.js";
import { setupMocks } from "../testing/index.js";
import { runCli } from "./support/cli.js";

const OS_RULE = "openstack:networking/secGroupRule:SecGroupRule";

describe("lessons of the live tier (offline)", () => {
  it("every Neutron rule is replaced delete-first: Neutron answers 409 SecurityGroupRuleExists to a second rule of the same content", async () => {
    const rec = await setupMocks();
    const options: Record<string, pulumi.CustomResourceOptions> = {};
    // A component's transformations see each child's options as registered.
    const record: pulumi.ResourceTransformation = (a) => {
      if (a.type === OS_RULE) options[a.name] = a.opts as pulumi.CustomResourceOptions;
      return undefined;
    };
    new OpenStackControllerRules("ctl", { securityGroupId: "sg-1", release: "kilo" }, { transformations: [record] });
    await rec.settled();
    const names = Object.keys(options);
    expect(names.length).to.be.greaterThan(10);
    expect(names.filter((n) => options[n].deleteBeforeReplace !== true)).to.deep.equal([]);
  });

  it("the project's default group counts against Neutron's rule quota: 4 rules before anything is deployed", async () => {
    await setupMocks();
    const planned = reportOf(new CatalogSecGroup("probe", { products: [{ product: "openstack/kilo" }], deleteDefaultRules: true, projectRuleQuota: 1000 })).plan.rules.length;
    expect(() => new CatalogSecGroup("tight", { products: [{ product: "openstack/kilo" }], deleteDefaultRules: true, projectRuleQuota: planned })).to.throw(
      new RegExp(`${planned} rules plus 4 already in use exceed Neutron's project quota of ${planned}`),
    );
    expect(() => new CatalogSecGroup("fits", { products: [{ product: "openstack/kilo" }], deleteDefaultRules: true, projectRuleQuota: planned + 4 })).not.to.throw();
    // A project known to hold nothing else (its default group deleted) says so.
    expect(() => new CatalogSecGroup("bare", { products: [{ product: "openstack/kilo" }], deleteDefaultRules: true, projectRuleQuota: planned, rulesInProject: 0 })).not.to.throw();
  });

  it("the plan shows Neutron's default egress rules of a group that keeps them", async () => {
    const { stdout, status } = await runCli(["plan", "--example", "openstack-controller", "--json"]);
    expect(status).to.equal(0);
    const rules = (JSON.parse(stdout) as { rules: { group: string; name: string; direction: string; protocol: string; peer: string }[] }).rules;
    const defaults = rules.filter((r) => r.name.includes("-neutron-default-egress-"));
    expect(defaults.map((r) => `${r.group} ${r.direction} ${r.protocol} ${r.peer}`).sort()).to.deep.equal(
      ["compute", "controller", "storage"].flatMap((g) => [`${g} egress all anywhere-ipv4`, `${g} egress all anywhere-ipv6`]),
    );
  });

  it("the installed package's `prepare` builds nothing: `pulumi package` runs npm install in it, and its sources for tsc are not shipped", () => {
    const dir = mkdtempSync(join(tmpdir(), "portcatalog-prepare-"));
    try {
      copyFileSync(join(__dirname, "..", "package.json"), join(dir, "package.json"));
      const r = spawnSync("npm", ["run", "prepare"], { cwd: dir, encoding: "utf8" });
      expect(r.status, `${r.stdout}${r.stderr}`).to.equal(0);
      expect(r.stdout).not.to.match(/> portcatalog@[^ ]+ build/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
