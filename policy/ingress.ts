import ipaddr from "ipaddr.js";
import type { Protocol } from "../catalog/model.js";

/** One ingress permission read off a resource's properties, whatever resource type it came from. */
export interface Ingress {
  /** `all` for -1 / all-protocol rules. Other protocols (icmp, …) never match a catalog port. */
  protocols: Protocol[] | "all";
  fromPort: number;
  toPort: number;
  /** The peers that mean "the whole internet" (`0.0.0.0/0`, `::/0`), as written. */
  worldPeers: string[];
}

const ALL_PORTS = { fromPort: 1, toPort: 65535 };

function isWorld(cidr: unknown): cidr is string {
  if (typeof cidr !== "string" || !ipaddr.isValidCIDR(cidr)) return false;
  return ipaddr.parseCIDR(cidr)[1] === 0;
}

function protocols(value: unknown): Protocol[] | "all" | undefined {
  const p = String(value ?? "").toLowerCase();
  if (p === "-1" || p === "all") return "all";
  if (p === "tcp" || p === "6") return ["tcp"];
  if (p === "udp" || p === "17") return ["udp"];
  return undefined;
}

function ports(from: unknown, to: unknown): { fromPort: number; toPort: number } {
  const f = typeof from === "number" ? from : undefined;
  const t = typeof to === "number" ? to : undefined;
  // Neutron: no range (or 0) is every port; AWS's 0-65535 is every port too.
  if (!f && !t) return ALL_PORTS;
  return { fromPort: Math.max(1, f ?? t ?? 1), toPort: t ?? f ?? 65535 };
}

function awsIngress(props: Record<string, unknown>, protocolKey: string, v4: unknown, v6: unknown): Ingress | undefined {
  const protos = protocols(props[protocolKey]);
  const world = [...(Array.isArray(v4) ? v4 : [v4]), ...(Array.isArray(v6) ? v6 : [v6])].filter(isWorld);
  if (!protos || !world.length) return undefined;
  return { protocols: protos, ...(protos === "all" ? ALL_PORTS : ports(props.fromPort, props.toPort)), worldPeers: world };
}

/** Ingress permissions open to the world, for the resource types the policy pack checks. */
export function worldIngress(type: string, props: Record<string, unknown>): Ingress[] {
  switch (type) {
    case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
      return [awsIngress(props, "ipProtocol", props.cidrIpv4, props.cidrIpv6)].filter((i): i is Ingress => !!i);
    case "aws:ec2/securityGroupRule:SecurityGroupRule":
      return props.type === "ingress" ? [awsIngress(props, "protocol", props.cidrBlocks, props.ipv6CidrBlocks)].filter((i): i is Ingress => !!i) : [];
    case "aws:ec2/securityGroup:SecurityGroup":
      return ((props.ingress as Record<string, unknown>[] | undefined) ?? []).flatMap((rule) => [awsIngress(rule, "protocol", rule.cidrBlocks, rule.ipv6CidrBlocks)].filter((i): i is Ingress => !!i));
    case "openstack:networking/secGroupRule:SecGroupRule": {
      if (props.direction !== "ingress") return [];
      // Neutron: neither a prefix nor a remote group means any address.
      const anyone = !props.remoteIpPrefix && !props.remoteGroupId;
      const world = isWorld(props.remoteIpPrefix) ? [props.remoteIpPrefix as string] : anyone ? [props.ethertype === "IPv6" ? "::/0" : "0.0.0.0/0"] : [];
      const protos = props.protocol === undefined || props.protocol === "" || props.protocol === "any" ? "all" : protocols(props.protocol);
      if (!protos || !world.length) return [];
      return [{ protocols: protos, ...(protos === "all" ? ALL_PORTS : ports(props.portRangeMin, props.portRangeMax)), worldPeers: world }];
    }
    default:
      return [];
  }
}
