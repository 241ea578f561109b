import { AWS_PROFILE, OPENSTACK_PROFILE } from "../components/clouds.js";
import { expect } from "chai";
import { builtinCatalog, PortcatalogError, productEntries, selectProduct } from "../catalog/index.js";
import { AWS_RULES_PER_GROUP } from "../components/clouds.js";
import { groupLowerBound, type PlannedRule, planRules, quotaReport, type Selection, splitIntoGroups } from "../planner/index.js";

const product = (name: string, offsets?: Selection["offsets"]): Selection => ({ name, entries: productEntries(builtinCatalog.entries, name), offsets });
const keys = (rules: PlannedRule<unknown>[]) => rules.map((r) => r.key);

describe("planner: defaults and audiences", () => {
  it("public → 0.0.0.0/0 and ::/0, internal → self, admin → closed and said so", () => {
    const plan = planRules([product("openstack/kilo")], { cloud: AWS_PROFILE });
    expect(keys(plan.rules)).to.include.members(["in-tcp-5000-anywhere-ipv4", "in-tcp-5000-anywhere-ipv6", "in-tcp-3306-self"]);
    const closed = plan.leftOut.find((l) => l.entryId === "openstack/cloud/keystone-admin");
    expect(closed?.reason).to.match(/admin port left closed: give sources.admin/);
    expect(plan.warnings.join("\n")).to.match(/1 admin-only port left closed \(tcp\/35357\): give sources\.admin/);
    // cinder is public and admin: open to the public, not left out.
    expect(plan.leftOut.some((l) => l.entryId === "openstack/cloud/cinder-api")).to.equal(false);
  });
  it("internal ports are never public unless the user says so", () => {
    const plan = planRules([product("openstack/kilo")], { cloud: AWS_PROFILE });
    for (const r of plan.rules.filter((x) => x.peer.kind === "cidr")) {
      for (const id of r.entries) {
        const e = builtinCatalog.entries.find((x) => x.id === id);
        expect(e?.audiences, `${r.key} serves ${id}`).to.include("public");
      }
    }
    const opened = planRules([product("openstack/kilo")], { cloud: AWS_PROFILE, sources: { internal: { cidrIpv4: ["10.0.0.0/8"] } } });
    expect(keys(opened.rules)).to.include("in-tcp-3306-ipv4-10-0-0-0_8");
  });
  it("admin sources open admin ports to exactly those peers", () => {
    const plan = planRules([product("openstack/kilo")], { cloud: AWS_PROFILE, sources: { admin: { cidrIpv4: ["10.1.0.0/16"] } } });
    expect(keys(plan.rules)).to.include("in-tcp-35357-ipv4-10-1-0-0_16");
    expect(keys(plan.rules)).to.not.include("in-tcp-35357-anywhere-ipv4");
    expect(plan.leftOut).to.deep.equal([]);
  });
  it("security groups, prefix lists and self become one rule each; Pulumi-style ids pass through untouched", () => {
    const output = { promise: "an unresolved Pulumi output" };
    const plan = planRules<unknown>([product("anbox-cloud/charmed")], {
      cloud: AWS_PROFILE,
      sources: { internal: { self: true, securityGroups: [{ name: "lxd-nodes", id: output }], prefixLists: [{ id: "pl-123", maxEntries: 5 }] } },
    });
    const nats = plan.rules.filter((r) => r.fromPort === 4222);
    expect(keys(nats)).to.deep.equal(["in-tcp-4222-pl-123", "in-tcp-4222-self", "in-tcp-4222-sg-lxd-nodes"]);
    // An id as the name is not prefixed twice; the key 0.1 gave the rule stays as its alias.
    expect(nats.find((r) => r.peer.kind === "prefix-list")?.previousKey).to.equal("in-tcp-4222-pl-pl-123");
    expect(nats.find((r) => r.peer.kind === "security-group")?.previousKey).to.equal(undefined);
    expect(nats.find((r) => r.peer.kind === "security-group")?.peer).to.deep.include({ id: output });
  });
  it("OpenStack group references get one rule per ethertype; AWS ones are family-less", () => {
    const os = planRules([product("openstack/kilo")], { cloud: OPENSTACK_PROFILE });
    expect(keys(os.rules)).to.include.members(["in-tcp-3306-self-ipv4", "in-tcp-3306-self-ipv6"]);
    const aws = planRules([product("openstack/kilo")], { cloud: AWS_PROFILE });
    expect(aws.rules.find((r) => r.key === "in-tcp-3306-self")?.ethertype).to.equal("any");
  });
});

