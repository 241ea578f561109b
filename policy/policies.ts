import type { PolicyConfigSchema, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { builtinCatalog, type CatalogEntry, judgedEntries, oneOf, type Protocol } from "../catalog/index.js";
import { readIngress, RESOURCE_TYPES as JUDGED_RESOURCE_TYPES, UNKNOWN } from "./ingress.js";
import { buildPortIndex, describeUsers, exposedPorts, isAllTraffic, type PortIndex, type PortUse, portLabel, trafficWords, worldOpenings } from "./judge.js";
import { joinByGroup, type SplitOpening, splitOpenings, type StackResource } from "./stack.js";
import { unselectedWorkloads, type WorkloadResource } from "./kubernetes.js";

export { RESOURCE_TYPES } from "./ingress.js";
export { JUDGED_TYPES, NOT_JUDGED_TYPES, type ResourceTypeNote } from "./resource-types.js";

/** A deliberate exception, from the policy pack's config: `{ "allow": [{ "port": 3306, "resource": "legacy-db" }] }`. */
export interface AllowedException {
  port: number;
  protocol?: Protocol;
  /** The resource's name or URN; unset allows the port on every resource. */
  resource?: string;
}

/** Which catalog the exposure policies judge by, and their exceptions, from the policy config. */
export interface ExposureConfig {
  /** Only these products (`catalog/variant`: every release; `catalog/variant@release`: that one), e.g. when Anbox's public 10000-11000 would hide WSO2's internal ports. Default: every release of every product. */
  products?: string[];
  /** WSO2 port offsets in use, so moved ports are recognised too. */
  wso2PortOffsets?: number[];
  allow?: AllowedException[];
}

/** Every product the built-in catalog knows, `catalog/variant`. */
/** What `products` may name: a product (every release of it) or `product@release` (that release alone). */
export const KNOWN_PRODUCTS: readonly string[] = [
  ...[...new Set(builtinCatalog.entries.map((e) => `${e.catalog}/${e.variant}`))].sort(),
  ...builtinCatalog.releases.map((r) => `${r.product}@${r.name}`),
];

/** Config both exposure policies take. The engine checks it against this schema before any resource is judged. */
export const exposureConfigSchema: PolicyConfigSchema = {
  properties: {
    wso2PortOffsets: { type: "array", items: { type: "integer", minimum: 0, maximum: 65534 } },
    products: { type: "array", items: { type: "string", enum: [...KNOWN_PRODUCTS] } },
    allow: {
      type: "array",
      items: {
        type: "object",
        properties: { port: { type: "integer", minimum: 1, maximum: 65535 }, protocol: { type: "string", enum: ["tcp", "udp"] }, resource: { type: "string", minLength: 1 } },
        required: ["port"],
        additionalProperties: false,
      },
    },
  },
};

export const allTrafficConfigSchema: PolicyConfigSchema = {
  properties: { allowResources: { type: "array", items: { type: "string", minLength: 1 } } },
};

// Keys the engine itself puts in every policy's config.
const ENGINE_KEYS = new Set(["enforcementLevel"]);

const show = (v: unknown) => (typeof v === "string" ? `"${v}"` : JSON.stringify(v) ?? String(v));
const isWhole = (v: unknown, min: number, max: number): v is number => typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;

/** Validates a policy config against its schema by hand (the pack has no schema library); the first problem, or undefined. */
export function configProblem(schema: PolicyConfigSchema, config: unknown): string | undefined {
  if (typeof config !== "object" || config === null || Array.isArray(config)) return `the config is ${show(config)}, not an object`;
  for (const [key, value] of Object.entries(config)) {
    if (ENGINE_KEYS.has(key)) continue;
    if (!(key in schema.properties)) return `unknown key "${key}": use ${oneOf(Object.keys(schema.properties))}`;
    if (value === undefined) continue;
    if (!Array.isArray(value)) return `${key} is ${show(value)}, not a list`;
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      const at = `${key}[${i}]`;
      if (key === "products" && !KNOWN_PRODUCTS.includes(v as string)) return `${at} ${show(v)} is not a product of the catalog: use ${oneOf(KNOWN_PRODUCTS)}`;
      if (key === "wso2PortOffsets" && !isWhole(v, 0, 65534)) return `${at} ${show(v)} is not a port offset: use a whole number from 0 to 65534`;
      if (key === "allowResources" && (typeof v !== "string" || !v)) return `${at} ${show(v)} is not a resource name or URN`;
      if (key === "allow") {
        if (typeof v !== "object" || v === null || Array.isArray(v)) return `${at} is ${show(v)}, not an object like { "port": 3306 }`;
        for (const k of Object.keys(v)) if (!["port", "protocol", "resource"].includes(k)) return `${at} has unknown key "${k}": use "port", "protocol" or "resource"`;
        const a = v as Record<string, unknown>;
        if (!isWhole(a.port, 1, 65535)) return `${at}.port ${show(a.port)} is not a port: use a whole number from 1 to 65535`;
        if (a.protocol !== undefined && a.protocol !== "tcp" && a.protocol !== "udp") return `${at}.protocol ${show(a.protocol)} is not valid: use "tcp" or "udp"`;
        if (a.resource !== undefined && (typeof a.resource !== "string" || !a.resource)) return `${at}.resource ${show(a.resource)} is not a resource name or URN`;
      }
    }
  }
  return undefined;
}

