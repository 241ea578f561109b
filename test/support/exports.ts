// What a cloud's own tools would print for the rules a component registered under the mocks: the exports the
// audit and import read, made from the component's own inputs (so an import of them adopts everything).
import type { RegisteredResource } from "../../testing/index.js";

/** The rules a component registered, written as `aws ec2 describe-security-group-rules --output json` prints them. */
export function awsExport(rules: RegisteredResource[]): string {
  return JSON.stringify({
    SecurityGroupRules: rules.map((r, i) => {
      const x = r.inputs as Record<string, string | number | undefined>;
      return {
        SecurityGroupRuleId: `sgr-${String(i).padStart(17, "0")}`,
        GroupId: x.securityGroupId,
        GroupOwnerId: "123456789012",
        IsEgress: r.type.endsWith("EgressRule"),
        IpProtocol: x.ipProtocol,
        FromPort: x.fromPort ?? -1,
        ToPort: x.toPort ?? -1,
        ...(x.cidrIpv4 ? { CidrIpv4: x.cidrIpv4 } : {}),
        ...(x.cidrIpv6 ? { CidrIpv6: x.cidrIpv6 } : {}),
        ...(x.prefixListId ? { PrefixListId: x.prefixListId } : {}),
        ...(x.referencedSecurityGroupId ? { ReferencedGroupInfo: { GroupId: x.referencedSecurityGroupId, UserId: "123456789012" } } : {}),
        Description: x.description,
        Tags: [],
      };
    }),
  });
}

/** The rules a component registered, as the Neutron API lists them. */
export function neutronExport(rules: RegisteredResource[], project = "p1"): string {
  return JSON.stringify({
    security_group_rules: rules.map((r, i) => {
      const x = r.inputs as Record<string, string | number | undefined>;
      return {
        id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
        project_id: project,
        security_group_id: x.securityGroupId,
        direction: x.direction,
        ethertype: x.ethertype,
        protocol: x.protocol ?? null,
        port_range_min: x.portRangeMin ?? null,
        port_range_max: x.portRangeMax ?? null,
        remote_ip_prefix: x.remoteIpPrefix ?? null,
        remote_group_id: x.remoteGroupId ?? null,
        remote_address_group_id: null,
        description: x.description,
      };
    }),
  });
}

/** The rules a component registered, written as `az network nsg show -o json` prints NSG `nsgId` (Azure's defaults included). */
export function nsgShow(rules: { inputs: Record<string, unknown> }[], nsgId: string): string {
  const rule = (x: Record<string, unknown>, isDefault = false) => {
    const name = x.securityRuleName as string;
    const { resourceGroupName: _rg, networkSecurityGroupName: _nsg, securityRuleName: _n, ...props } = x;
    return { ...props, id: `${nsgId}/${isDefault ? "defaultSecurityRules" : "securityRules"}/${name}`, name, etag: 'W/"1"', provisioningState: "Succeeded", resourceGroup: "rg", type: "Microsoft.Network/networkSecurityGroups/securityRules" };
  };
  const d = (securityRuleName: string, priority: number, direction: string, access: string, sourceAddressPrefix: string, destinationAddressPrefix: string) =>
    rule({ securityRuleName, priority, direction, access, protocol: "*", sourceAddressPrefix, destinationAddressPrefix, sourcePortRange: "*", destinationPortRange: "*" }, true);
  const defaults = [
    d("AllowVnetInBound", 65000, "Inbound", "Allow", "VirtualNetwork", "VirtualNetwork"), d("AllowAzureLoadBalancerInBound", 65001, "Inbound", "Allow", "AzureLoadBalancer", "*"), d("DenyAllInBound", 65500, "Inbound", "Deny", "*", "*"),
    d("AllowVnetOutBound", 65000, "Outbound", "Allow", "VirtualNetwork", "VirtualNetwork"), d("AllowInternetOutBound", 65001, "Outbound", "Allow", "*", "Internet"), d("DenyAllOutBound", 65500, "Outbound", "Deny", "*", "*"),
  ];
  return JSON.stringify({ id: nsgId, name: nsgId.split("/").pop(), location: "westeurope", resourceGroup: "rg", securityRules: rules.map((r) => rule(r.inputs)), defaultSecurityRules: defaults });
}