describe("planner: features, offsets, egress", () => {
  it("optional entries stay out until their feature is switched on", () => {
    const off = planRules([product("anbox-cloud/appliance")], { cloud: AWS_PROFILE });
    expect(off.leftOut.map((l) => l.reason)).to.include('optional: switched on by feature "turn-relay"');
    const on = planRules([product("anbox-cloud/appliance")], { cloud: AWS_PROFILE, features: ["turn-relay"] });
    expect(keys(on.rules)).to.include("in-udp-60000-60100-anywhere-ipv4");
    const all = planRules([product("anbox-cloud/appliance")], { cloud: AWS_PROFILE, allFeatures: true });
    expect(all.leftOut).to.deep.equal([]);
  });
  it("applies a WSO2 port offset, leaving fixed ports and following the analytics server", () => {
    const plan = planRules([product("wso2/api-manager", { portOffset: 2, analyticsPortOffset: 1 })], { cloud: AWS_PROFILE, features: ["analytics", "clustering-wka"] });
    expect(keys(plan.rules)).to.include.members(["in-tcp-8282-anywhere-ipv4", "in-tcp-4000-self", "in-tcp-7612-self"]);
    // 7612 is fixed, 7711+analytics offset is 7712: one contiguous run with 7612? No: 7612 and 7712 are far apart.
    expect(keys(plan.rules)).to.include("in-tcp-7712-self");
  });
  it("Micro Integrator's portOffset replaces its shipped offset 10: unset 8290, 3 gives 8283, 0 gives 8280", () => {
    const mi = (portOffset?: number): Selection => ({ ...selectProduct(builtinCatalog, { product: "wso2/micro-integrator", release: "4.3" }), offsets: { portOffset } });
    const publicPorts = (plan: ReturnType<typeof planRules>) => plan.rules.filter((r) => r.key.endsWith("anywhere-ipv4")).map((r) => r.fromPort);
    expect(publicPorts(planRules([mi()], { cloud: AWS_PROFILE }))).to.have.members([8290, 8253]);
    expect(publicPorts(planRules([mi(3)], { cloud: AWS_PROFILE }))).to.have.members([8283, 8246]);
    expect(publicPorts(planRules([mi(0)], { cloud: AWS_PROFILE }))).to.have.members([8280, 8243]);
    // Beside API Manager 4.x (8280/8243 at offset 0) only Micro Integrator at offset 0 collides.
    const apim: Selection = selectProduct(builtinCatalog, { product: "wso2/api-manager", release: "4.7" });
    expect(planRules([apim, mi()], { cloud: AWS_PROFILE }).conflicts).to.deep.equal([]);
    const clash = planRules([apim, mi(0)], { cloud: AWS_PROFILE }).conflicts.map((c) => `${c.protocol}/${c.fromPort}`);
    expect(clash).to.include.members(["tcp/8280", "tcp/8243"]);
  });
  it("egress goes to the recorded destination, or to the one the user names", () => {
    const emm = product("wso2/enterprise-mobility-manager");
    const plan = planRules([emm], { cloud: AWS_PROFILE });
    expect(keys(plan.rules)).to.include("out-tcp-2195-2196-ipv4-17-0-0-0_8");
    const withDevices = planRules([emm], { cloud: AWS_PROFILE, features: ["device-network"] });
    expect(withDevices.leftOut.find((l) => l.entryId.endsWith("fcm-device"))?.reason).to.match(/no destination: .*ASN 15169.*destinations\["google-fcm"\]/);
    const named = planRules([emm], { cloud: AWS_PROFILE, features: ["device-network"], destinations: { "google-fcm": { cidrIpv4: ["172.217.0.0/16"] } } });
    expect(keys(named.rules)).to.include("out-tcp-5228-5230-ipv4-172-217-0-0_16");
  });
});