/** Validated configs and their port indexes, built once per distinct config. */
const checked = new Map<string, { problem?: string; index?: PortIndex }>();
const reported = new Set<string>();

function checkConfig(schema: PolicyConfigSchema, config: unknown): { problem?: string; index?: PortIndex; key: string } {
  let key: string;
  try {
    key = JSON.stringify(config) ?? "undefined";
  } catch {
    key = "unserialisable";
  }
  let found = checked.get(key);
  if (!found) {
    const problem = configProblem(schema, config ?? {});
    found = { problem };
    if (!problem && schema === exposureConfigSchema) {
      const { products = [], wso2PortOffsets = [] } = config as ExposureConfig;
      const scope = [...new Set(products)].sort();
      const entries = judgedEntries(builtinCatalog, scope);
      found.index = buildPortIndex(entries.filter((e: CatalogEntry) => e.direction === "ingress"), wso2PortOffsets);
    }
    checked.set(key, found);
  }
  return { ...found, key };
}

/** Reads the config once; a bad config is one violation per policy (not a throw in every resource), then nothing is judged. */
function configFor(policy: string, schema: PolicyConfigSchema, args: Pick<ResourceValidationArgs, "getConfig">, report: ReportViolation): { index?: PortIndex; config: Record<string, unknown> } | undefined {
  const config = args.getConfig<Record<string, unknown>>();
  const { problem, index, key } = checkConfig(schema, config);
  if (problem) {
    if (!reported.has(`${policy}|${key}`)) {
      reported.add(`${policy}|${key}`);
      report(`policy config of ${policy}: ${problem}. Fix the policy pack's config; no resource is judged by this policy until then.`);
    }
    return undefined;
  }
  return { index, config: config ?? {} };
}

/** Catalog port runs less the ports the allow-list exempts for this resource. */
function notAllowed(allow: readonly AllowedException[], args: { name: string; urn: string }, uses: PortUse[]): PortUse[] {
  return notAllowedWhere(allow, (a) => !a.resource || a.resource === args.name || a.resource === args.urn, uses);
}

function notAllowedWhere(allow: readonly AllowedException[], applies: (a: AllowedException) => boolean, uses: PortUse[]): PortUse[] {
  const mine = allow.filter(applies);
  return uses.flatMap((u) => {
    const cut = mine.filter((a) => (!a.protocol || a.protocol === u.protocol) && a.port >= u.fromPort && a.port <= u.toPort).map((a) => a.port).sort((x, y) => x - y);
    const pieces: PortUse[] = [];
    let from = u.fromPort;
    for (const port of cut) {
      if (port > from) pieces.push({ ...u, fromPort: from, toPort: port - 1 });
      from = Math.max(from, port + 1);
    }
    if (from <= u.toPort) pieces.push({ ...u, fromPort: from });
    return pieces;
  });
}

