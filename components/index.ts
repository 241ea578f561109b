// The entry of the component package: concrete components only, so Pulumi's component provider
// (which treats every exported ComponentResource as a component) sees exactly these.
export * from "./selection.js";
export type { Wso2ProductArgs } from "./wso2.js";
export { CatalogDeploymentSecurityGroups, CatalogSecurityGroup, CatalogSecurityGroupRules } from "./aws/security-group.js";
export type { AwsSecurityGroupOptionsArgs, CatalogDeploymentSecurityGroupsArgs, CatalogSecurityGroupArgs, CatalogSecurityGroupRulesArgs } from "./aws/security-group.js";
export { reportOf } from "./base.js";
export * from "./aws/named.js";
export { CatalogDeploymentSecGroups, CatalogSecGroup, CatalogSecGroupRules } from "./openstack/secgroup.js";
export type { CatalogDeploymentSecGroupsArgs, CatalogSecGroupArgs, CatalogSecGroupRulesArgs, OpenStackNodeRulesArgs, OpenStackPlacementArgs, OpenStackSecGroupOptionsArgs } from "./openstack/secgroup.js";
export * from "./openstack/named.js";
export { CatalogDeploymentNetworkSecurityGroups } from "./azure/deployment.js";
export type { CatalogDeploymentNetworkSecurityGroupsArgs } from "./azure/deployment.js";
export {
  AnboxApplianceNetworkSecurityGroup,
  AnboxCloudNetworkSecurityGroup,
  azureReportOf,
  azureReportsOf,
  CatalogNetworkSecurityGroup,
  CatalogNetworkSecurityRules,
  Wso2NetworkSecurityGroup,
} from "./azure/network-security-group.js";
export type {
  AnboxApplianceNetworkSecurityGroupArgs,
  AnboxCloudNetworkSecurityGroupArgs,
  AzureNetworkSecurityGroupOptionsArgs,
  AzureReport,
  AzureRuleOptionsArgs,
  CatalogNetworkSecurityGroupArgs,
  CatalogNetworkSecurityRulesArgs,
  Wso2NetworkSecurityGroupArgs,
} from "./azure/network-security-group.js";