describe("planner: allowAllEgress", () => {
  it("adds every-protocol egress to anywhere, which makes the catalog's own egress rules redundant", () => {
    const emm = product("wso2/enterprise-mobility-manager");
    const plan = planRules([emm], { cloud: AWS_PROFILE, allowAllEgress: true });
    const egress = plan.rules.filter((r) => r.direction === "egress");
    expect(keys(egress)).to.deep.equal(["out-all-anywhere-ipv4", "out-all-anywhere-ipv6"]);
    expect(egress[0]).to.include({ protocol: "all", fromPort: 1, toPort: 65535 });
    expect(quotaReport(AWS_PROFILE, plan.rules).usage).to.include({ "egress/IPv4": 1, "egress/IPv6": 1 });
    // Without it, the catalog's APNs egress stays as planned.
    expect(keys(planRules([emm], { cloud: AWS_PROFILE }).rules.filter((r) => r.direction === "egress"))).to.deep.equal(["out-tcp-2195-2196-ipv4-17-0-0-0_8"]);
  });
});

describe("planner: exact, minimal, deduplicated", () => {
  it("merges only really contiguous ports", () => {
    const plan = planRules([product("openstack/kilo")], { cloud: AWS_PROFILE });
    // VNC consoles 5900-5999 and swift 6000, 6001, 6002 are all internal and contiguous: one rule.
    expect(keys(plan.rules)).to.include("in-tcp-5900-6002-self");
    // novnc 6080, xvp 6081, spice 6082: one public rule; heat-cfn 8000 stays apart from cloudwatch 8003 + heat 8004.
    expect(keys(plan.rules)).to.include.members(["in-tcp-6080-6082-anywhere-ipv4", "in-tcp-8000-anywhere-ipv4", "in-tcp-8003-8004-anywhere-ipv4"]);
    // 8773-8774 and 8776-8777 are public, but the internal metadata API 8775 between them keeps them apart.
    expect(keys(plan.rules)).to.include.members(["in-tcp-8773-8774-anywhere-ipv4", "in-tcp-8775-self", "in-tcp-8776-8777-anywhere-ipv4"]);
  });
  it("deduplicates across composed selections, and reports their conflicts", () => {
    const ei = product("wso2/enterprise-integrator");
    const esb = product("wso2/enterprise-service-bus");
    const plan = planRules([ei, esb], { cloud: AWS_PROFILE });
    expect(plan.rules.filter((r) => r.key === "in-tcp-8243-anywhere-ipv4")).to.have.length(1);
    expect(plan.rules.find((r) => r.key === "in-tcp-8243-anywhere-ipv4")?.entries).to.include.members([
      "wso2/enterprise-integrator/esb-passthrough-https",
      "wso2/enterprise-service-bus/passthrough-https",
    ]);
    expect(plan.conflicts.map((c) => c.fromPort)).to.include.members([8243, 8280, 9443]);
    expect(plan.warnings.join("\n")).to.match(/port conflict on tcp\/8243: wso2\/enterprise-integrator .* vs wso2\/enterprise-service-bus/);
  });
  it("the same product twice at two offsets reports the collisions of its fixed ports, not of its moved ones", () => {
    const twice = [product("wso2/api-manager", { portOffset: 0 }), product("wso2/api-manager", { portOffset: 10 })];
    const plan = planRules(twice, { cloud: AWS_PROFILE, features: ["clustering-wka"] });
    const collided = plan.conflicts.map((c) => `${c.protocol}/${c.fromPort}`);
    expect(collided).to.include("tcp/4000"); // clustering-wka's localMemberPort is fixed
    expect(collided).to.not.include("tcp/9443"); // the servlet port moves with the offset: 9443 and 9453
    expect(plan.conflicts.find((c) => c.fromPort === 4000)?.products).to.deep.equal(["wso2/api-manager #1 (portOffset 0)", "wso2/api-manager #2 (portOffset 10)"]);
    // The shared fixed port is still one rule.
    expect(plan.rules.filter((r) => r.fromPort === 4000 && r.peer.kind === "self")).to.have.length(1);
  });
  it("descriptions fit AWS: at most 255 characters of its allowed set", () => {
    const plan = planRules([{ name: "all", entries: builtinCatalog.entries }], { cloud: AWS_PROFILE, allFeatures: true, sources: { admin: { self: true } } });
    for (const r of plan.rules) expect(r.description).to.match(/^[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]{1,255}$/);
  });
});

