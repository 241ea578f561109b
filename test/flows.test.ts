import { AWS_PROFILE } from "../components/clouds.js";
import { expect } from "chai";
import { builtinCatalog, type CatalogEntry, type Flow, selectProduct, validateBuiltinCatalog, validateCatalog } from "../catalog/index.js";
import { planRole } from "../planner/index.js";
import { ACME_ENTRY } from "./support/user-catalog.js";

const { entries } = builtinCatalog;
const byId = (id: string): CatalogEntry => {
  const e = entries.find((x) => x.id === id);
  if (!e) throw new Error(`no entry ${id}`);
  return e;
};
/** The roles that connect to an entry's role at a release (undefined: no flow says; "unknown": sources silent). */
function connecting(id: string, release: string, to?: string): string[] | "unknown" | undefined {
  const e = byId(id);
  const f = (e.flows ?? []).find((x) => (x.releases ?? e.releases ?? [release]).includes(release) && (!to || (x.to ?? e.roles ?? []).includes(to)));
  return f ? (f.from === "unknown" ? "unknown" : [...f.from].sort()) : undefined;
}
const flowOf = (id: string, release: string, to?: string): Flow => {
  const e = byId(id);
  const f = (e.flows ?? []).find((x) => (x.releases ?? e.releases ?? [release]).includes(release) && (!to || (x.to ?? e.roles ?? []).includes(to)));
  if (!f) throw new Error(`no flow of ${id} at ${release}`);
  return f;
};