/** Reports the catalog ports of the given exposure that world-open ingress reaches, one violation per opening. */
function checkExposure(policy: string, exposure: "internal" | "admin", args: ResourceValidationArgs, report: ReportViolation): void {
  const read = readIngress(args.type, args.props);
  if (!read) return;
  const scope = configFor(policy, exposureConfigSchema, args, report);
  if (!scope?.index) return;
  // Malformed input is the mandatory policy's to report, once.
  if (exposure === "internal") for (const p of read.problems) report(`${args.name}: cannot read ${p}; that part was not judged.`);
  const allow = (scope.config.allow ?? []) as AllowedException[];
  for (const { opening, uses } of exposedPorts(scope.index, worldOpenings(read.permissions), exposure)) {
    const hits = notAllowed(allow, args, uses).map((u) => `${portLabel(u)}: ${describeUsers(u.entries)}`);
    if (!hits.length) continue;
    const shown = hits.slice(0, 5).join("; ") + (hits.length > 5 ? `; and ${hits.length - 5} more` : "");
    const what = exposure === "internal" ? "an internal-only catalog port" : "an admin-only catalog port";
    report(`${args.name} opens ${what} to ${opening.peers.join(" and ")}: ${shown}. Open it to the deployment's own groups or operators' CIDRs, or list it under "allow" in the policy config.`);
  }
}

const INTERNAL = "portcatalog-no-internal-ports-to-world";
const ADMIN = "portcatalog-no-admin-ports-to-world";
const ALL_TRAFFIC = "portcatalog-no-all-traffic-to-world";

/** Mandatory: no ingress opens to the world a port the catalog keeps internal (MySQL, AMQP, etcd, NATS, AMS API, JMX, Thrift, clustering …). */
export const noInternalPortsToWorld: ResourceValidationPolicy = {
  name: INTERNAL,
  description: "No ingress rule opens a catalog port whose audiences are internal only to the whole internet (0.0.0.0/0, ::/0, or CIDRs that together cover a family).",
  enforcementLevel: "mandatory",
  configSchema: exposureConfigSchema,
  validateResource: (args, report) => checkExposure(INTERNAL, "internal", args, report),
};

/** Advisory: admin-only ports (management consoles, admin endpoints) open to the world. */
export const noAdminPortsToWorld: ResourceValidationPolicy = {
  name: ADMIN,
  description: "Admin-audience catalog ports (management consoles, admin API endpoints) should not be open to the whole internet.",
  enforcementLevel: "advisory",
  configSchema: exposureConfigSchema,
  validateResource: (args, report) => checkExposure(ADMIN, "admin", args, report),
};

/** Advisory: all-protocol or all-port rules open to the world. */
export const noAllTrafficToWorld: ResourceValidationPolicy = {
  name: ALL_TRAFFIC,
  description: "All-protocol or all-port ingress rules should not be open to the whole internet.",
  enforcementLevel: "advisory",
  configSchema: allTrafficConfigSchema,
  validateResource: (args, report) => {
    const read = readIngress(args.type, args.props);
    if (!read) return;
    const scope = configFor(ALL_TRAFFIC, allTrafficConfigSchema, args, report);
    if (!scope) return;
    const allowResources = (scope.config.allowResources ?? []) as string[];
    if (allowResources.includes(args.name) || allowResources.includes(args.urn)) return;
    for (const o of worldOpenings(read.permissions).filter(isAllTraffic)) {
      // An all-protocol permission also opens every tcp and udp port: say so once, as every protocol.
      if (o.protocol !== "all" && o.permissions.every((i) => read.permissions[i].protocol === "all")) continue;
      const what = trafficWords(o);
      report(`${args.name} opens ${what} to ${o.peers.join(" and ")}. Open only the ports the service needs.`);
    }
  },
};

const GROUP_INTERNAL = "portcatalog-no-internal-ports-to-world-across-rules";
const GROUP_ADMIN = "portcatalog-no-admin-ports-to-world-across-rules";
const GROUP_ALL_TRAFFIC = "portcatalog-no-all-traffic-to-world-across-rules";
const GROUP_JOINED = "portcatalog-rules-joined-by-group";

