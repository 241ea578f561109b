// Reads ingress permissions off the Pulumi resource types the policy pack checks. Resource inputs
// are hostile (unknowns during preview, wrong types from other languages): a malformed piece is
// skipped and reported, never a crash.
import { AZURE_RESOURCE_TYPES, readAzureIngress } from "./azure.js";
import { type Permission, portRange, protocolClass } from "./judge.js";

export const RESOURCE_TYPES = [
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  "aws:ec2/securityGroupRule:SecurityGroupRule",
  "aws:ec2/securityGroup:SecurityGroup",
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  "openstack:networking/secGroupRule:SecGroupRule",
  ...AZURE_RESOURCE_TYPES,
] as const;

export interface ReadIngress {
  permissions: Permission[];
  /** What could not be read, e.g. `ingress is not a list (got a string)`. */
  problems: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function kind(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "an object";
  return typeof v === "string" ? `string ${JSON.stringify(v)}` : `${typeof v} ${String(v)}`;
}

/** A port field: a whole number, a numeric string, unset; anything else is a problem (and the rule is skipped). */
function checkPorts(where: string, rule: Record<string, unknown>, fields: [string, string], problems: string[]): boolean {
  for (const f of fields) {
    const v = rule[f];
    if (v === undefined || v === null) continue;
    if (typeof v === "number" && Number.isFinite(v)) continue;
    if (typeof v === "string" && /^\s*-?\d+\s*$/.test(v)) continue;
    problems.push(`${where}${f} is ${kind(v)}, not a port number`);
    return false;
  }
  return true;
}

/** A CIDR list field: a list of strings, one string, or unset. */
function cidrList(where: string, value: unknown, problems: string[]): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((c, i) => {
    if (typeof c === "string") return true;
    if (c !== undefined) problems.push(`${where}[${i}] is ${kind(c)}, not a CIDR string`);
    return false;
  });
}

function awsPermission(where: string, rule: Record<string, unknown>, protocolKey: string, cidrKeys: [string, string], problems: string[]): Permission[] {
  if (!checkPorts(where, rule, ["fromPort", "toPort"], problems)) return [];
  const protocol = protocolClass(rule[protocolKey]);
  const cidrs = cidrKeys.flatMap((k) => cidrList(`${where}${k}`, rule[k], problems));
  // AWS's -1 takes no ports: every port of every protocol.
  const ports = protocol === "all" ? { fromPort: 0, toPort: 65535 } : portRange(rule.fromPort, rule.toPort);
  return [{ protocol, ...ports, cidrs }];
}

function inlineIngress(props: Record<string, unknown>, problems: string[]): Permission[] {
  const ingress = props.ingress;
  if (ingress === undefined || ingress === null) return [];
  if (!Array.isArray(ingress)) {
    problems.push(`ingress is ${kind(ingress)}, not a list of rules`);
    return [];
  }
  return ingress.flatMap((rule, i) => {
    if (!isRecord(rule)) {
      problems.push(`ingress[${i}] is ${kind(rule)}, not a rule`);
      return [];
    }
    return awsPermission(`ingress[${i}].`, rule, "protocol", ["cidrBlocks", "ipv6CidrBlocks"], problems);
  });
}

/** Ingress permissions of one resource, or `undefined` for a type the pack does not check. */
export function readIngress(type: string, props: unknown): ReadIngress | undefined {
  if (!(RESOURCE_TYPES as readonly string[]).includes(type)) return undefined;
  const azure = readAzureIngress(type, props);
  if (azure) return azure;
  const problems: string[] = [];
  if (!isRecord(props)) return { permissions: [], problems: [`properties are ${kind(props)}, not an object`] };
  let permissions: Permission[] = [];
  switch (type) {
    case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
      permissions = awsPermission("", props, "ipProtocol", ["cidrIpv4", "cidrIpv6"], problems);
      break;
    case "aws:ec2/securityGroupRule:SecurityGroupRule":
      permissions = props.type === "ingress" ? awsPermission("", props, "protocol", ["cidrBlocks", "ipv6CidrBlocks"], problems) : [];
      break;
    case "aws:ec2/securityGroup:SecurityGroup":
    case "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup":
      permissions = inlineIngress(props, problems);
      break;
    case "openstack:networking/secGroupRule:SecGroupRule": {
      if (props.direction !== "ingress") break;
      if (!checkPorts("", props, ["portRangeMin", "portRangeMax"], problems)) break;
      // Neutron: no prefix, no remote group and no address group admits any address of the family.
      const anyone = !props.remoteIpPrefix && !props.remoteGroupId && !props.remoteAddressGroupId;
      const family = props.ethertype === "IPv6" ? "::/0" : "0.0.0.0/0";
      const cidrs = anyone ? [family] : cidrList("remoteIpPrefix", props.remoteIpPrefix, problems);
      const protocol = protocolClass(props.protocol);
      permissions = [{ protocol, ...(protocol === "all" ? { fromPort: 0, toPort: 65535 } : portRange(props.portRangeMin, props.portRangeMax)), cidrs }];
      break;
    }
  }
  return { permissions, problems };
}
