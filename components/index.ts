// The entry of the component package: concrete components only, so Pulumi's component provider
// (which treats every exported ComponentResource as a component) sees exactly these.
// The component classes are generated from scripts/presets.ts (`npm run generate`) into
// <cloud>/components.generated.ts; the functions they call are hand-written beside them.
export * from "./selection.js";
export type { Wso2ProductArgs } from "./wso2.js";
export type { AwsSecurityGroupOptionsArgs } from "./aws/security-group.js";
export { reportOf } from "./base.js";
export * from "./aws/components.generated.js";
export type { OpenStackNodeRulesArgs, OpenStackPlacementArgs, OpenStackSecGroupOptionsArgs } from "./openstack/secgroup.js";
export * from "./openstack/components.generated.js";
export { azureReportOf, azureReportsOf } from "./azure/report.js";
export type { AzureNetworkSecurityGroupOptionsArgs, AzureReport, AzureRuleOptionsArgs } from "./azure/network-security-group.js";
export * from "./azure/components.generated.js";
export { isKubernetesComponent, kubernetesReportOf } from "./kubernetes/report.js";
export type { KubernetesNetworkPolicyOptionsArgs, KubernetesPodsArgs } from "./kubernetes/network-policies.js";
export type { KubernetesPeer, KubernetesPolicyPlan, KubernetesPort, KubernetesReport, KubernetesRule, LabelSelector, RolloutItem, UnprotectedRole } from "./kubernetes/policy.js";
export * from "./kubernetes/components.generated.js";