const resourcesOf = (args: StackValidationArgs): StackResource[] => args.resources as unknown as StackResource[];
const names = (s: SplitOpening) => (s.resources.length > 6 ? `${s.resources.slice(0, 6).map((r) => r.name).join(", ")} and ${s.resources.length - 6} more resources` : s.resources.map((r) => r.name).join(", "));
const peersOf = (s: SplitOpening) => (s.opening.peers.length > 6 ? `${s.opening.peers.slice(0, 6).join(", ")} and ${s.opening.peers.length - 6} more prefixes` : s.opening.peers.join(" and "));

/** An exception applies to a group's opening when it names no resource, the group, or every resource that takes part. */
const appliesTo = (s: SplitOpening) => (a: AllowedException) =>
  !a.resource || a.resource === s.group.label || a.resource === s.group.urn || s.resources.every((r) => a.resource === r.name || a.resource === r.urn);

function checkSplitExposure(policy: string, exposure: "internal" | "admin", args: StackValidationArgs, report: ReportViolation): void {
  const scope = configFor(policy, exposureConfigSchema, args, report);
  if (!scope?.index) return;
  const allow = (scope.config.allow ?? []) as AllowedException[];
  for (const split of splitOpenings(joinByGroup(resourcesOf(args)))) {
    for (const { uses } of exposedPorts(scope.index, [split.opening], exposure)) {
      const hits = notAllowedWhere(allow, appliesTo(split), uses).map((u) => `${portLabel(u)}: ${describeUsers(u.entries)}`);
      if (!hits.length) continue;
      const shown = hits.slice(0, 5).join("; ") + (hits.length > 5 ? `; and ${hits.length - 5} more` : "");
      const what = exposure === "internal" ? "an internal-only catalog port" : "an admin-only catalog port";
      report(`group ${split.group.label} opens ${what} to the whole ${split.opening.families.join(" and ")} internet across ${names(split)} (${peersOf(split)} together): ${shown}. Open it to the deployment's own groups or operators' CIDRs, or list it under "allow" in the policy config.`, split.group.urn);
    }
  }
}

/** Mandatory: the stack-level twin of {@link noInternalPortsToWorld}: rules of one group judged together, whatever resources hold them. */
export const noInternalPortsToWorldAcrossRules: StackValidationPolicy = {
  name: GROUP_INTERNAL,
  description: "No group's ingress rules, taken together across resources, open a catalog port whose audiences are internal only to the whole internet (CIDRs of several rules that together cover a family).",
  enforcementLevel: "mandatory",
  configSchema: exposureConfigSchema,
  validateStack: (args, report) => checkSplitExposure(GROUP_INTERNAL, "internal", args, report),
};

/** Advisory: the stack-level twin of {@link noAdminPortsToWorld}. */
export const noAdminPortsToWorldAcrossRules: StackValidationPolicy = {
  name: GROUP_ADMIN,
  description: "Admin-audience catalog ports should not be open to the whole internet through a group's rules taken together.",
  enforcementLevel: "advisory",
  configSchema: exposureConfigSchema,
  validateStack: (args, report) => checkSplitExposure(GROUP_ADMIN, "admin", args, report),
};

/** Advisory: the stack-level twin of {@link noAllTrafficToWorld}. */
export const noAllTrafficToWorldAcrossRules: StackValidationPolicy = {
  name: GROUP_ALL_TRAFFIC,
  description: "A group's rules taken together should not open every port or protocol to the whole internet.",
  enforcementLevel: "advisory",
  configSchema: allTrafficConfigSchema,
  validateStack: (args, report) => {
    const scope = configFor(GROUP_ALL_TRAFFIC, allTrafficConfigSchema, args, report);
    if (!scope) return;
    const allowResources = (scope.config.allowResources ?? []) as string[];
    const allowed = (x: string | undefined) => x !== undefined && allowResources.includes(x);
    const splits = splitOpenings(joinByGroup(resourcesOf(args))).filter((s) => isAllTraffic(s.opening));
    for (const s of splits) {
      if (allowed(s.group.label) || allowed(s.group.urn) || s.resources.every((r) => allowed(r.name) || allowed(r.urn))) continue;
      // An all-protocol opening also opens every tcp and udp port: say so once.
      if (s.opening.protocol !== "all" && splits.some((o) => o.group === s.group && o.opening.protocol === "all" && o.opening.families.join() === s.opening.families.join())) continue;
      const what = trafficWords(s.opening);
      report(`group ${s.group.label} opens ${what} to the whole ${s.opening.families.join(" and ")} internet across ${names(s)} (${peersOf(s)} together). Open only the ports the service needs.`, s.group.urn);
    }
  },
};