describe("planner: bad input is rejected before anything is created", () => {
  const kilo = [product("openstack/kilo")];
  const cases: [string, () => unknown, RegExp][] = [
    ["invalid CIDR", () => planRules(kilo, { cloud: AWS_PROFILE, sources: { admin: { cidrIpv4: ["10.0.0.300/8"] } } }), /sources.admin.cidrIpv4\[0\]: "10.0.0.300\/8" is not a valid IPv4 CIDR/],
    ["IPv6 where IPv4 is expected", () => planRules(kilo, { cloud: AWS_PROFILE, sources: { admin: { cidrIpv4: ["2001:db8::/32"] } } }), /"2001:db8::\/32" is an IPv6 CIDR; put it in cidrIpv6/],
    ["IPv4 where IPv6 is expected", () => planRules(kilo, { cloud: AWS_PROFILE, sources: { public: { cidrIpv6: ["0.0.0.0/0"] } } }), /"0.0.0.0\/0" is an IPv4 CIDR; put it in cidrIpv4/],
    ["host bits set", () => planRules(kilo, { cloud: AWS_PROFILE, sources: { admin: { cidrIpv4: ["10.1.2.3/16"] } } }), /"10.1.2.3\/16" has host bits set; the network address is 10.1.0.0\/16/],
    ["port out of range after an offset", () => planRules([product("wso2/storage-server", { portOffset: 60000 })], { cloud: AWS_PROFILE }), /above 65535/],
    ["unknown feature", () => planRules(kilo, { cloud: AWS_PROFILE, features: ["turn-relay"] }), /unknown feature "turn-relay" for this selection: the selected entries have no features/],
    ["unknown feature, with choices", () => planRules([product("anbox-cloud/appliance")], { cloud: AWS_PROFILE, features: ["turn"] }), /unknown feature "turn" .*use "instance-services", "stun-turn" or "turn-relay"/],
    ["empty peer set", () => planRules(kilo, { cloud: AWS_PROFILE, sources: { public: {} } }), /sources.public is empty/],
    ["output id without a name", () => planRules<unknown>(kilo, { cloud: AWS_PROFILE, sources: { admin: { securityGroups: [{ id: {} }] } } }), /sources.admin.securityGroups\[0\]: id is not a plain string .* give it a name/],
    ["prefix list without max entries", () => planRules(kilo, { cloud: AWS_PROFILE, sources: { admin: { prefixLists: [{ id: "pl-1", maxEntries: 0 }] } } }), /sources.admin.prefixLists\[0\].maxEntries: must be at least 1, got 0/],
    ["prefix list on OpenStack", () => planRules(kilo, { cloud: OPENSTACK_PROFILE, sources: { admin: { prefixLists: [{ id: "pl-1", maxEntries: 2 }] } } }), /sources.admin.prefixLists: Neutron has no prefix lists/],
    ["unknown destination", () => planRules(kilo, { cloud: AWS_PROFILE, destinations: { apple: { cidrIpv4: ["17.0.0.0/8"] } } }), /unknown destination "apple"/],
  ];
  for (const [what, run, message] of cases) {
    it(what, () => expect(run).to.throw(PortcatalogError, message));
  }
  it("an offset pushing a port past 65535 names the entry and the largest valid offset", () => {
    // HDFS's 54310 is fixed; the highest port that moves is JMX's 11111 once jmx is on, else LDAP-less 9763.
    expect(() => planRules([product("wso2/storage-server", { portOffset: 60000 })], { cloud: AWS_PROFILE })).to.throw(/portOffset 60000 moves wso2\/common\/servlet-http \(port 9763\) to 69763, above 65535: use a portOffset of at most 55772/);
    expect(() => planRules([product("wso2/storage-server", { portOffset: 60000 })], { cloud: AWS_PROFILE, features: ["jmx"] })).to.throw(/wso2\/common\/jmx-rmi-registry \(port 11111\).*at most 54424/);
  });
});

