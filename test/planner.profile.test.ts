// Cloud profiles: the planner knows a cloud only through the profile its adapter supplies.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { builtinCatalog, PortcatalogError, productEntries } from "../catalog/index.js";
import { AWS_PROFILE, AWS_RULES_PER_GROUP, AZURE_PROFILE, KUBERNETES_PROFILE, NEUTRON_RULES_PER_PROJECT, OPENSTACK_PROFILE, resolveCloud } from "../components/clouds.js";
import {
  type CloudProfile,
  cloudProfile,
  type PlannedRule,
  planRules,
  quotaCost,
  quotaReport,
  type Selection,
  splitIntoGroups,
} from "../planner/index.js";

const product = (name: string): Selection => ({ name, entries: productEntries(builtinCatalog.entries, name) });
const keys = (rules: PlannedRule<unknown>[]) => rules.map((r) => r.key);
const kilo = [product("openstack/kilo")];
const everything: Selection[] = [{ name: "all", entries: builtinCatalog.entries }];

/** A made-up cloud: an ethertype on every rule, no prefix lists, 50 rules per group, each counting 1. */
const ACME: CloudProfile = { name: "acme", title: "Acme Cloud", groupReferencePerFamily: true, prefixLists: false, quota: { scope: "group", limit: 50, buckets: "rules" } };