/**
 * Advisory: one summary per stack of the rules the stack-level policies could not join with their
 * group, or read, because a value they need is really unknown (a preview): a field the program did
 * not set is no reason.
 */
export const rulesJoinedByGroup: StackValidationPolicy = {
  name: GROUP_JOINED,
  description: "Says once per stack which rule resources the stack-level policies could not join with their group, or read, because a value they need is not known yet (a preview before it exists); those are judged once it is known.",
  enforcementLevel: "advisory",
  validateStack: (args, report) => {
    const notes = joinByGroup(resourcesOf(args)).notes;
    if (!notes.length) return;
    const shown = notes.slice(0, 5).join(" | ") + (notes.length > 5 ? ` | and ${notes.length - 5} more` : "");
    report(`${notes.length} rule resource${notes.length === 1 ? "" : "s"} not judged in full: ${shown}`);
  },
};

const PODS_SELECTED = "portcatalog-pods-selected-by-a-network-policy";

/**
 * Advisory: a Kubernetes workload of the stack (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job,
 * CronJob, Pod) whose pods no NetworkPolicy of the stack selects takes traffic from every pod of every
 * namespace; one on the node's network is beyond every NetworkPolicy. Values not known during a
 * preview never count as selected.
 */
export const podsSelectedByANetworkPolicy: StackValidationPolicy = {
  name: PODS_SELECTED,
  description: "Every Kubernetes workload of the stack has its pods selected by a NetworkPolicy of type Ingress in their namespace (an unselected pod takes traffic from every pod of every namespace), and none runs on the node's network.",
  enforcementLevel: "advisory",
  validateStack: (args, report) => {
    for (const f of unselectedWorkloads(args.resources as unknown as WorkloadResource[])) report(f.message, f.urn);
  },
};

export const POLICIES = [noInternalPortsToWorld, noAdminPortsToWorld, noAllTrafficToWorld];

/** The stack-level policies: each group's rules judged together, across every resource that holds them. */
export const STACK_POLICIES = [noInternalPortsToWorldAcrossRules, noAdminPortsToWorldAcrossRules, noAllTrafficToWorldAcrossRules, rulesJoinedByGroup, podsSelectedByANetworkPolicy];

const RESOURCE_TYPES_JUDGED = new Set(JUDGED_RESOURCE_TYPES);

/** A resource as `portcatalog plan` recorded it, for {@link packFindings}. */
export interface PlannedResource {
  type: string;
  name: string;
  urn: string;
  inputs: Record<string, unknown>;
}

/**
 * What the pack would report for a planned stack with its default config: every resource policy on
 * every resource, then the stack policies (the joining note aside: a plan knows every value it
 * can). `portcatalog plan` warns with these, so the plan and the pack judge alike. Values the plan
 * records as unknown (`unknown`, the testing helper's marker) read as unknown to the judgement.
 */
export function packFindings(resources: readonly PlannedResource[], unknown: string): string[] {
  const mark = (v: unknown): unknown => (v === unknown ? UNKNOWN : Array.isArray(v) ? v.map(mark) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mark(x)])) : v);
  const judged = resources.filter((r) => RESOURCE_TYPES_JUDGED.has(r.type)).map((r) => ({ type: r.type, name: r.name, urn: r.urn, props: mark(r.inputs), propertyDependencies: {} }));
  const findings: string[] = [];
  const getConfig = <T>() => ({}) as T;
  for (const policy of POLICIES) {
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
    for (const r of judged) for (const v of validations) void v?.({ ...r, getConfig } as unknown as ResourceValidationArgs, (m: string) => findings.push(`${policy.name} (${policy.enforcementLevel}): ${m}`));
  }
  for (const policy of STACK_POLICIES.filter((p) => p !== rulesJoinedByGroup)) {
    void policy.validateStack({ resources: judged, getConfig } as unknown as StackValidationArgs, (m: string) => findings.push(`${policy.name} (${policy.enforcementLevel}): ${m}`));
  }
  return findings;
}
