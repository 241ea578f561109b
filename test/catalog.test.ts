import { readFileSync } from "node:fs";
import { expect } from "chai";
import {
  applyOffset,
  builtinCatalog,
  type CatalogEntry,
  PortcatalogError,
  productEntries,
  queryCatalog,
  validateBuiltinCatalog,
  validateCatalog,
} from "../catalog/index.js";
import { renderCatalogMarkdown } from "../catalog/markdown.js";
import { CATALOG_DOC } from "../cli/docs-command.js";
import { ACME_ENTRY } from "./support/user-catalog.js";

const { entries } = builtinCatalog;
const byId = (id: string) => {
  const e = entries.find((x) => x.id === id);
  if (!e) throw new Error(`no entry ${id}`);
  return e;
};
const count = (catalog: string, variant?: string, release?: string) => queryCatalog(entries, { catalog, variant, release }).length;

describe("catalog: counts per document and variant (the documents' releases)", () => {
  it("Anbox Cloud: 24 rows, the two UDP & TCP rows split into two entries each", () => {
    expect(count("anbox-cloud", "charmed", "1.25")).to.equal(16); // 15 rows + 1
    expect(count("anbox-cloud", "appliance", "1.25")).to.equal(10); // 9 rows + 1
  });
  it("OpenStack: 25 rows, 8773/8775 two entries and swift 6000-6002 three", () => {
    expect(count("openstack", "cloud", "kilo")).to.equal(28);
  });
  it("WSO2: every port of every section", () => {
    const expected: Record<string, number> = {
      common: 8,
      "api-manager": 11,
      "data-analytics-server": 15,
      "business-process-server": 1,
      "complex-event-processor": 4,
      "elastic-load-balancer": 2,
      "enterprise-service-bus": 2,
      "enterprise-integrator": 20,
      "identity-server": 2,
      "message-broker": 5,
      "machine-learner": 3,
      "storage-server": 11,
      "enterprise-mobility-manager": 8,
      "iot-server": 13,
    };
    for (const [variant, n] of Object.entries(expected)) expect(count("wso2", variant, "carbon-4.4"), variant).to.equal(n);
    expect(count("wso2", undefined, "carbon-4.4")).to.equal(Object.values(expected).reduce((a, b) => a + b));
  });
  it("random WSO2 ports are notes, not entries", () => {
    expect(builtinCatalog.notes.map((n) => n.id)).to.deep.equal(["wso2/common/random-jmxremote-port", "wso2/common/random-syslog-port"]);
  });
  it("every entry has a unique slug id; the documents' entries cite a seed document, the current ones a repository path or page", () => {
    expect(new Set(entries.map((e) => e.id)).size).to.equal(entries.length);
    for (const e of entries) {
      const documentRelease = e.releases?.some((r) => ["1.23", "kilo", "carbon-4.4"].includes(r));
      expect(e.source.document, e.id).to.match(documentRelease ? /^00[012]_[0-9a-f]{16}\.txt$/ : /^([\w.-]+\/[\w.-]+:\S+|https:\/\/\S+)$/);
    }
  });
  it("every built-in entry names its releases, and every release is in the registry", () => {
    for (const e of entries) {
      const declared = builtinCatalog.releases.filter((r) => r.product === `${e.catalog}/${e.variant}`).map((r) => r.name);
      expect(e.releases, e.id).to.be.an("array").that.is.not.empty;
      for (const r of e.releases ?? []) expect(declared, e.id).to.include(r);
    }
  });
});