describe("cloud profiles: the built-in clouds", () => {
  it("the names belong to the adapters: resolveCloud maps them to the adapters' own profiles, which pass the profile check", () => {
    expect(resolveCloud("aws")).to.equal(AWS_PROFILE);
    expect(resolveCloud("openstack")).to.equal(OPENSTACK_PROFILE);
    expect(resolveCloud("azure")).to.equal(AZURE_PROFILE);
    expect(resolveCloud("kubernetes")).to.equal(KUBERNETES_PROFILE);
    for (const p of [AWS_PROFILE, OPENSTACK_PROFILE, AZURE_PROFILE, KUBERNETES_PROFILE]) expect(cloudProfile({ ...p })).to.deep.equal(p);
    expect(cloudProfile({ ...AWS_PROFILE })).to.deep.equal(AWS_PROFILE);
    expect(cloudProfile({ ...OPENSTACK_PROFILE })).to.deep.equal(OPENSTACK_PROFILE);
    expect([AWS_RULES_PER_GROUP, NEUTRON_RULES_PER_PROJECT]).to.deep.equal([AWS_PROFILE.quota.limit, OPENSTACK_PROFILE.quota.limit]);
  });
  it("the planner takes no cloud's name: one line pointing to the adapter's profile; resolveCloud's plan equals the profile's", () => {
    const options = { allFeatures: true, sources: { admin: { cidrIpv4: ["10.0.0.0/8"], self: true } } };
    for (const [name, profile] of [["aws", AWS_PROFILE], ["openstack", OPENSTACK_PROFILE]] as const) {
      expect(planRules(everything, { ...options, cloud: { ...profile } }), name).to.deep.equal(planRules(everything, { ...options, cloud: resolveCloud(name) }));
      const constant = `${name.toUpperCase()}_PROFILE`;
      // biome-ignore lint/suspicious/noExplicitAny: the name, as a JavaScript or YAML user would pass it
      expect(() => planRules(everything, { ...options, cloud: name as any })).to.throw(PortcatalogError, new RegExp(`^cloud: "${name}" is a name, and the planner takes a cloud's profile: pass ${constant} or resolveCloud\\("${name}"\\) from "portcatalog" \\(the adapters own the names\\)$`));
    }
    expect(() => resolveCloud("gcp" as never)).to.throw(PortcatalogError, /^cloud: "gcp" is not a built-in cloud: use "aws", "openstack", "azure" or "kubernetes"/);
  });

  it("no file of planner/ imports from components/ (the planner knows no cloud by name)", () => {
    const dir = join(__dirname, "..", "planner");
    const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));
    expect(files.length).to.be.greaterThan(5);
    for (const f of files) {
      const text = readFileSync(join(dir, f), "utf8");
      const imports = [...text.matchAll(/\b(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]);
      expect(imports.filter((i) => /(^|\/)components(\/|$)/.test(i)), `planner/${f}`).to.deep.equal([]);
      expect(text, `planner/${f} names a cloud`).to.not.match(/["'](aws|openstack|azure|kubernetes)["']/);
    }
  });
  it("a raised quota is a profile too: the AWS profile with 200 rules per group", () => {
    const plan = planRules(everything, { cloud: AWS_PROFILE, allFeatures: true, sources: { admin: { self: true } } });
    expect(quotaReport(AWS_PROFILE, plan.rules).fits, "the whole catalog does not fit AWS's default").to.equal(false);
    const raised = quotaReport({ ...AWS_PROFILE, quota: { ...AWS_PROFILE.quota, limit: 1000 } }, plan.rules);
    expect(raised).to.include({ cloud: "aws", limit: 1000, groups: 1, fits: true });
  });
  it("planner/ names no cloud and branches on none", () => {
    const dir = join(__dirname, "..", "planner");
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
      const text = readFileSync(join(dir, file), "utf8");
      expect(text, file).to.not.match(/["'](aws|openstack|azure)["']/);
      expect(text, file).to.not.match(/cloud\s*[!=]==/);
    }
  });
});

describe("cloud profiles: a third cloud, made up, with no change to the planner", () => {
  it("group references become one rule per family; CIDR rules are the same as on any cloud", () => {
    const plan = planRules(kilo, { cloud: ACME });
    expect(plan.cloud).to.equal("acme");
    expect(keys(plan.rules)).to.include.members(["in-tcp-3306-self-ipv4", "in-tcp-3306-self-ipv6"]);
    expect(plan.rules.some((r) => r.ethertype === "any")).to.equal(false);
    // Same capabilities as Neutron, so the same rules; AWS differs only in its family-less references.
    expect(plan.rules).to.deep.equal(planRules(kilo, { cloud: OPENSTACK_PROFILE }).rules);
    const aws = planRules(kilo, { cloud: AWS_PROFILE }).rules;
    expect(plan.rules.filter((r) => r.peer.kind === "cidr")).to.deep.equal(aws.filter((r) => r.peer.kind === "cidr"));
  });
  it("refuses prefix lists in sources and in destinations, naming the cloud", () => {
    const pl = { prefixLists: [{ id: "pl-1", maxEntries: 2 }] };
    expect(() => planRules(kilo, { cloud: ACME, sources: { admin: pl } })).to.throw(PortcatalogError, /^sources\.admin\.prefixLists: Acme Cloud has no prefix lists; use cidrIpv4, cidrIpv6 or securityGroups$/);
    const emm = [product("wso2/enterprise-mobility-manager")];
    expect(() => planRules(emm, { cloud: ACME, destinations: { "apple-apns": pl } })).to.throw(PortcatalogError, /^destinations\.apple-apns\.prefixLists: Acme Cloud has no prefix lists/);
    // Neutron too: a destination prefix list used to be planned, and only the OpenStack adapter refused it.
    expect(() => planRules(emm, { cloud: OPENSTACK_PROFILE, destinations: { "apple-apns": pl } })).to.throw(PortcatalogError, /^destinations\.apple-apns\.prefixLists: Neutron has no prefix lists/);
    expect(keys(planRules(emm, { cloud: AWS_PROFILE, destinations: { "apple-apns": pl } }).rules)).to.include("out-tcp-2195-2196-pl-1");
  });
  it("counts its quota its own way: 50 rules per group, every rule 1", () => {
    const plan = planRules(everything, { cloud: ACME, allFeatures: true, sources: { admin: { self: true } } });
    const n = plan.rules.length;
    expect(n).to.be.greaterThan(100);
    const report = quotaReport(ACME, plan.rules);
    expect(report).to.deep.equal({ cloud: "acme", limit: 50, usage: { rules: n }, groups: Math.ceil(n / 50), lowerBound: Math.ceil(n / 50), fits: false });
    const split = splitIntoGroups(plan.rules, ACME.quota.limit, quotaCost(ACME.quota));
    expect(split.groups.map((g) => g.length)).to.deep.equal([...Array(Math.floor(n / 50)).fill(50), ...(n % 50 ? [n % 50] : [])]);
    // A project-wide quota of the same size: one number for the whole plan.
    const project = quotaReport({ ...ACME, quota: { ...ACME.quota, scope: "project" } }, plan.rules);
    expect(project).to.deep.equal({ cloud: "acme", limit: 50, usage: { rules: n }, projectRules: n, fits: false });
  });
});

describe("cloud profiles: every input is checked", () => {
  // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong types
  const plan = (cloud: unknown) => () => planRules(kilo, { cloud: cloud as any });
  const profile = (patch: Record<string, unknown>) => ({ ...ACME, ...patch });
  const quota = (patch: Record<string, unknown>) => profile({ quota: { ...ACME.quota, ...patch } });
  const cases: [string, unknown, RegExp][] = [
    ["an unknown name", "gcp", /^cloud: "gcp" is a name, and the planner takes a cloud's profile: pass GCP_PROFILE or resolveCloud\("gcp"\) from "portcatalog" \(the adapters own the names\)$/],
    ["a name from Object's prototype", "constructor", /^cloud: "constructor" is a name, and the planner takes a cloud's profile/],
    ["no cloud", undefined, /^cloud: expected a cloud profile \{ name, title, groupReferencePerFamily, prefixLists, quota: \{ scope, limit, buckets \} \}, got nothing \(it is required\)$/],
    ["a number", 3, /^cloud: expected a cloud profile .*, got 3$/],
    ["a list", ["aws"], /^cloud: expected .*, got \["aws"\]$/],
    ["a Pulumi Output", { __pulumiOutput: true }, /^cloud: got a Pulumi Output/],
    ["a name that is not a slug", profile({ name: "Acme Cloud" }), /^cloud\.name: must be a lowercase slug \(a-z, 0-9, dashes\), e\.g\. aws, got "Acme Cloud"$/],
    ["no title", profile({ title: undefined }), /^cloud\.title: expected a string, got nothing \(it is required\)$/],
    ["a title on two lines", profile({ title: "Acme\nCloud" }), /^cloud\.title: must be printable text on one line, got "Acme\\nCloud"$/],
    ["groupReferencePerFamily as a string", profile({ groupReferencePerFamily: "yes" }), /^cloud\.groupReferencePerFamily: expected true or false, got "yes" \(a string\)$/],
    ["prefixLists missing", profile({ prefixLists: undefined }), /^cloud\.prefixLists: expected true or false, got nothing/],
    ["an unknown field", profile({ ethertypes: ["IPv4"] }), /^cloud: unknown field "ethertypes": use "name", "title", "groupReferencePerFamily", "prefixLists" or "quota"$/],
    ["no quota", profile({ quota: undefined }), /^cloud\.quota: expected an object, got nothing/],
    ["a quota limit of 0", quota({ limit: 0 }), /^cloud\.quota\.limit: must be at least 1, got 0$/],
    ["a fractional quota limit", quota({ limit: 2.5 }), /^cloud\.quota\.limit: expected a whole number, got 2\.5 \(a number\)$/],
    ["a quota limit past the cap", quota({ limit: 1e9 }), /^cloud\.quota\.limit: must be at most 1000000, got 1000000000$/],
    ["an unknown quota scope", quota({ scope: "region" }), /^cloud\.quota\.scope: "region" is not valid: use "group" or "project"$/],
    ["unknown buckets", quota({ buckets: "family" }), /^cloud\.quota\.buckets: "family" is not valid: use "direction-family" or "rules"$/],
  ];
  for (const [what, cloud, message] of cases) it(`planRules: ${what}`, () => expect(plan(cloud)).to.throw(PortcatalogError, message));
  it("quotaReport checks the profile the same way", () => {
    // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong types
    expect(() => quotaReport(quota({ limit: -1 }) as any, [])).to.throw(PortcatalogError, /^cloud\.quota\.limit: must be at least 1, got -1$/);
    // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong types
    expect(() => quotaReport("azure" as any, [])).to.throw(PortcatalogError, /^cloud: "azure" is a name, and the planner takes a cloud's profile: pass AZURE_PROFILE/);
  });
});
