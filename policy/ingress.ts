// Reads the rules of every provider resource type that can open a port (policy/resource-types.ts
// lists them, and says why the others cannot). Resource inputs are hostile (unknowns during
// preview, wrong types from other languages): a malformed piece is skipped and reported, never a crash.
import type { Direction } from "../catalog/model.js";
import { type Permission, portRange, protocolClass } from "./judge.js";
import { AZURE_RESOURCE_TYPES, azureRulePermissions, readAzureIngress } from "./azure.js";
import { JUDGED_TYPES } from "./resource-types.js";
import { NETWORK_POLICY_TYPE, netpolPermissions, readNetworkPolicy, selectorText } from "./netpol.js";

import { snapshot, UNKNOWN } from "./unknown.js";

export { snapshot, UNKNOWN } from "./unknown.js";

/** Which group a rule belongs to: the resource itself (inline rules), or the group a field names. */
export type Attachment = { self: true } | { self: false; field: string; value: string | typeof UNKNOWN | undefined };

/** One rule of a resource: a direction, the permission, and the group it joins. */
export interface ReadRule extends Permission {
  direction: Direction;
  attach: Attachment;
}

export interface ReadRules {
  rules: ReadRule[];
  /** What could not be read, e.g. `ingress is not a list (got a string)`. */
  problems: string[];
  /** What the engine does not know yet, e.g. `cidrIpv4`: those rules are not judged during preview. */
  unknowns: string[];
}

export interface ReadIngress {
  permissions: Permission[];
  problems: string[];
}

/** Every type judged, by its Pulumi type token. */
// Azure's rule types are read by policy/azure.ts; readRules joins a SecurityRule to its NSG by resource group and name.
// A Kubernetes NetworkPolicy is read by policy/netpol.ts; its rules join the policies of the same pods (namespace and podSelector).
export const RESOURCE_TYPES: readonly string[] = [...JUDGED_TYPES.map((t) => t.type), ...AZURE_RESOURCE_TYPES, NETWORK_POLICY_TYPE];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function kind(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "an object";
  return typeof v === "string" ? `string ${JSON.stringify(v)}` : `${typeof v} ${String(v)}`;
}

class Reader {
  readonly rules: ReadRule[] = [];
  readonly problems: string[] = [];
  readonly unknowns: string[] = [];

  /** False (and noted) when a field is not known yet. */
  known(where: string, ...values: unknown[]): boolean {
    if (!values.includes(UNKNOWN)) return true;
    this.unknowns.push(where);
    return false;
  }

  /** A port field: a whole number, a numeric string, unset; anything else is a problem (and the rule is skipped). */
  ports(where: string, rule: Record<string, unknown>, fields: [string, string]): boolean {
    for (const f of fields) {
      const v = rule[f];
      if (v === undefined || v === null || v === UNKNOWN) continue;
      if (typeof v === "number" && Number.isFinite(v)) continue;
      if (typeof v === "string" && /^\s*-?\d+\s*$/.test(v)) continue;
      this.problems.push(`${where}${f} is ${kind(v)}, not a port number`);
      return false;
    }
    return this.known(`${where}${fields.join("/")}`, rule[fields[0]], rule[fields[1]]);
  }

  /** A CIDR list field: a list of strings, one string, or unset; undefined when not known yet. */
  cidrs(where: string, value: unknown): string[] | undefined {
    if (value === undefined || value === null) return [];
    if (!this.known(where, value)) return undefined;
    const list = Array.isArray(value) ? value : [value];
    if (!this.known(where, ...list)) return undefined;
    return list.filter((c, i) => {
      if (typeof c === "string") return true;
      if (c !== undefined) this.problems.push(`${where}[${i}] is ${kind(c)}, not a CIDR string`);
      return false;
    });
  }

  list(where: string, value: unknown): Record<string, unknown>[] {
    if (value === undefined || value === null) return [];
    if (!this.known(where, value)) return [];
    if (!Array.isArray(value)) {
      this.problems.push(`${where} is ${kind(value)}, not a list of rules`);
      return [];
    }
    return value.filter((rule, i): rule is Record<string, unknown> => {
      if (isRecord(rule)) return true;
      if (rule === UNKNOWN) this.unknowns.push(`${where}[${i}]`);
      else this.problems.push(`${where}[${i}] is ${kind(rule)}, not a rule`);
      return false;
    });
  }

