// Every resource type of @pulumi/aws (7.48) and @pulumi/openstack (3.15.2) whose arguments hold a
// port, a rule list or a port-security switch: judged, or why it cannot open a port to a host.
// test/resource-types.test.ts reads the SDKs' declarations and fails when this list and they disagree.

export interface ResourceTypeNote {
  /** The Pulumi type token. */
  type: string;
  /** What the judge reads, or why the type cannot open a port to a host. */
  why: string;
}

/** Types whose rules the policy pack and its stack-level judgement read (policy/ingress.ts). */
export const JUDGED_TYPES: readonly ResourceTypeNote[] = [
  { type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", why: "one ingress rule: ipProtocol, ports, cidrIpv4/cidrIpv6, joined by securityGroupId" },
  { type: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", why: "one egress rule, joined by securityGroupId (read; exposure is judged on ingress)" },
  { type: "aws:ec2/securityGroupRule:SecurityGroupRule", why: "type ingress or egress, protocol, ports, cidrBlocks/ipv6CidrBlocks, joined by securityGroupId" },
  { type: "aws:ec2/securityGroup:SecurityGroup", why: "inline ingress and egress blocks, joined to the group itself" },
  { type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", why: "inline ingress and egress blocks of the VPC's default group" },
  { type: "aws:lightsail/instancePublicPorts:InstancePublicPorts", why: "portInfos open ports of a Lightsail instance (no CIDR and no alias: every address), joined by instanceName" },
  { type: "aws:gamelift/fleet:Fleet", why: "ec2InboundPermissions open ports (ipRange) on the fleet's instances" },
  { type: "openstack:networking/secGroupRule:SecGroupRule", why: "one Neutron rule: direction, protocol, port range, remoteIpPrefix or nothing (the whole family), joined by securityGroupId" },
  { type: "openstack:compute/secGroup:SecGroup", why: "inline Nova rules (ingress; no cidr and no group: 0.0.0.0/0)" },
  { type: "openstack:loadbalancer/listener:Listener", why: "an Octavia listener admits allowedCidrs (unset: everyone) to protocolPort on the load balancer's VIP, joined by loadbalancerId" },
  { type: "openstack:networking/port:Port", why: "portSecurityEnabled false: no security group applies, every protocol and port is open" },
  { type: "openstack:networking/network:Network", why: "portSecurityEnabled false: its ports default to no security group, every protocol and port open" },
];

/** Types with port fields that cannot open a port to a host by themselves, and why. */
export const NOT_JUDGED_TYPES: readonly ResourceTypeNote[] = [
  {
    type: "aws:ec2/networkAcl:NetworkAcl",
    why: "a network ACL filters a subnet in addition to the security groups: traffic must pass both, so an ACL allow never admits what a group refuses (Amazon VPC User Guide, 'Control subnet traffic with network access control lists')",
  },
  { type: "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl", why: "a network ACL (see aws.ec2.NetworkAcl): a second filter after the security groups" },
  { type: "aws:ec2/networkAclRule:NetworkAclRule", why: "one network ACL rule (see aws.ec2.NetworkAcl): a second filter after the security groups" },
  { type: "aws:ec2/trafficMirrorFilterRule:TrafficMirrorFilterRule", why: "selects traffic to copy to a mirror target; admits nothing" },
  { type: "aws:ec2/networkInsightsPath:NetworkInsightsPath", why: "a reachability analysis question; changes no filter" },
  { type: "aws:ec2transitgateway/meteringPolicyEntry:MeteringPolicyEntry", why: "counts transit gateway traffic for billing; admits nothing" },
  { type: "aws:networkmonitor/probe:Probe", why: "sends probes from AWS to a destination port; opens nothing on the host" },
  { type: "aws:ec2transitgateway/policyTableEntry:PolicyTableEntry", why: "routes transit gateway traffic by a policy rule; admits nothing a security group refuses" },
  { type: "aws:finspace/kxEnvironment:KxEnvironment", why: "its port ranges are network ACL entries of the transit gateway attachment: a second filter (see aws.ec2.NetworkAcl)" },
  { type: "aws:networkfirewall/ruleGroup:RuleGroup", why: "AWS Network Firewall inspects traffic on its way through the firewall endpoint; the instance's security groups still decide what reaches it" },
  { type: "aws:networkfirewall/tlsInspectionConfiguration:TlsInspectionConfiguration", why: "selects traffic for TLS inspection; admits nothing" },
  {
    type: "aws:globalaccelerator/listener:Listener",
    why: "forwards to endpoints (instances, load balancers, Elastic IPs) whose own security groups admit the traffic (Global Accelerator preserves client IPs to those groups); a load balancer without groups is not judged (see docs/policy.md)",
  },
  { type: "aws:globalaccelerator/customRoutingListener:CustomRoutingListener", why: "forwards to subnet destinations whose instances' security groups admit the traffic (see aws.globalaccelerator.Listener)" },
  { type: "aws:globalaccelerator/customRoutingEndpointGroup:CustomRoutingEndpointGroup", why: "maps accelerator ports to instance ports; the instances' security groups admit the traffic" },
  { type: "aws:verifiedaccess/endpoint:Endpoint", why: "Verified Access admits only users its trust policy verifies, and the endpoint's own security groups apply: never the anonymous internet" },
  {
    type: "openstack:firewall/rule:Rule",
    why: "FWaaS v1 filters at the router in addition to security groups: traffic must pass both, so an allow never admits what a group refuses",
  },
  { type: "openstack:firewall/ruleV2:RuleV2", why: "FWaaS v2 filters router or VM ports in addition to security groups (see openstack.firewall.Rule)" },
  { type: "openstack:loadbalancer/member:Member", why: "protocolPort is the member's port the load balancer sends to; the member's own groups admit it" },
  { type: "openstack:loadbalancer/members:Members", why: "a pool's members (see openstack.loadbalancer.Member)" },
];