describe("catalog: spot checks of real rows", () => {
  it("Anbox charmed: Coturn TURN relay 50000-51000/udp, public, only with the turn-relay feature", () => {
    const e = byId("anbox-cloud/charmed/coturn-turn-relay");
    expect(e).to.include({ protocol: "udp", fromPort: 50000, toPort: 51000, required: false, feature: "turn-relay", direction: "ingress" });
    expect(e.audiences).to.deep.equal(["public"]);
  });
  it("Anbox charmed: AMS node controller UDP & TCP row is two entries on LXD nodes (inferred)", () => {
    const rows = queryCatalog(entries, { catalog: "anbox-cloud", variant: "charmed", port: 10500, release: "1.25" });
    expect(rows.map((e) => e.protocol).sort()).to.deep.equal(["tcp", "udp"]);
    for (const e of rows) {
      expect(e.rolesInferred).to.equal(true);
      expect(e.roles).to.deep.equal(["lxd"]);
    }
  });
  it("Anbox appliance: UI and API on 443 is the one required public port", () => {
    const pub = queryCatalog(entries, { catalog: "anbox-cloud", variant: "appliance", audience: "public", release: "1.25" }).filter((e) => e.required);
    expect(pub.map((e) => e.id)).to.deep.equal(["anbox-cloud/appliance/ui-and-api"]);
  });
  it("OpenStack: keystone admin 35357 is admin only; cinder 8776 is public and admin", () => {
    expect(byId("openstack/cloud/keystone-admin").audiences).to.deep.equal(["admin"]);
    expect(byId("openstack/cloud/cinder-api").audiences).to.deep.equal(["public", "admin"]);
  });
  it("OpenStack: swift servers 6000, 6001, 6002 on storage nodes; MySQL internal on the controller", () => {
    expect(queryCatalog(entries, { catalog: "openstack", role: "storage", service: "swift", release: "kilo" }).map((e) => e.fromPort)).to.deep.equal([6000, 6001, 6002]);
    expect(byId("openstack/cloud/mysql")).to.include({ fromPort: 3306, protocol: "tcp" });
    expect(byId("openstack/cloud/mysql").audiences).to.deep.equal(["internal"]);
  });
  it("WSO2: clustering multicast 45564 is UDP with the reason noted; wka 4000 TCP", () => {
    const m = byId("wso2/common/clustering-multicast");
    expect(m).to.include({ protocol: "udp", feature: "clustering-multicast", offset: "fixed" });
    expect(m.notes?.join(" ")).to.match(/UDP/);
    expect(byId("wso2/common/clustering-wka")).to.include({ protocol: "tcp", fromPort: 4000, feature: "clustering-wka" });
  });
  it("WSO2: API Manager's 7711 + analytics offset follows the analytics server", () => {
    expect(byId("wso2/api-manager/analytics-thrift-ssl")).to.include({ fromPort: 7711, offset: "analytics-server", feature: "analytics" });
  });
  it("WSO2: EMM and IoT outbound ports are egress to Apple's 17.0.0.0/8 or Google's FCM", () => {
    for (const variant of ["enterprise-mobility-manager", "iot-server"]) {
      const out = queryCatalog(entries, { catalog: "wso2", variant, direction: "egress", release: "carbon-4.4" });
      expect(out.map((e) => `${e.fromPort}-${e.toPort}`).sort()).to.deep.equal(["2195-2195", "2196-2196", "443-443", "5223-5223", "5228-5230"]);
      const apns = out.find((e) => e.fromPort === 2195) as CatalogEntry;
      expect(apns.destination?.cidrIpv4).to.deep.equal(["17.0.0.0/8"]);
      expect(out.find((e) => e.fromPort === 5228)?.destination?.name).to.equal("google-fcm");
    }
  });
  it("WSO2: the KDC is UDP in both sections that list it", () => {
    expect(queryCatalog(entries, { catalog: "wso2", port: 8000 }).map((e) => `${e.id}:${e.protocol}`)).to.deep.equal([
      "wso2/common/kdc:udp",
      "wso2/identity-server/kdc:udp",
    ]);
  });
  it("WSO2: a product brings the common ports with it", () => {
    const apim = productEntries(entries, "wso2/api-manager");
    expect(apim.some((e) => e.id === "wso2/common/servlet-https")).to.equal(true);
    expect(productEntries(entries, "openstack/kilo")).to.have.length(28);
  });
});