  /** One permission; `protocol` already read. AWS's -1 (and any all-protocol rule) takes no ports: every port. */
  add(direction: Direction, attach: Attachment, protocolValue: unknown, from: unknown, to: unknown, cidrs: string[] | undefined, where: string): void {
    if (cidrs === undefined || !this.known(`${where}protocol`, protocolValue)) return;
    const protocol = protocolClass(protocolValue);
    const ports = protocol === "all" ? { fromPort: 0, toPort: 65535 } : portRange(from, to);
    this.rules.push({ direction, attach, protocol, ...ports, cidrs });
  }
}

const attachTo = (props: Record<string, unknown>, field: string): Attachment => {
  const v = props[field];
  return { self: false, field, value: v === UNKNOWN ? UNKNOWN : typeof v === "string" ? v : undefined };
};
const SELF: Attachment = { self: true };

/** The fields of an Azure rule the judgement reads. */
const AZURE_JUDGED = ["direction", "access", "protocol", "sourceAddressPrefix", "sourceAddressPrefixes", "destinationPortRange", "destinationPortRanges"];

/** The key an Azure rule's NSG goes by in a stack: `azure:<resource group>/<nsg name>`, lower-cased. */
export const azureNsgKey = (resourceGroup: string, name: string) => `azure:${resourceGroup}/${name}`.toLowerCase();

function azureNsgAttachment(p: Record<string, unknown>): Attachment {
  const [rg, nsg] = [p.resourceGroupName, p.networkSecurityGroupName];
  const value = rg === UNKNOWN || nsg === UNKNOWN ? UNKNOWN : typeof rg === "string" && typeof nsg === "string" ? azureNsgKey(rg, nsg) : undefined;
  return { self: false, field: "networkSecurityGroupName", value };
}

function awsRule(r: Reader, where: string, direction: Direction, attach: Attachment, rule: Record<string, unknown>, protocolKey: string, cidrKeys: [string, string]): void {
  if (!r.ports(where, rule, ["fromPort", "toPort"])) return;
  const lists = cidrKeys.map((k) => r.cidrs(`${where}${k}`, rule[k]));
  r.add(direction, attach, rule[protocolKey], rule.fromPort, rule.toPort, lists.some((l) => l === undefined) ? undefined : lists.flat() as string[], where);
}

// Octavia listener protocols (api-ref load-balancer v2 listeners): these ride on TCP or UDP.
const OCTAVIA_PROTOCOLS: Record<string, string> = { tcp: "tcp", http: "tcp", https: "tcp", terminated_https: "tcp", prometheus: "tcp", udp: "udp", sctp: "sctp" };

/**
 * Rules of one resource in either direction, or `undefined` for a type that cannot open a port.
 * `fromResource(field)`: whether the program set the field from another resource's output (a stack
 * policy knows it from the property dependencies). In a preview a field the program left unset but
 * the provider computes is unknown too; an unknown field with no such dependency is read as unset.
 */
