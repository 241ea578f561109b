import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { builtinCatalog, type CatalogEntry, type Protocol, productEntries } from "../catalog/index.js";
import { type Ingress, worldIngress } from "./ingress.js";

/** A deliberate exception, from the policy pack's config: `{ "allow": [{ "port": 3306, "resource": "legacy-db" }] }`. */
export interface AllowedException {
  port: number;
  protocol?: Protocol;
  /** The resource's name or URN; unset allows the port on every resource. */
  resource?: string;
}

export const RESOURCE_TYPES = [
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  "aws:ec2/securityGroupRule:SecurityGroupRule",
  "aws:ec2/securityGroup:SecurityGroup",
  "openstack:networking/secGroupRule:SecGroupRule",
];

type Exposure = "internal" | "admin";

/**
 * Ports that the catalog never opens to the public: `internal` when any entry is for the
 * deployment's own nodes, `admin` when only operators use them. WSO2 ports count at offset 0 and
 * at each offset the policy config names.
 */
function exposureIndex(entries: readonly CatalogEntry[], wso2PortOffsets: readonly number[]): Map<string, { exposure: Exposure; entries: CatalogEntry[] }> {
  const users = new Map<string, CatalogEntry[]>();
  const add = (e: CatalogEntry, from: number, to: number) => {
    for (let p = from; p <= to; p++) users.set(`${e.protocol}/${p}`, [...(users.get(`${e.protocol}/${p}`) ?? []), e]);
  };
  for (const e of entries.filter((x) => x.direction === "ingress")) {
    add(e, e.fromPort, e.toPort);
    for (const portOffset of e.offset === "product" ? wso2PortOffsets : []) {
      if (e.toPort + portOffset <= 65535) add(e, e.fromPort + portOffset, e.toPort + portOffset);
    }
  }
  const index = new Map<string, { exposure: Exposure; entries: CatalogEntry[] }>();
  for (const [key, list] of users) {
    const audiences = new Set(list.flatMap((e) => e.audiences));
    if (audiences.has("public")) continue;
    index.set(key, { exposure: audiences.has("internal") ? "internal" : "admin", entries: list });
  }
  return index;
}

/** Which catalog the policies judge by, from the policy config. */
interface ScopeConfig {
  /** Only these products (`catalog/variant`), e.g. when Anbox's public 10000-11000 would hide WSO2's internal ports. Default: the whole catalog. */
  products?: string[];
  /** WSO2 port offsets in use, so moved ports are recognised too. */
  wso2PortOffsets?: number[];
}

const indexes = new Map<string, ReturnType<typeof exposureIndex>>();
function indexFor({ products = [], wso2PortOffsets = [] }: ScopeConfig): ReturnType<typeof exposureIndex> {
  const offsets = [...new Set(wso2PortOffsets)].sort((a, b) => a - b);
  const scope = [...new Set(products)].sort();
  const key = `${scope.join(",")}|${offsets.join(",")}`;
  let index = indexes.get(key);
  if (!index) {
    const entries = scope.length ? [...new Map(scope.flatMap((p) => productEntries(builtinCatalog.entries, p)).map((e) => [e.id, e])).values()] : builtinCatalog.entries;
    index = exposureIndex(entries, offsets);
    indexes.set(key, index);
  }
  return index;
}

function allowed(allow: readonly AllowedException[], args: ResourceValidationArgs, protocol: Protocol, port: number): boolean {
  return allow.some((a) => a.port === port && (!a.protocol || a.protocol === protocol) && (!a.resource || a.resource === args.name || a.resource === args.urn));
}

function describeUsers(entries: CatalogEntry[]): string {
  const products = [...new Set(entries.map((e) => `${e.service} (${e.catalog}/${e.variant})`))];
  return products.length <= 3 ? products.join(", ") : `${products.slice(0, 3).join(", ")} and ${products.length - 3} more`;
}

