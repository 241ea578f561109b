import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import {
  builtinCatalog,
  type Catalog,
  diffReleases,
  mergeCatalogs,
  PortcatalogError,
  productEntries,
  productReleases,
  queryCatalog,
  selectProduct,
  validateCatalog,
} from "../catalog/index.js";
import { runCli } from "./support/cli.js";

const catalog = builtinCatalog;
const select = (product: string, release?: string) => selectProduct(catalog, { product, ...(release ? { release } : {}) });
const ports = (entries: { protocol: string; fromPort: number; toPort: number }[]) => entries.map((e) => `${e.protocol}/${e.fromPort}${e.toPort !== e.fromPort ? `-${e.toPort}` : ""}`);
const byId = (id: string) => {
  const e = catalog.entries.find((x) => x.id === id);
  if (!e) throw new Error(`no entry ${id}`);
  return e;
};

describe("releases: the registry", () => {
  it("lists each product's releases oldest first, the document's release first", () => {
    expect(productReleases(catalog, "anbox-cloud/charmed").map((r) => r.name)).to.deep.equal(["1.23", "1.24", "1.25", "1.26", "1.27", "1.28", "1.29", "1.30"]);
    expect(productReleases(catalog, "openstack/cloud").map((r) => r.name)).to.deep.equal(["kilo", "2025.1", "2025.2"]);
    expect(productReleases(catalog, "wso2/api-manager").map((r) => r.name)).to.deep.equal(["carbon-4.4", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7"]);
    expect(productReleases(catalog, "wso2/identity-server").map((r) => r.name)).to.deep.equal(["carbon-4.4", "7.0", "7.1", "7.2", "7.3"]);
  });
  it("a port that did not change is one entry with several releases", () => {
    expect(byId("openstack/cloud/mysql").releases).to.deep.equal(["kilo", "2025.1", "2025.2"]);
    expect(byId("anbox-cloud/charmed/ams-api").releases).to.deep.equal(["1.23", "1.24", "1.25", "1.26", "1.27", "1.28", "1.29", "1.30"]);
    expect(byId("wso2/api-manager/gateway-http").releases).to.deep.equal(["carbon-4.4", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7"]);
    expect(byId("openstack/cloud/mysql").notes?.join(" ")).to.contain("Holds for 2025.1, 2025.2 too: openstack/kolla-ansible:");
  });
});

describe("releases: selection", () => {
  it("without a release takes the newest the catalog has, and says which", () => {
    expect(select("openstack/cloud").release).to.equal("2025.2");
    expect(select("anbox-cloud/charmed").release).to.equal("1.30");
    expect(select("wso2/api-manager").release).to.equal("4.7");
    expect(select("wso2/micro-integrator").release).to.equal("4.3");
  });
  it("with a release takes exactly the entries that hold for it", () => {
    const kilo = select("openstack/cloud", "kilo");
    expect(kilo).to.include({ name: "openstack/cloud", release: "kilo" });
    expect(kilo.entries).to.have.length(28);
    expect(kilo.entries.every((e) => e.releases?.includes("kilo"))).to.equal(true);
    expect(select("openstack/cloud", "2025.1").entries.map((e) => e.id)).to.deep.equal(select("openstack/cloud", "2025.2").entries.map((e) => e.id));
  });
  it("openstack/kilo stays an alias for openstack/cloud at release kilo", () => {
    const alias = selectProduct(catalog, { product: "openstack/kilo" });
    expect(alias.name).to.equal("openstack/cloud");
    expect(alias.release).to.equal("kilo");
    expect(alias.entries.map((e) => e.id)).to.deep.equal(select("openstack/cloud", "kilo").entries.map((e) => e.id));
    expect(productEntries(catalog.entries, "openstack/kilo").map((e) => e.id)).to.deep.equal(alias.entries.map((e) => e.id));
    expect(() => selectProduct(catalog, { product: "openstack/kilo", release: "2025.2" })).to.throw(PortcatalogError, /"openstack\/kilo" means openstack\/cloud release "kilo"; for release "2025.2" select openstack\/cloud/);
  });
  it("an unknown release is an error listing the valid ones", () => {
    expect(() => select("openstack/cloud", "zed")).to.throw(PortcatalogError, 'unknown release "zed" of openstack/cloud: use "kilo", "2025.1" or "2025.2"');
    expect(() => select("anbox-cloud/appliance", "1.31")).to.throw(/unknown release "1.31" of anbox-cloud\/appliance: did you mean "1.30"\? use "1.23", .* or "1.30"/);
    expect(() => select("openstack/zed")).to.throw(/unknown product "openstack\/zed"/);
  });
  it("productEntries keeps its old meaning for old callers: the document's release unless one is named", () => {
    expect(productEntries(catalog.entries, "anbox-cloud/charmed").map((e) => e.id)).to.deep.equal(select("anbox-cloud/charmed", "1.23").entries.map((e) => e.id));
    expect(productEntries(catalog.entries, "wso2/api-manager", "4.5").map((e) => e.id)).to.deep.equal(select("wso2/api-manager", "4.5").entries.map((e) => e.id));
  });
  it("includes come from the data: Carbon 4.4 products bring wso2/common, the 4.x products carry their own", () => {
    const carbon = select("wso2/api-manager", "carbon-4.4").entries;
    expect(carbon.some((e) => e.id === "wso2/common/servlet-https")).to.equal(true);
    expect(catalog.releases.find((r) => r.product === "wso2/api-manager" && r.name === "carbon-4.4")?.includes).to.deep.equal(["wso2/common"]);
    const apim = select("wso2/api-manager", "4.7").entries;
    expect(apim.some((e) => e.variant === "common")).to.equal(false);
    expect(apim.some((e) => e.id === "wso2/api-manager/control-plane-https")).to.equal(true);
  });
});

describe("releases: spot checks against the sources", () => {
  it("OpenStack 2025.2: no keystone 35357, Swift object/container/account on 6200-6202, Placement 8778, live migration 49152-49215", () => {
    const e = select("openstack/cloud", "2025.2").entries;
    expect(e.some((x) => x.fromPort <= 35357 && 35357 <= x.toPort)).to.equal(false);
    const swift = e.filter((x) => x.service.includes("swift-") && x.roles?.includes("storage") && x.protocol === "tcp" && x.fromPort >= 6000 && x.fromPort < 7000);
    expect(swift.map((x) => x.fromPort).sort()).to.deep.equal([6200, 6201, 6202]);
    expect(e.find((x) => x.id === "openstack/cloud/placement-api")).to.include({ fromPort: 8778, required: true });
    expect(e.find((x) => x.id === "openstack/cloud/live-migration")).to.include({ fromPort: 49152, toPort: 49215 });
    expect(e.find((x) => x.id === "openstack/cloud/keystone-public")).to.include({ fromPort: 5000 });
    expect(e.find((x) => x.id === "openstack/cloud/octavia-health-manager")).to.include({ protocol: "udp", fromPort: 5555, feature: "octavia" });
  });
  it("OpenStack: what Kilo had and the 2025 releases dropped is absent from them", () => {
    for (const release of ["2025.1", "2025.2"]) {
      const listed = ports(select("openstack/cloud", release).entries);
      for (const gone of ["tcp/35357", "tcp/8773", "tcp/9191", "tcp/8003", "tcp/8777", "tcp/6000", "tcp/6001", "tcp/6002", "tcp/8386"]) expect(listed, `${release} ${gone}`).to.not.include(gone);
    }
    expect(ports(select("openstack/cloud", "kilo").entries)).to.include.members(["tcp/35357", "tcp/8773", "tcp/9191", "tcp/6000"]);
  });
  it("Anbox Cloud: the newest release has no AMS node controller entry; LXD forwards 10000-11000 over TCP and UDP", () => {
    for (const product of ["anbox-cloud/charmed", "anbox-cloud/appliance"]) {
      const newest = select(product).entries;
      expect(newest.some((e) => e.service === "AMS node controller"), product).to.equal(false);
      const lxd = newest.filter((e) => e.service === "LXD" && e.fromPort === 10000);
      expect(lxd.map((e) => `${e.protocol}/${e.fromPort}-${e.toPort}/${e.feature}`).sort()).to.deep.equal(["tcp/10000-11000/instance-services", "udp/10000-11000/instance-services"]);
      expect(select(product, "1.25").entries.filter((e) => e.service === "AMS node controller")).to.have.length(2);
    }
    expect(select("anbox-cloud/charmed", "1.26").entries.some((e) => e.service === "AMS node controller")).to.equal(false);
    expect(select("anbox-cloud/appliance", "1.30").entries.find((e) => e.id === "anbox-cloud/appliance/ui-and-api")).to.include({ fromPort: 443, required: true });
  });
  it("WSO2 API Manager 4.x: JMX RMI registry 9999 and RMI server 11111, gateway 8280/8243, wss 8099", () => {
    const e = select("wso2/api-manager", "4.5").entries;
    expect(e.find((x) => x.id === "wso2/api-manager/jmx-rmi-registry")).to.include({ fromPort: 9999, feature: "jmx" });
    expect(e.find((x) => x.id === "wso2/api-manager/jmx-rmi-server")).to.include({ fromPort: 11111, feature: "jmx" });
    expect(ports(e.filter((x) => x.roles?.includes("gateway") && x.audiences.includes("public")))).to.include.members(["tcp/8280", "tcp/8243", "tcp/8099"]);
    expect(queryCatalog(e, { role: "traffic-manager" }).some((x) => x.fromPort === 8280)).to.equal(false);
  });
  it("WSO2 Identity Server: 9443 public, and the Thrift entitlement port only in 7.0", () => {
    expect(select("wso2/identity-server", "7.1").entries.find((x) => x.fromPort === 9443)?.audiences).to.include("public");
    expect(select("wso2/identity-server", "7.0").entries.some((x) => x.fromPort === 10500)).to.equal(true);
    expect(select("wso2/identity-server", "7.1").entries.some((x) => x.fromPort === 10500)).to.equal(false);
  });
  it("WSO2 Micro Integrator 4.x: mediation 8290/8253 public, management 9164 never public", () => {
    const e = select("wso2/micro-integrator").entries;
    expect(ports(e.filter((x) => x.audiences.includes("public")))).to.deep.equal(["tcp/8290", "tcp/8253"]);
    expect(e.find((x) => x.fromPort === 9164)?.audiences).to.deep.equal(["admin", "internal"]);
  });
});

describe("releases: diff", () => {
  it("OpenStack kilo -> 2025.2: added, removed and changed ports", () => {
    const d = diffReleases(catalog, { product: "openstack/cloud", release: "kilo" }, { product: "openstack/cloud", release: "2025.2" });
    expect(d.from).to.deep.equal({ product: "openstack/cloud", release: "kilo" });
    expect(d.removed.map((e) => e.id)).to.include.members(["openstack/cloud/keystone-admin", "openstack/cloud/glance-registry", "openstack/cloud/swift-object"]);
    expect(d.added.map((e) => e.id)).to.include.members(["openstack/cloud/placement-api", "openstack/cloud/swift-object-server", "openstack/cloud/geneve"]);
    const cinder = d.changed.find((c) => c.from.id === "openstack/cloud/cinder-api");
    expect(cinder?.to.id).to.equal("openstack/cloud/cinder-block-storage-api");
    expect(cinder?.fields).to.include.members(["required", "feature"]).and.not.include("fromPort");
    expect(d.unchanged).to.equal(12);
    expect(d.added.length + d.changed.length + d.unchanged).to.equal(select("openstack/cloud", "2025.2").entries.length);
    expect(d.removed.length + d.changed.length + d.unchanged).to.equal(28);
  });
  it("Anbox 1.25 -> 1.26: the node controller range is the same ports under LXD, a change not an add", () => {
    const d = diffReleases(catalog, { product: "anbox-cloud/charmed", release: "1.25" }, { product: "anbox-cloud/charmed", release: "1.26" });
    expect(d.added).to.deep.equal([]);
    expect(d.removed).to.deep.equal([]);
    expect(d.changed.map((c) => [c.from.id, c.to.id, c.fields])).to.deep.equal([
      ["anbox-cloud/charmed/node-controller-services-tcp", "anbox-cloud/charmed/lxd-instance-services-tcp", ["service"]],
      ["anbox-cloud/charmed/node-controller-services-udp", "anbox-cloud/charmed/lxd-instance-services-udp", ["service"]],
    ]);
    expect(diffReleases(catalog, { product: "anbox-cloud/charmed", release: "1.27" }, { product: "anbox-cloud/charmed", release: "1.30" })).to.include({ unchanged: 16 });
  });
  it("Identity Server 7.0 -> 7.1 drops the Thrift entitlement port", () => {
    const d = diffReleases(catalog, { product: "wso2/identity-server", release: "7.0" }, { product: "wso2/identity-server", release: "7.1" });
    expect(d.removed.map((e) => e.id)).to.deep.equal(["wso2/identity-server/thrift-entitlement-service"]);
    expect(d.added).to.deep.equal([]);
  });
});

describe("releases: user catalogs", () => {
  const entry = (slug: string, port: number, extra: Record<string, unknown> = {}) => ({
    id: `acme/web/${slug}`,
    catalog: "acme",
    variant: "web",
    service: "Web",
    protocol: "tcp",
    fromPort: port,
    toPort: port,
    direction: "ingress",
    audiences: ["public"],
    required: true,
    description: slug,
    source: { document: "acme.md", section: "Ports" },
    ...extra,
  });
  const release = (name: string, extra: Record<string, unknown> = {}) => ({ product: "acme/web", name, source: { document: "acme.md", section: name }, ...extra });
  const add = (raw: unknown): Catalog => mergeCatalogs(builtinCatalog, validateCatalog(raw, "acme.yaml", builtinCatalog));

  it("without releases: one selection with every entry, no release to pick", () => {
    const c = add({ entries: [entry("http", 80), entry("https", 443)] });
    const s = selectProduct(c, { product: "acme/web" });
    expect(s.release).to.equal(undefined);
    expect(s.entries.map((e) => e.fromPort)).to.deep.equal([80, 443]);
    expect(() => selectProduct(c, { product: "acme/web", release: "2.0" })).to.throw(/acme\/web declares no releases, so it cannot select release "2.0"/);
  });
  it("with releases: an entry naming none holds for every release; the newest is the default", () => {
    const c = add({
      releases: [release("1.0"), release("2.0")],
      entries: [entry("http", 80, { releases: ["1.0"] }), entry("https", 443), entry("http3", 8443, { releases: ["2.0"] })],
    });
    expect(selectProduct(c, { product: "acme/web" })).to.deep.include({ release: "2.0" });
    expect(selectProduct(c, { product: "acme/web" }).entries.map((e) => e.fromPort)).to.deep.equal([443, 8443]);
    expect(selectProduct(c, { product: "acme/web", release: "1.0" }).entries.map((e) => e.fromPort)).to.deep.equal([80, 443]);
    const d = diffReleases(c, { product: "acme/web", release: "1.0" }, { product: "acme/web" });
    expect([d.added.map((e) => e.fromPort), d.removed.map((e) => e.fromPort), d.unchanged]).to.deep.equal([[8443], [80], 1]);
  });
  it("a user release can include another product's ports, as WSO2's do", () => {
    const c = add({ releases: [release("1.0", { includes: ["wso2/common@carbon-4.4"] })], entries: [entry("https", 443)] });
    expect(selectProduct(c, { product: "acme/web" }).entries.some((e) => e.id === "wso2/common/servlet-https")).to.equal(true);
  });
  it("rejects releases that do not add up, naming the file, the record and the field", () => {
    expect(() => add({ entries: [entry("http", 80, { releases: ["1.0"] })] })).to.throw(PortcatalogError, /acme.yaml: entry "acme\/web\/http": field "releases": acme\/web declares no releases/);
    expect(() => add({ releases: [release("1.0")], entries: [entry("http", 80, { releases: ["3.0"] })] })).to.throw('acme.yaml: entry "acme/web/http": field "releases": unknown release "3.0" of acme/web: use "1.0"');
    expect(() => add({ releases: [release("1.0"), release("1.0")], entries: [entry("http", 80)] })).to.throw(/release "acme\/web@1.0": declared twice/);
    expect(() => add({ releases: [release("1.0", { includes: ["wso2/common"] })], entries: [entry("http", 80)] })).to.throw(/field "includes": "wso2\/common": wso2\/common has no release "1.0"/);
    expect(() => add({ releases: [release("1.0", { includes: ["acme/nope"] })], entries: [entry("http", 80)] })).to.throw(/unknown product acme\/nope/);
    expect(() => add({ releases: [{ ...release("1.0"), product: "openstack/cloud" }], entries: [entry("http", 80)] })).to.throw(/release "openstack\/cloud@1.0": field "product": openstack\/cloud already has its releases in another catalog/);
    expect(() => add({ releases: [release("1 0")], entries: [entry("http", 80)] })).to.throw(/acme.yaml: release "acme\/web@1 0": field "name": must be a release name/);
    expect(() => add({ entries: [entry("http", 80, { releases: [] })] })).to.throw(/field "releases": needs at least one release/);
  });
});

describe("cli: releases", () => {
  it("catalog --json shows each entry's releases; --release filters", async () => {
    const list = JSON.parse((await runCli(["catalog", "--catalog", "openstack", "--release", "2025.2", "--json"])).stdout) as { id: string; releases: string[] }[];
    expect(list).to.have.length(select("openstack/cloud", "2025.2").entries.length);
    expect(list.every((e) => e.releases.includes("2025.2"))).to.equal(true);
    expect(list.find((e) => e.id === "openstack/cloud/mysql")?.releases).to.deep.equal(["kilo", "2025.1", "2025.2"]);
    expect((await runCli(["catalog", "--catalog", "openstack", "--release", "zed"])).stderr).to.match(/unknown release of openstack "zed": use "2025.1", "2025.2" or "kilo"/);
  });
  it("a user entry naming no releases is shown with every release of its product", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pc-"));
    const file = join(dir, "mine.yaml");
    writeFileSync(file, `releases:\n  - { product: acme/web, name: "1.0", source: { document: acme.md, section: v1 } }\n  - { product: acme/web, name: "2.0", source: { document: acme.md, section: v2 } }\nentries:\n  - { id: acme/web/https, catalog: acme, variant: web, service: Web, protocol: tcp, fromPort: 443, toPort: 443, direction: ingress, audiences: [public], required: true, description: HTTPS, source: { document: acme.md, section: Ports } }\n`);
    const list = JSON.parse((await runCli(["catalog", "--file", file, "--catalog", "acme", "--json"])).stdout);
    expect(list[0].releases).to.deep.equal(["1.0", "2.0"]);
  });
  it("catalog diff: a table and --json", async () => {
    const table = await runCli(["catalog", "diff", "openstack/cloud@kilo", "openstack/cloud@2025.2"]);
    expect(table.status).to.equal(0);
    expect(table.stdout).to.match(/^CHANGE\s+SERVICE\s+PORTS/).and.match(/removed\s+Identity service \(keystone\) administrative endpoint\s+tcp\/35357 ingress/);
    expect(table.stdout).to.match(/openstack\/cloud@kilo -> openstack\/cloud@2025.2: 44 added, 11 removed, 5 changed, 12 unchanged\n?$/);
    const json = JSON.parse((await runCli(["catalog", "diff", "anbox-cloud/appliance@1.25", "anbox-cloud/appliance", "--json"])).stdout);
    expect(json.to).to.deep.equal({ product: "anbox-cloud/appliance", release: "1.30" });
    expect(json.changed.map((c: { fields: string[] }) => c.fields)).to.deep.equal([["service"], ["service"]]);
  });
  it("catalog diff: bad input is one line", async () => {
    expect((await runCli(["catalog", "diff", "openstack/cloud@kilo"])).stderr).to.match(/catalog diff needs two selections, e\.g\. .*; got 1/);
    expect((await runCli(["catalog", "diff", "openstack/cloud@kilo", "openstack/cloud@zed"])).stderr).to.match(/unknown release "zed" of openstack\/cloud/);
    expect((await runCli(["catalog", "diff", "openstack/cloud@", "openstack/cloud"])).stderr).to.match(/"openstack\/cloud@" is not a product selection/);
  });
});