describe("flows: the validator", () => {
  const RELEASES = [
    { product: "acme/web", name: "1", source: { document: "acme.md", section: "1" } },
    { product: "acme/web", name: "2", source: { document: "acme.md", section: "2" } },
  ];
  const SRC = { document: "acme.md", section: "Flows" };
  const app = { ...ACME_ENTRY, id: "acme/web/app", roles: ["app", "worker"], audiences: ["internal"], releases: ["1", "2"] };
  const db = { ...ACME_ENTRY, id: "acme/web/db", roles: ["db"], audiences: ["internal", "admin"], releases: ["2"] };
  const load = (flows: unknown[], over: Record<string, unknown> = {}) =>
    validateCatalog({ entries: [{ ...app, flows, ...over }, db], releases: RELEASES }, "acme.yaml");

  it("accepts flows that name the entry's roles and releases and the product's roles", () => {
    const c = load([
      { from: ["app"], to: ["app"], source: SRC },
      { from: ["app", "worker"], to: ["worker"], releases: ["1"], source: SRC },
      { from: ["app", "db"], to: ["worker"], releases: ["2"], source: SRC, notes: ["db only exists in 2"] },
    ]);
    expect(c.entries[0].flows).to.have.length(3);
    expect(c.entries[0].flows?.[0]).to.deep.equal({ from: ["app"], to: ["app"], source: SRC });
  });
  it("to: only the entry's own roles; an entry without roles cannot name it", () => {
    expect(() => load([{ from: ["app"], to: ["db"], source: SRC }])).to.throw('acme.yaml: entry "acme/web/app": field "flows.0.to": "db" is not one of the entry\'s roles: use "app" or "worker"');
    expect(() => load([{ from: ["app"], to: ["app"], source: SRC }], { roles: undefined })).to.throw(/field "flows.0.to": \["app"\]: the entry names no roles/);
  });
  it("releases: only the entry's own releases", () => {
    expect(() => load([{ from: ["app"], releases: ["3"], source: SRC }])).to.throw('acme.yaml: entry "acme/web/app": field "flows.0.releases": "3" is not one of the entry\'s releases: use "1" or "2"');
  });
  it("two flows never cover the same (release, role)", () => {
    expect(() => load([{ from: ["app"], source: SRC }, { from: ["worker"], to: ["worker"], releases: ["2"], source: SRC }])).to.throw(
      'acme.yaml: entry "acme/web/app": field "flows.1.to": flows 0 and 1 both cover role "worker" at release "2"',
    );
    // Different releases of one role are fine.
    expect(() => load([{ from: ["app"], releases: ["1"], source: SRC }, { from: ["worker"], releases: ["2"], source: SRC }])).not.to.throw();
  });
  it("from: roles the product has at each release the flow covers, or an audience's pseudo-role", () => {
    expect(() => load([{ from: ["web"], source: SRC }])).to.throw('field "flows.0.from": unknown role "web" for acme/web at release "1": use "app", "worker", "clients" or "operators"');
    // db is a role of the product only at release 2.
    expect(() => load([{ from: ["db"], source: SRC }])).to.throw(/field "flows.0.from": unknown role "db" for acme\/web at release "1"/);
    expect(() => load([{ from: ["db"], releases: ["2"], source: SRC }])).not.to.throw();
    expect(() => load([{ from: ["app", "app"], source: SRC }])).to.throw(/field "flows.0.from": names a role twice: app, app/);
  });
  it("clients and operators only where the entry has the public and admin audience", () => {
    expect(() => load([{ from: ["clients"], source: SRC }])).to.throw(/field "flows.0.from": "clients" are the public audience's peers and the entry's audiences are internal/);
    expect(() => load([{ from: ["operators"], source: SRC }])).to.throw(/"operators" are the admin audience's peers/);
    expect(() => load([{ from: ["operators", "app"], source: SRC }], { audiences: ["admin", "internal"] })).not.to.throw();
  });
  it("a public-only entry's flow names clients", () => {
    expect(() => load([{ from: ["app"], source: SRC }], { audiences: ["public"] })).to.throw(/field "flows.0.from": \["app"\]: the entry is public only, so its clients connect: add "clients"/);
    expect(() => load([{ from: ["clients", "app"], source: SRC }], { audiences: ["public"] })).not.to.throw();
  });
  it("unknown needs notes saying which sources were read", () => {
    expect(() => load([{ from: "unknown", source: SRC }])).to.throw(/field "flows.0.from": "unknown" needs notes/);
    expect(() => load([{ from: "unknown", source: SRC, notes: ["read acme.md"] }])).not.to.throw();
  });
  it("malformed flows are refused by the schema, naming the field", () => {
    expect(() => load([{ from: [], source: SRC }])).to.throw(/entry "acme\/web\/app": field "flows.0.from"/);
    expect(() => load([{ from: "all", source: SRC }])).to.throw('acme.yaml: entry "acme/web/app": field "flows.0.from": must be a list of role names (lowercase slugs) or "unknown", got "all"');
    expect(() => load([{ from: null, source: SRC }])).to.throw(/field "flows.0.from": must be a list of role names .* got null/);
    expect(() => load([{ from: ["app"], to: [], source: SRC }])).to.throw(/field "flows.0.to": needs at least one role \(leave the field out/);
    expect(() => load([{ from: ["app"] }])).to.throw(/field "flows.0.source"/);
    expect(() => load([{ from: ["app"], source: SRC, via: "x" }])).to.throw(/field "flows.0"/);
  });
  it("checks a large hostile catalog in linear time (roles per release gathered once, not per flow and role)", () => {
    const releases = Array.from({ length: 20 }, (_, i) => String(i + 1));
    const roles = Array.from({ length: 50 }, (_, i) => `r${i}`);
    const many = Array.from({ length: 2000 }, (_, i) => ({ ...app, id: `acme/web/e${i}`, roles, releases, flows: [{ from: roles, source: SRC }] }));
    const started = process.hrtime.bigint();
    validateCatalog({ entries: many, releases: releases.map((name) => ({ product: "acme/web", name, source: SRC })) }, "big.yaml");
    // ~0.4 s measured; checking each from-role against every sibling took minutes.
    expect(Number(process.hrtime.bigint() - started) / 1e9).to.be.below(8);
  });
  it("the built-in catalog's flows pass the same validator", () => {
    expect(() => validateBuiltinCatalog()).not.to.throw();
  });
});

describe("flows: spot checks against their sources", () => {
  describe("OpenStack 2025.x", () => {
    for (const release of ["2025.1", "2025.2"]) {
      it(`${release}: VNC consoles on compute from the controllers' console proxies (kolla-ansible nova.conf.j2 [vnc], [nova-novncproxy:children] nova)`, () => {
        expect(connecting("openstack/cloud/vnc-consoles", release)).to.deep.equal(["controller"]);
      });
    }
    it("libvirt and live migration on compute from compute only (nova configuring-migrations; kolla libvirtd.conf.j2 listen_addr)", () => {
      for (const id of ["libvirt-tcp", "libvirt-tls", "live-migration"]) expect(connecting(`openstack/cloud/${id}`, "2025.2"), id).to.deep.equal(["compute"]);
    });
    it("Galera 4567/4568/4444 from the controllers only (kolla [mariadb:children] control)", () => {
      for (const id of ["galera-replication", "galera-ist", "galera-sst"]) expect(connecting(`openstack/cloud/${id}`, "2025.2"), id).to.deep.equal(["controller"]);
    });
    it("AMQP from every node role running an agent (kolla transport_url on nova-compute, neutron agents, cinder-volume)", () => {
      expect(connecting("openstack/cloud/amqp", "2025.2")).to.deep.equal(["compute", "controller", "network", "storage"]);
      expect(connecting("openstack/cloud/rabbitmq-amqps", "2025.1")).to.deep.equal(["compute", "controller", "network", "storage"]);
    });
    it("MySQL not from compute (kolla nova.conf.j2: no [database] for nova-compute), memcached from controllers only", () => {
      expect(connecting("openstack/cloud/mysql", "2025.2")).to.not.include("compute");
      expect(connecting("openstack/cloud/mysql", "2025.2")).to.include("storage");
      expect(connecting("openstack/cloud/memcached", "2025.2")).to.deep.equal(["controller"]);
    });
    it("OVN southbound from every chassis, northbound from the controllers (kolla multinode ovn groups)", () => {
      expect(connecting("openstack/cloud/ovn-southbound", "2025.2")).to.deep.equal(["compute", "controller", "network"]);
      expect(connecting("openstack/cloud/ovn-northbound", "2025.2")).to.deep.equal(["controller"]);
    });
    it("public APIs take clients; the octavia health manager is unknown (amphorae are no role)", () => {
      expect(connecting("openstack/cloud/keystone-public", "2025.2")).to.include("clients");
      expect(connecting("openstack/cloud/nova-api", "2025.2")).to.include.members(["clients", "operators"]);
      expect(connecting("openstack/cloud/octavia-health-manager", "2025.2")).to.equal("unknown");
    });
    it("the Kilo document's release keeps no invented flows", () => {
      expect(connecting("openstack/cloud/vnc-consoles", "kilo")).to.equal(undefined);
    });
  });

  describe("Anbox Cloud charmed", () => {
    it("AMS's Prometheus endpoint (20002) is scraped by the operators' monitoring (howto/monitor: external solutions, COS), never the control role itself", () => {
      for (const release of ["1.23", "1.26", "1.30"]) expect(connecting("anbox-cloud/charmed/ams-prometheus", release), release).to.deep.equal(["operators"]);
      const chosen = selectProduct(builtinCatalog, { product: "anbox-cloud/charmed" });
      const plan = planRole([{ name: chosen.name, entries: chosen.entries, release: chosen.release }], { cloud: AWS_PROFILE, role: "control", roles: { lxd: { securityGroups: [{ name: "lxd", id: "sg-lxd" }] } }, allFeatures: true, sources: { admin: { cidrIpv4: ["10.0.0.0/24"] } } });
      // Opened to the operators' peers only (sources.admin), never to the control role's own group.
      expect(plan.rules.filter((r) => r.fromPort <= 20002 && r.toPort >= 20002).map((r) => r.peer)).to.deep.equal([{ kind: "cidr", cidr: "10.0.0.0/24", ethertype: "IPv4" }]);
      expect(plan.notNarrowed.filter((n) => n.entryId.endsWith("ams-prometheus"))).to.deep.equal([]);
      const closed = planRole([{ name: chosen.name, entries: chosen.entries, release: chosen.release }], { cloud: AWS_PROFILE, role: "control", allFeatures: true });
      expect(closed.rules.filter((r) => r.fromPort <= 20002 && r.toPort >= 20002)).to.deep.equal([]);
      expect(closed.notWired.filter((n) => n.entryId.endsWith("ams-prometheus")).map((n) => n.from)).to.deep.equal(["operators"]);
    });
    for (const release of ["1.23", "1.25", "1.26", "1.30"]) {
      it(`${release}: LXD's API from AMS on the control node and the LXD cluster members (anbox-cloud.md 'AMS configures LXD')`, () => {
        expect(connecting("anbox-cloud/charmed/lxd-api", release)).to.deep.equal(["control", "lxd"]);
      });
    }
    it("etcd from control only (anbox-cloud.md: etcd stores AMS's data on the control node)", () => {
      expect(connecting("anbox-cloud/charmed/etcd-grpc", "1.30")).to.deep.equal(["control"]);
    });
    it("the dashboard and the stream gateway behind the load balancer (requirements.md: HAProxy for the Stream Gateway and the dashboard)", () => {
      expect(connecting("anbox-cloud/charmed/dashboard", "1.30")).to.deep.equal(["load-balancer"]);
      expect(connecting("anbox-cloud/charmed/stream-gateway-api", "1.24")).to.include("load-balancer");
      expect(byId("anbox-cloud/charmed/haproxy-https").roles).to.deep.equal(["streaming", "load-balancer"]);
    });
    it("AMS's API from the stream agent (streaming-stack.md: the agent calls AMS's API over mutual TLS)", () => {
      expect(connecting("anbox-cloud/charmed/ams-api", "1.26")).to.include("streaming");
    });
    it("instance services: clients, before (node controller) and after 1.26 (LXD)", () => {
      expect(connecting("anbox-cloud/charmed/node-controller-services-tcp", "1.25")).to.deep.equal(["clients"]);
      expect(connecting("anbox-cloud/charmed/lxd-instance-services-udp", "1.26")).to.deep.equal(["clients"]);
    });
  });

  describe("WSO2 API Manager 4.x distributed", () => {
    for (const release of ["4.2", "4.7"]) {
      it(`${release}: gateways publish throttling events to the traffic managers' binary receivers (helm-apim gateway deployment.toml traffic_manager_urls)`, () => {
        expect(connecting("wso2/api-manager/event-receiver-binary-tcp", release, "traffic-manager")).to.deep.equal(["gateway"]);
        expect(connecting("wso2/api-manager/event-receiver-binary-ssl", release, "traffic-manager")).to.deep.equal(["gateway"]);
      });
    }
    it("the control plane deploys to the gateways' 9443; gateways, traffic managers and the control plane call the key manager (apim.key_manager service_url)", () => {
      expect(connecting("wso2/api-manager/node-https", "4.5", "gateway")).to.deep.equal(["control-plane", "operators"]);
      expect(connecting("wso2/api-manager/node-https", "4.5", "key-manager")).to.deep.equal(["control-plane", "gateway", "operators", "traffic-manager"]);
    });
    it("throttle decisions: gateways (and the peer traffic manager) on the traffic manager's 5672 (throttle_decision_endpoints, event_duplicate_url)", () => {
      expect(connecting("wso2/api-manager/message-broker-amqp", "4.4", "traffic-manager")).to.deep.equal(["gateway", "traffic-manager"]);
    });
    it("clustering only within a profile", () => {
      expect(connecting("wso2/api-manager/clustering-wka", "4.7", "gateway")).to.deep.equal(["gateway"]);
      expect(connecting("wso2/api-manager/clustering-wka", "4.7", "traffic-manager")).to.deep.equal(["traffic-manager"]);
    });
    it("the gateway's public ports take clients at 4.x, and carbon-4.4 keeps no flow from 4.x charts", () => {
      expect(connecting("wso2/api-manager/gateway-https", "4.6")).to.deep.equal(["clients"]);
      expect(connecting("wso2/api-manager/gateway-https", "carbon-4.4")).to.equal(undefined);
    });
  });

  describe("WSO2 Identity Server 7", () => {
    it("cluster membership between identity-server nodes only (IS 7.0 deployment guide, [clustering] wka)", () => {
      for (const release of ["7.0", "7.3"]) expect(connecting("wso2/identity-server/clustering-wka", release)).to.deep.equal(["identity-server"]);
      expect(flowOf("wso2/identity-server/clustering-wka", "7.1").source.document).to.match(/is\.docs\.wso2\.com/);
    });
    it("the servlet transport from clients and operators; JMX from operators", () => {
      expect(connecting("wso2/identity-server/servlet-https", "7.2")).to.deep.equal(["clients", "operators"]);
      expect(connecting("wso2/identity-server/jmx-rmi-server", "7.2")).to.deep.equal(["operators"]);
    });
  });
});

describe("flows: completeness", () => {
  const COVERED: Record<string, string[]> = {
    "openstack/cloud": ["2025.1", "2025.2"],
    "anbox-cloud/charmed": ["1.23", "1.24", "1.25", "1.26", "1.27", "1.28", "1.29", "1.30"],
    "wso2/api-manager": ["4.2", "4.3", "4.4", "4.5", "4.6", "4.7"],
    "wso2/identity-server": ["7.0", "7.1", "7.2", "7.3"],
  };
  for (const [product, releases] of Object.entries(COVERED)) {
    it(`${product}: every entry has a flow for each of its covered releases and roles (internal and admin entries, and public ones)`, () => {
      const missing: string[] = [];
      for (const e of entries.filter((x) => `${x.catalog}/${x.variant}` === product)) {
        for (const release of releases.filter((r) => e.releases?.includes(r))) {
          for (const role of e.roles ?? ["(entry)"]) {
            const f = (e.flows ?? []).find((x) => (x.releases ?? e.releases ?? []).includes(release) && (!x.to || x.to.includes(role)));
            if (!f) missing.push(`${e.id}@${release}→${role}`);
          }
        }
      }
      expect(missing).to.deep.equal([]);
    });
  }
  it("every covered entry has at least one role, so its flows can name where they reach", () => {
    const roleless = entries.filter((e) => COVERED[`${e.catalog}/${e.variant}`]?.some((r) => e.releases?.includes(r)) && !e.roles?.length).map((e) => e.id);
    expect(roleless).to.deep.equal([]);
  });
  it("every flow names a source document and section", () => {
    for (const e of entries) for (const f of e.flows ?? []) expect(f.source.document && f.source.section, e.id).to.be.ok;
  });
});