describe("catalog: query", () => {
  it("filters by role, audience, protocol, port and feature together", () => {
    const r = queryCatalog(entries, { catalog: "openstack", role: "controller", audience: "admin", protocol: "tcp" });
    expect(r.every((e) => e.roles?.includes("controller") && e.audiences.includes("admin"))).to.equal(true);
    expect(queryCatalog(entries, { feature: "jmx", release: "carbon-4.4" }).map((e) => e.fromPort).sort()).to.deep.equal([11111, 7199, 9999]);
  });
  it("rejects unknown values, listing what exists", () => {
    expect(() => queryCatalog(entries, { catalog: "nope" })).to.throw(PortcatalogError, /unknown catalog "nope": use "anbox-cloud", "openstack" or "wso2"/);
    expect(() => queryCatalog(entries, { catalog: "openstack", variant: "zed" })).to.throw(/unknown variant of openstack "zed": use "cloud"/);
    expect(() => queryCatalog(entries, { port: 0 })).to.throw(/port 0 is not valid/);
    expect(() => productEntries(entries, "wso2")).to.throw(/unknown product "wso2"/);
  });
});

describe("catalog: validator", () => {
  const good = ACME_ENTRY;
  const bad = (patch: Record<string, unknown>) => ({ entries: [{ ...good, ...patch }] });

  it("accepts a well-formed user catalog", () => {
    expect(validateCatalog({ entries: [good] }, "acme.yaml").entries).to.have.length(1);
  });
  it("names the file, the entry and the field", () => {
    expect(() => validateCatalog(bad({ fromPort: 0 }), "acme.yaml")).to.throw('acme.yaml: entry "acme/web/https": field "fromPort": must be at least 1');
    expect(() => validateCatalog(bad({ toPort: 70000 }), "acme.yaml")).to.throw(/field "toPort": must be at most 65535/);
    expect(() => validateCatalog(bad({ fromPort: 500, toPort: 400 }), "a.yaml")).to.throw(/field "toPort": must be >= fromPort \(500\)/);
    expect(() => validateCatalog(bad({ protocol: "icmp" }), "a.yaml")).to.throw(/field "protocol"/);
    expect(() => validateCatalog(bad({ direction: "both" }), "a.yaml")).to.throw(/field "direction"/);
    expect(() => validateCatalog(bad({ audiences: ["everyone"] }), "a.yaml")).to.throw(/field "audiences.0"/);
    expect(() => validateCatalog(bad({ source: undefined }), "a.yaml")).to.throw(/field "source"/);
    expect(() => validateCatalog(bad({ required: false }), "a.yaml")).to.throw(/field "feature": an optional entry/);
  });
  it("rejects duplicate ids within a file, and entries added to a built-in catalog", () => {
    expect(() => validateCatalog({ entries: [good, good] }, "a.yaml")).to.throw(/duplicate id/);
    const clash = { ...byId("openstack/cloud/mysql") };
    expect(() => validateCatalog({ entries: [clash] }, "a.yaml", entries)).to.throw(/entry "openstack\/cloud\/mysql": field "catalog": "openstack" is built in/);
    const widening = { ...good, id: "wso2/common/extra", catalog: "wso2", variant: "common" };
    expect(() => validateCatalog({ entries: [widening] }, "a.yaml", entries)).to.throw(/entry "wso2\/common\/extra": field "catalog": "wso2" is built in; a user catalog cannot add entries to it: use a catalog name of your own/);
    // A team's own catalog may span files; ids stay unique across them.
    expect(() => validateCatalog({ entries: [good] }, "b.yaml", validateCatalog({ entries: [good] }, "a.yaml").entries)).to.throw(/field "id": duplicate id/);
  });
  it("rejects a destination that is not a network CIDR of its family", () => {
    const egress = { ...good, direction: "egress", destination: { name: "push", description: "Push service", cidrIpv4: ["17.0.0.0/8"] } };
    expect(validateCatalog({ entries: [egress] }, "a.yaml").entries[0].destination?.cidrIpv4).to.deep.equal(["17.0.0.0/8"]);
    const garbage = { ...egress, destination: { ...egress.destination, cidrIpv4: ["apple"] } };
    expect(() => validateCatalog({ entries: [garbage] }, "a.yaml")).to.throw(/a\.yaml: entry "acme\/web\/https": field "destination.cidrIpv4.0": "apple" is not a valid IPv4 CIDR/);
    const hostBits = { ...egress, destination: { ...egress.destination, cidrIpv6: ["2001:db8::1/32"] } };
    expect(() => validateCatalog({ entries: [hostBits] }, "a.yaml")).to.throw(/field "destination.cidrIpv6.0": "2001:db8::1\/32" has host bits set; the network address is 2001:db8::\/32/);
  });
  it("rejects a document that is not a catalog", () => {
    expect(() => validateCatalog([1, 2], "a.json")).to.throw(/a\.json: a catalog must be an object with an "entries" list/);
  });
});

