export * from "./selection.js";
export type { Wso2ProductArgs } from "./wso2.js";
export { PortcatalogComponentResource } from "./base.js";
export * from "./aws/security-group.js";
export * from "./aws/named.js";
export * from "./openstack/secgroup.js";
export * from "./openstack/named.js";