describe("planner: quotas", () => {
  const cidrRules = (n: number): PlannedRule[] =>
    Array.from({ length: n }, (_, i) => ({ key: `in-tcp-${1000 + 2 * i}-x`, direction: "ingress", ethertype: "IPv4", protocol: "tcp", fromPort: 1000 + 2 * i, toPort: 1000 + 2 * i, peer: { kind: "cidr", cidr: "10.0.0.0/8", ethertype: "IPv4" }, description: "d", entries: [], services: [] }));
  it("splits 130 IPv4 rules into the 3 groups the lower bound says, none over 60", () => {
    const split = splitIntoGroups(cidrRules(130), AWS_RULES_PER_GROUP);
    expect(split.groups.map((g) => g.length)).to.deep.equal([60, 60, 10]);
    expect(split.lowerBound).to.equal(3);
  });
  it("counts IPv4 and IPv6 separately, a referenced group in both, a prefix list by its max entries", () => {
    const plan = planRules([product("openstack/kilo")], { cloud: AWS_PROFILE, sources: { internal: { prefixLists: [{ id: "pl-x", maxEntries: 10 }] } } });
    const report = quotaReport(AWS_PROFILE, plan.rules);
    const internalRules = plan.rules.filter((r) => r.peer.kind === "prefix-list").length;
    const v4Public = plan.rules.filter((r) => r.peer.kind === "cidr" && r.ethertype === "IPv4").length;
    expect(report.usage["ingress/IPv4"]).to.equal(v4Public + 10 * internalRules);
    expect(report.groups).to.equal(groupLowerBound(plan.rules, 60));
  });
  it("is deterministic: the same rules split the same way in any input order", () => {
    const rules = cidrRules(100);
    const a = splitIntoGroups(rules, 30).groups.map(keys);
    const b = splitIntoGroups([...rules].reverse(), 30).groups.map(keys);
    expect(a).to.deep.equal(b);
  });
  it("reports Neutron's project quota", () => {
    const plan = planRules([{ name: "all", entries: builtinCatalog.entries }], { cloud: OPENSTACK_PROFILE, allFeatures: true, sources: { admin: { self: true } } });
    const report = quotaReport(OPENSTACK_PROFILE, plan.rules);
    expect(report.limit).to.equal(100);
    expect(report.projectRules).to.equal(plan.rules.length);
    expect(report.fits).to.equal(plan.rules.length <= 100);
  });
  it("a prefix list larger than the whole quota is an error naming the rule", () => {
    const plan = planRules([product("anbox-cloud/appliance")], { cloud: AWS_PROFILE, sources: { internal: { prefixLists: [{ id: "pl-big", maxEntries: 100 }] } } });
    expect(() => splitIntoGroups(plan.rules, 60)).to.throw(PortcatalogError, /rule in-tcp-.*-pl-big alone costs 100 rules/);
  });
});

describe("planner on the real catalog (the benchmark's selections)", () => {
  it("plans exactly the independently counted lower bound of rules for every selection", async () => {
    const { benchPlanner } = await import("../bench/planner-bench.js");
    for (const row of benchPlanner(1)) {
      expect(row.plannedRules, row.selection).to.equal(row.lowerBound);
      expect(row.plannedRules, row.selection).to.be.at.most(row.naiveRules);
      expect(row.awsGroups, row.selection).to.equal(row.awsGroupLowerBound);
    }
  });
});