export function readRules(type: string, props: unknown, fromResource?: (field: string) => boolean): ReadRules | undefined {
  if (!RESOURCE_TYPES.includes(type)) return undefined;
  const r = new Reader();
  if (!isRecord(props)) return { rules: [], problems: [`properties are ${kind(props)}, not an object`], unknowns: [] };
  const p = props;
  switch (type) {
    case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
    case "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule":
      awsRule(r, "", type.includes("Ingress") ? "ingress" : "egress", attachTo(p, "securityGroupId"), p, "ipProtocol", ["cidrIpv4", "cidrIpv6"]);
      break;
    case "aws:ec2/securityGroupRule:SecurityGroupRule":
      if (!r.known("type", p.type)) break;
      if (p.type === "ingress" || p.type === "egress") awsRule(r, "", p.type, attachTo(p, "securityGroupId"), p, "protocol", ["cidrBlocks", "ipv6CidrBlocks"]);
      else r.problems.push(`type is ${kind(p.type)}, not "ingress" or "egress"`);
      break;
    case "aws:ec2/securityGroup:SecurityGroup":
    case "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup":
      for (const direction of ["ingress", "egress"] as const) {
        r.list(direction, p[direction]).forEach((rule, i) => awsRule(r, `${direction}[${i}].`, direction, SELF, rule, "protocol", ["cidrBlocks", "ipv6CidrBlocks"]));
      }
      break;
    case "aws:lightsail/instancePublicPorts:InstancePublicPorts":
      // API_PortInfo: a port with no CIDRs and no alias is open to every address; the judge reads both families.
      r.list("portInfos", p.portInfos).forEach((rule, i) => {
        const at = `portInfos[${i}].`;
        if (!r.ports(at, rule, ["fromPort", "toPort"])) return;
        const v4 = r.cidrs(`${at}cidrs`, rule.cidrs);
        const v6 = r.cidrs(`${at}ipv6Cidrs`, rule.ipv6Cidrs);
        const aliases = r.cidrs(`${at}cidrListAliases`, rule.cidrListAliases);
        if (!v4 || !v6 || !aliases) return;
        const cidrs = v4.length || v6.length || aliases.length ? [...v4, ...v6] : ["0.0.0.0/0", "::/0"];
        r.add("ingress", attachTo(p, "instanceName"), rule.protocol, rule.fromPort, rule.toPort, cidrs, at);
      });
      break;
    case "aws:gamelift/fleet:Fleet":
      r.list("ec2InboundPermissions", p.ec2InboundPermissions).forEach((rule, i) => {
        const at = `ec2InboundPermissions[${i}].`;
        if (r.ports(at, rule, ["fromPort", "toPort"])) r.add("ingress", SELF, rule.protocol, rule.fromPort, rule.toPort, r.cidrs(`${at}ipRange`, rule.ipRange), at);
      });
      break;
    case "openstack:networking/secGroupRule:SecGroupRule": {
      if (!r.known("direction", p.direction)) break;
      if (p.direction !== "ingress" && p.direction !== "egress") {
        r.problems.push(`direction is ${kind(p.direction)}, not "ingress" or "egress"`);
        break;
      }
      if (!r.ports("", p, ["portRangeMin", "portRangeMax"])) break;
      // The provider computes the remote fields the program leaves unset, so a first preview has them
      // unknown beside a literal prefix. Neutron refuses a rule with more than one of the three
      // (SecurityGroupRemoteGroupAndRemoteIpPrefix), so one that is set decides the peer.
      const remote = { remoteIpPrefix: p.remoteIpPrefix, remoteGroupId: p.remoteGroupId, remoteAddressGroupId: p.remoteAddressGroupId };
      const unset = (f: keyof typeof remote) => remote[f] === undefined || remote[f] === null || remote[f] === "" || (remote[f] === UNKNOWN && fromResource !== undefined && !fromResource(f));
      const set = (f: keyof typeof remote) => !unset(f) && (remote[f] !== UNKNOWN || fromResource?.(f) === true);
      let cidrs: string[] | undefined;
      if (set("remoteIpPrefix")) cidrs = r.cidrs("remoteIpPrefix", remote.remoteIpPrefix);
      else if (set("remoteGroupId") || set("remoteAddressGroupId")) cidrs = [];
      else {
        const open = (["remoteIpPrefix", "remoteGroupId", "remoteAddressGroupId"] as const).filter((f) => !unset(f)).map((f) => remote[f]);
        if (!r.known("remoteIpPrefix/remoteGroupId/remoteAddressGroupId/ethertype", ...open, p.ethertype)) break;
        // Neutron: no prefix, no remote group and no address group admits any address of the family.
        cidrs = [p.ethertype === "IPv6" ? "::/0" : "0.0.0.0/0"];
      }
      r.add(p.direction, attachTo(p, "securityGroupId"), p.protocol, p.portRangeMin, p.portRangeMax, cidrs, "");
      break;
    }
    case "openstack:compute/secGroup:SecGroup":
      // Nova's os-security-groups rules are ingress; without a cidr or a group, Nova takes 0.0.0.0/0.
      r.list("rules", p.rules).forEach((rule, i) => {
        const at = `rules[${i}].`;
        if (!r.ports(at, rule, ["fromPort", "toPort"])) return;
        if (!r.known(`${at}cidr/fromGroupId/self`, rule.cidr, rule.fromGroupId, rule.self)) return;
        const cidrs = rule.cidr ? r.cidrs(`${at}cidr`, rule.cidr) : rule.fromGroupId || rule.self ? [] : ["0.0.0.0/0"];
        r.add("ingress", SELF, rule.ipProtocol, rule.fromPort, rule.toPort, cidrs, at);
      });
      break;
    case "openstack:loadbalancer/listener:Listener": {
      // A listener admits allowedCidrs (unset: everyone, api-ref "allowed_cidrs") on its port of the load balancer's VIP.
      if (!r.ports("", p, ["protocolPort", "protocolPort"]) || !r.known("protocol", p.protocol)) break;
      const given = r.cidrs("allowedCidrs", p.allowedCidrs);
      const protocol = OCTAVIA_PROTOCOLS[String(p.protocol ?? "").toLowerCase()] ?? "other";
      r.add("ingress", attachTo(p, "loadbalancerId"), protocol, p.protocolPort, p.protocolPort, given && !given.length ? ["0.0.0.0/0", "::/0"] : given, "");
      break;
    }
    case "azure-native:network:SecurityRule":
    case "azure-native:network:NetworkSecurityGroup": {
      // A SecurityRule joins its NSG by resource group and name (Azure names are case-insensitive); an NSG holds its inline rules.
      const rules = type === "azure-native:network:SecurityRule" ? [{ at: "", rule: p, attach: azureNsgAttachment(p) }] : r.list("securityRules", p.securityRules).map((rule, i) => ({ at: `securityRules[${i}].`, rule, attach: SELF }));
      for (const { at, rule, attach } of rules) {
        const flat = isRecord(rule.properties) ? { ...rule, ...rule.properties } : rule;
        if (!r.known(`${at}direction/access/protocol/sourceAddressPrefix(es)/destinationPortRange(s)`, ...AZURE_JUDGED.flatMap((f) => (Array.isArray(flat[f]) ? [flat[f], ...(flat[f] as unknown[])] : [flat[f]])))) continue;
        for (const perm of azureRulePermissions(at, rule, r.problems)) r.rules.push({ direction: "ingress", attach, ...perm });
      }
      break;
    }
    case NETWORK_POLICY_TYPE: {
      const read = readNetworkPolicy(p);
      r.problems.push(...read.problems);
      r.unknowns.push(...read.unknowns);
      const { policy } = read;
      // A policy of type Egress only admits nothing; "maybe" (policyTypes not known yet) is read as Ingress.
      if (policy.ingressType === false) break;
      // Policies selecting the same pods (same namespace and selector) are one group; unset is the provider's default namespace.
      const ns = policy.namespace === UNKNOWN ? UNKNOWN : (policy.namespace ?? "(default namespace)");
      const value = ns === UNKNOWN || policy.podSelector.unknown ? UNKNOWN : `kubernetes:${ns}/${selectorText(policy.podSelector)}`;
      const attach: Attachment = { self: false, field: "spec.podSelector", value };
      for (const perm of netpolPermissions(policy)) r.rules.push({ direction: "ingress", attach, ...perm });
      break;
    }
    case "openstack:networking/port:Port":
    case "openstack:networking/network:Network":
      // Port security off: Neutron applies no security group, every packet of every protocol passes.
      if (r.known("portSecurityEnabled", p.portSecurityEnabled) && p.portSecurityEnabled === false) {
        r.add("ingress", SELF, "-1", undefined, undefined, ["0.0.0.0/0", "::/0"], "");
      }
      break;
  }
  return { rules: r.rules, problems: r.problems, unknowns: r.unknowns };
}

/** Ingress permissions of one resource, or `undefined` for a type the pack does not judge. */
export function readIngress(type: string, rawProps: unknown): ReadIngress | undefined {
  // The policy runtime's proxy throws on reading a value not known yet (a group id in a preview),
  // and a throw stops the whole policy for the resource: read a plain copy instead.
  const props = snapshot(rawProps);
  const azure = readAzureIngress(type, props);
  if (azure) return azure;
  const read = readRules(type, props);
  if (!read) return undefined;
  return { permissions: read.rules.filter((x) => x.direction === "ingress").map(({ protocol, fromPort, toPort, cidrs }) => ({ protocol, fromPort, toPort, cidrs })), problems: read.problems };
}