describe("catalog: the built-in data", () => {
  // Import does not validate it (that cost every program); this test and `npm run build` do.
  it("passes the user-catalog validator unchanged, field order included", () => {
    expect(JSON.stringify(validateBuiltinCatalog())).to.equal(JSON.stringify(builtinCatalog));
  });
  it("is really checked: a broken built-in entry is reported by id and field", () => {
    const broken = { ...builtinCatalog, entries: builtinCatalog.entries.map((e, i) => (i === 3 ? { ...e, toPort: e.fromPort - 1 } : e)) };
    expect(() => validateBuiltinCatalog(broken)).to.throw(PortcatalogError, new RegExp(`built-in catalog: entry "${entries[3].id}": field "toPort"`));
    const twice = { ...builtinCatalog, entries: [...builtinCatalog.entries, builtinCatalog.entries[0]] };
    expect(() => validateBuiltinCatalog(twice)).to.throw(/duplicate id/);
  });
});

describe("catalog: WSO2 port offsets", () => {
  const servlet = byId("wso2/common/servlet-https");
  it("moves product ports, keeps fixed ones, follows the analytics server where told", () => {
    expect(applyOffset(servlet, { portOffset: 10 })).to.deep.equal({ fromPort: 9453, toPort: 9453 });
    expect(applyOffset(byId("wso2/common/clustering-wka"), { portOffset: 10 })).to.deep.equal({ fromPort: 4000, toPort: 4000 });
    const analytics = byId("wso2/api-manager/analytics-thrift-ssl");
    expect(applyOffset(analytics, { portOffset: 10 })).to.deep.equal({ fromPort: 7712, toPort: 7712 }); // default analytics offset 1
    expect(applyOffset(analytics, { portOffset: 10, analyticsPortOffset: 3 })).to.deep.equal({ fromPort: 7714, toPort: 7714 });
  });
  it("rejects a result above 65535, saying how far the offset may go", () => {
    expect(() => applyOffset(byId("wso2/storage-server/cassandra-thrift"), { portOffset: 60000 })).to.throw(PortcatalogError, /portOffset 60000 moves wso2\/storage-server\/cassandra-thrift \(port 9160\) to 69160, above 65535: use a portOffset of at most 56375/);
  });
  it("rejects negative or fractional offsets", () => {
    expect(() => applyOffset(servlet, { portOffset: -1 })).to.throw(/portOffset -1 is not valid/);
    expect(() => applyOffset(servlet, { portOffset: 1.5 })).to.throw(/portOffset 1.5 is not valid/);
    // From JavaScript or JSON: a string is named as the string it is; null is unset.
    expect(() => applyOffset(servlet, { portOffset: "5" as never })).to.throw(/^portOffset "5" is not valid: use a whole number from 0 to 65534$/);
    expect(applyOffset(servlet, { portOffset: null as never })).to.deep.equal(applyOffset(servlet, {}));
  });
});