/** Reports every catalog port of the given exposure that a world-open ingress covers, grouped per ingress. */
function checkExposure(exposure: Exposure, args: ResourceValidationArgs, report: ReportViolation): void {
  if (!RESOURCE_TYPES.includes(args.type)) return;
  const config = args.getConfig<ScopeConfig & { allow?: AllowedException[] }>();
  const allow = config.allow ?? [];
  const index = indexFor(config);
  for (const ingress of worldIngress(args.type, args.props)) {
    const hits: string[] = [];
    for (const protocol of ingress.protocols === "all" ? (["tcp", "udp"] as const) : ingress.protocols) {
      for (let port = ingress.fromPort; port <= ingress.toPort; port++) {
        const found = index.get(`${protocol}/${port}`);
        if (found?.exposure === exposure && !allowed(allow, args, protocol, port)) hits.push(`${protocol}/${port}: ${describeUsers(found.entries)}`);
      }
    }
    if (!hits.length) continue;
    const shown = hits.slice(0, 5).join("; ") + (hits.length > 5 ? `; and ${hits.length - 5} more` : "");
    const what = exposure === "internal" ? "an internal-only catalog port" : "an admin-only catalog port";
    report(`${args.name} opens ${what} to ${ingress.worldPeers.join(" and ")}: ${shown}. Open it to the deployment's own groups or operators' CIDRs, or list it under "allow" in the policy config.`);
  }
}

/** Config both exposure policies take: the allow-list and the catalog scope. */
const exposureConfigSchema = {
  properties: {
    wso2PortOffsets: { type: "array" as const, items: { type: "integer" as const, minimum: 0, maximum: 65534 } },
    products: { type: "array" as const, items: { type: "string" as const } },
    allow: {
      type: "array" as const,
      items: {
        type: "object" as const,
        properties: { port: { type: "integer" as const, minimum: 1, maximum: 65535 }, protocol: { type: "string" as const, enum: ["tcp", "udp"] }, resource: { type: "string" as const } },
        required: ["port"],
      },
    },
  },
};

/** Mandatory: no ingress opens to the world a port the catalog keeps internal (MySQL, AMQP, etcd, NATS, AMS API, JMX, Thrift, clustering …). */
export const noInternalPortsToWorld: ResourceValidationPolicy = {
  name: "portcatalog-no-internal-ports-to-world",
  description: "No ingress rule opens a catalog port whose audiences are internal only to 0.0.0.0/0 or ::/0.",
  enforcementLevel: "mandatory",
  configSchema: exposureConfigSchema,
  validateResource: (args, report) => checkExposure("internal", args, report),
};

/** Advisory: admin-only ports (management consoles, admin endpoints) open to the world. */
export const noAdminPortsToWorld: ResourceValidationPolicy = {
  name: "portcatalog-no-admin-ports-to-world",
  description: "Admin-audience catalog ports (management consoles, admin API endpoints) should not be open to 0.0.0.0/0 or ::/0.",
  enforcementLevel: "advisory",
  configSchema: exposureConfigSchema,
  validateResource: (args, report) => checkExposure("admin", args, report),
};

function isEverything(i: Ingress): boolean {
  return i.protocols === "all" || (i.fromPort <= 1 && i.toPort >= 65535);
}

/** Advisory: all-protocol or all-port rules open to the world. */
export const noAllTrafficToWorld: ResourceValidationPolicy = {
  name: "portcatalog-no-all-traffic-to-world",
  description: "All-protocol or all-port ingress rules should not be open to 0.0.0.0/0 or ::/0.",
  enforcementLevel: "advisory",
  configSchema: { properties: { allowResources: { type: "array", items: { type: "string" } } } },
  validateResource: (args, report) => {
    if (!RESOURCE_TYPES.includes(args.type)) return;
    const { allowResources = [] } = args.getConfig<{ allowResources?: string[] }>();
    if (allowResources.includes(args.name) || allowResources.includes(args.urn)) return;
    for (const i of worldIngress(args.type, args.props).filter(isEverything)) {
      const what = i.protocols === "all" ? "every protocol and port" : `every ${i.protocols.join("/")} port`;
      report(`${args.name} opens ${what} to ${i.worldPeers.join(" and ")}. Open only the ports the service needs.`);
    }
  },
};

export const POLICIES = [noInternalPortsToWorld, noAdminPortsToWorld, noAllTrafficToWorld];