describe("catalog: EI 6.x profiles' shipped carbon.xml <Offset> (broker 3, business-process 2, micro-integrator 10)", () => {
  const ei = (slug: string) => byId(`wso2/enterprise-integrator/${slug}`);
  const port = (slug: string, portOffset?: number) => applyOffset(ei(slug), { portOffset }).fromPort;
  const broker = ["broker-servlet-https", "broker-servlet-http", "broker-amqp", "broker-amqp-ssl", "broker-mqtt", "broker-mqtt-ssl", "broker-thrift"];
  it("the broker profile's listed ports include its offset 3: no portOffset keeps them, 0 gives the base, 5 base + 5", () => {
    expect(broker.map((s) => ei(s).defaultOffset)).to.deep.equal(broker.map(() => 3));
    expect(broker.map((s) => port(s))).to.deep.equal([9446, 9766, 5675, 8675, 1886, 8836, 7614]);
    expect(broker.map((s) => port(s, 0))).to.deep.equal([9443, 9763, 5672, 8672, 1883, 8833, 7611]);
    expect(broker.map((s) => port(s, 5))).to.deep.equal([9448, 9768, 5677, 8677, 1888, 8838, 7616]);
    expect(broker.map((s) => port(s, 3))).to.deep.equal([9446, 9766, 5675, 8675, 1886, 8836, 7614]);
  });
  it("notes that the shipped broker.xml's MQTT/SSL port is 8883, not the document's 8833", () => {
    expect(ei("broker-mqtt-ssl").notes?.join(" ")).to.match(/8883/);
  });
  it("the business-process profile's 9445/9765 include its offset 2", () => {
    const bp = ["business-process-servlet-https", "business-process-servlet-http"];
    expect(bp.map((s) => ei(s).defaultOffset)).to.deep.equal([2, 2]);
    expect(bp.map((s) => port(s))).to.deep.equal([9445, 9765]);
    expect(bp.map((s) => port(s, 0))).to.deep.equal([9443, 9763]);
    expect(bp.map((s) => port(s, 5))).to.deep.equal([9448, 9768]);
  });
  it("the EI 6.x micro-integrator profile's 8290/8253 include its offset 10", () => {
    const mi = ["micro-integrator-http", "micro-integrator-https"];
    expect(mi.map((s) => ei(s).defaultOffset)).to.deep.equal([10, 10]);
    expect(mi.map((s) => port(s))).to.deep.equal([8290, 8253]);
    expect(mi.map((s) => port(s, 0))).to.deep.equal([8280, 8243]);
    expect(mi.map((s) => port(s, 5))).to.deep.equal([8285, 8248]);
  });
  it("leaves the analytics, ESB and MSF4J profiles' entries without a default offset (not confirmed / offset 0)", () => {
    const rest = ["analytics-console", "analytics-dashboard", "analytics-cassandra-thrift", "analytics-thrift-ssl", "analytics-thrift-tcp", "esb-servlet-https", "esb-passthrough-https", "esb-passthrough-http", "msf4j-http"];
    expect(rest.map((s) => ei(s).defaultOffset)).to.deep.equal(rest.map(() => undefined));
    expect(rest.map((s) => ei(s).offset)).to.deep.equal(rest.map(() => "product"));
  });
});

describe("catalog: a product's default offset (Micro Integrator 4.x ships [server] offset 10)", () => {
  const mi = ["http-passthrough", "https-passthrough", "management-api-https", "internal-api-http"].map((slug) => byId(`wso2/micro-integrator/${slug}`));
  const at = (offsets?: { portOffset?: number }) => mi.map((e) => applyOffset(e, offsets).fromPort);
  it("lists the shipped ports and says they include the default offset 10", () => {
    expect(mi.map((e) => [e.fromPort, e.defaultOffset])).to.deep.equal([[8290, 10], [8253, 10], [9164, 10], [9201, 10]]);
    expect(at()).to.deep.equal([8290, 8253, 9164, 9201]);
  });
  it("a portOffset replaces the default: 3 gives the docs' 8290 -> 8283, 0 the base ports", () => {
    expect(at({ portOffset: 3 })).to.deep.equal([8283, 8246, 9157, 9194]);
    expect(at({ portOffset: 0 })).to.deep.equal([8280, 8243, 9154, 9191]);
    expect(at({ portOffset: 10 })).to.deep.equal([8290, 8253, 9164, 9201]);
  });
  it("leaves products without a default offset as they were (Carbon 4.4, API Manager 4.x)", () => {
    const gateway = byId("wso2/api-manager/gateway-http");
    expect(gateway.defaultOffset).to.equal(undefined);
    expect([undefined, 0, 3].map((portOffset) => applyOffset(gateway, { portOffset }).fromPort)).to.deep.equal([8280, 8280, 8283]);
    const carbon = byId("wso2/common/servlet-https");
    expect([undefined, 0, 3].map((portOffset) => applyOffset(carbon, { portOffset }).fromPort)).to.deep.equal([9443, 9443, 9446]);
    // Only Micro Integrator 4.x and the EI 6.x profiles whose carbon.xml ships a non-zero <Offset>.
    expect([...new Set(entries.filter((e) => e.defaultOffset !== undefined).map((e) => e.variant))].sort()).to.deep.equal(["enterprise-integrator", "micro-integrator"]);
    const esb = byId("wso2/enterprise-integrator/esb-passthrough-http"); // the ESB profile's carbon.xml ships <Offset>0</Offset>
    expect(esb.defaultOffset).to.equal(undefined);
    expect([undefined, 0, 3].map((portOffset) => applyOffset(esb, { portOffset }).fromPort)).to.deep.equal([8280, 8280, 8283]);
  });
  it("counts the default offset when saying how far a portOffset may go", () => {
    const internal = byId("wso2/micro-integrator/internal-api-http");
    expect(applyOffset(internal, { portOffset: 56344 }).toPort).to.equal(65535);
    expect(() => applyOffset(internal, { portOffset: 56345 })).to.throw(PortcatalogError, /portOffset 56345 moves wso2\/micro-integrator\/internal-api-http \(port 9201, which includes its default offset 10\) to 65536, above 65535: use a portOffset of at most 56344/);
  });
  it("an entry that skipped the validator with a default offset above its port fails naming the field, value and range", () => {
    const broken = { ...byId("wso2/micro-integrator/http-passthrough"), defaultOffset: 9000 };
    expect(() => applyOffset(broken, { portOffset: 3 })).to.throw(PortcatalogError, /wso2\/micro-integrator\/http-passthrough: defaultOffset 9000 is not valid: port 8290 - defaultOffset 9000 \+ portOffset 3 = -707, below 1; use a defaultOffset from 0 to 8289/);
  });

  const own = { id: "acme/gateway/http", catalog: "acme", variant: "gateway", service: "Gateway", protocol: "tcp", fromPort: 8290, toPort: 8290, direction: "ingress", audiences: ["public"], required: true, offset: "product", defaultOffset: 10, description: "HTTP", source: { document: "acme.md", section: "Ports" } };
  it("a user catalog can use it, and it means the same there", () => {
    const [entry] = validateCatalog({ entries: [own] }, "acme.yaml").entries;
    expect(entry.defaultOffset).to.equal(10);
    expect([undefined, 0, 3].map((portOffset) => applyOffset(entry, { portOffset }).fromPort)).to.deep.equal([8290, 8280, 8283]);
  });
  it("the README's user-catalog example is valid and means what the README says", () => {
    const readme = readFileSync(new URL("../README.md", `file://${__filename}`), "utf8");
    const block = /\*\*Port offsets\.\*\*[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block, "the README has the example").to.be.a("string");
    const [entry] = validateCatalog((require("yaml") as typeof import("yaml")).parse(block as string), "README.md").entries;
    expect([undefined, 0, 3].map((portOffset) => applyOffset(entry, { portOffset }).fromPort)).to.deep.equal([8290, 8280, 8283]);
  });
  it("rejects a bad default offset, naming the field, the value and what is valid", () => {
    const bad = (patch: Record<string, unknown>) => () => validateCatalog({ entries: [{ ...own, ...patch }] }, "acme.yaml");
    expect(bad({ defaultOffset: -1 })).to.throw(PortcatalogError, 'acme.yaml: entry "acme/gateway/http": field "defaultOffset": -1 is not valid: use a whole number from 0 to 8289 (fromPort 8290 less the default offset must stay at least 1)');
    expect(bad({ defaultOffset: 2.5 })).to.throw(/field "defaultOffset": 2\.5 is not valid: use a whole number from 0 to 8289/);
    expect(bad({ defaultOffset: 8290 })).to.throw(/field "defaultOffset": 8290 is not valid: use a whole number from 0 to 8289/);
    expect(bad({ defaultOffset: "10" })).to.throw(/field "defaultOffset": .*expected number/);
    expect(bad({ offset: "fixed" })).to.throw(/field "defaultOffset": only an entry with offset "product" has a default offset; this one's offset is "fixed"/);
    expect(bad({ offset: undefined })).to.throw(/field "defaultOffset": only an entry with offset "product" has a default offset; this one's offset is unset/);
  });
});

describe("docs/catalog.md", () => {
  it("is generated from the data (run `npm run docs` when this fails)", () => {
    expect(readFileSync(CATALOG_DOC, "utf8")).to.equal(renderCatalogMarkdown(builtinCatalog));
  });
});
