import * as pulumi from "@pulumi/pulumi";
import type { ComponentClass } from "./base.js";
import { type Fast, fBoolean, fCustom, fInt, fList, fObject, fOptional, fRecord, fString, once } from "../planner/fast.js";
import { fastPeerSet, MAX_LIST } from "../planner/validate.js";

// The fast checks of the component argument schemas in args.ts, field for field (see planner/fast.ts):
// what they prove valid is the components' checked copy without loading zod; anything else goes to
// ARG_SCHEMAS, which decides and names the field. A class without one here simply always uses its
// schema. test/fast-check.property.test.ts holds each against its schema.

/** An Input by design (`inputString`): a non-empty string, or an Output/promise passed through untouched. */
/** @internal */
export const isInputString = (v: unknown): boolean => (typeof v === "string" && v.length > 0) || pulumi.Output.isInstance(v) || v instanceof Promise;
/** A tag value (`tagValue`): AWS tag values may be empty. */
/** @internal */
export const isTagValue = (v: unknown): boolean => typeof v === "string" || pulumi.Output.isInstance(v) || v instanceof Promise;

const inputString = once(() => fCustom("inputString", isInputString));
const tagValue = once(() => fCustom("tagValue", isTagValue));
const list = (item: Fast, min = 0, max = MAX_LIST) => fList(item, min, max);
const names = (max: number) => list(fString(1, max));

const release = once(() => fOptional(fString(1, 50)));
const offset = once(() => fOptional(fInt(0, 65534)));
const productSelection = once(() => fObject({ product: fString(1, 200), release: release(), roles: fOptional(names(100)), portOffset: offset(), analyticsPortOffset: offset() }));
const peerSet = once(() => fastPeerSet(inputString()));

const selectionFields = once(() => ({
  sources: fOptional(fObject({ public: fOptional(peerSet()), admin: fOptional(peerSet()), internal: fOptional(peerSet()) })),
  features: fOptional(names(100)),
  allFeatures: fOptional(fBoolean),
  destinations: fOptional(fRecord(fString(1, 100), peerSet())),
  // `list(...).max(100)`: both caps hold, the smaller decides.
  catalogFiles: fOptional(list(fString(1, 4096), 0, 100)),
  role: fOptional(fString(1, 100)),
  roleGroups: fOptional(fRecord(fString(1, 100), inputString())),
}));

const products = once(() => list(productSelection(), 1));

const awsGroupFields = once(() => ({
  ...selectionFields(),
  vpcId: inputString(),
  description: fOptional(fString()),
  tags: fOptional(fRecord(fString(1, 128), tagValue())),
  rulesPerGroup: fOptional(fInt(1, 1000)),
  allowAllEgress: fOptional(fBoolean),
}));

const openstackPlacementFields = once(() => ({
  ...selectionFields(),
  region: fOptional(inputString()),
  tenantId: fOptional(inputString()),
  projectRuleQuota: fOptional(fInt(1, 1_000_000)),
  rulesInProject: fOptional(fInt(0, 1_000_000)),
}));

const openstackGroupFields = once(() => ({
  ...openstackPlacementFields(),
  description: fOptional(fString()),
  deleteDefaultRules: fOptional(fBoolean),
  tags: fOptional(names(255)),
  maxRulesPerGroup: fOptional(fInt(1, 1_000_000)),
}));

const wso2Products = once(() => list(fObject({ product: fString(1, 200), release: release(), portOffset: offset() }), 1));
const services = once(() => fOptional(names(100)));
const roles = once(() => fOptional(names(100)));
const deploymentRoleList = once(() => list(fString(1, 100), 1));

const azurePriorities = once(() => fRecord(fString(1, 80), fInt(100, 4094)));
const azurePlacementFields = once(() => ({
  ...selectionFields(),
  resourceGroupName: inputString(),
  priorities: fOptional(azurePriorities()),
  keepVirtualNetworkDefault: fOptional(fBoolean),
}));
const azureGroupFields = once(() => ({ ...azurePlacementFields(), location: fOptional(inputString()), tags: fOptional(fRecord(fString(1), tagValue())) }));

// Kubernetes: the shapes only, as args.ts's schemas; names.ts checks names, labels and CIDRs either way.
const labelMap = once(() => fRecord(fString(0, 1000), fString(0, 1000)));
const podsArgs = once(() => fOptional(fObject({ namespace: fString(0, 1000), podLabels: labelMap() })));
const kubernetesFields = once(() => ({
  ...selectionFields(),
  namespace: fString(0, 1000),
  labels: fOptional(labelMap()),
  restrictEgress: fOptional(fBoolean),
  clusterDns: podsArgs(),
  ingressController: podsArgs(),
  roleNamespaces: fOptional(fRecord(fString(1, 100), fString(0, 1000))),
  hostNetworkRoles: fOptional(list(fString(1, 100))),
  nodeCidrs: fOptional(list(fString(1, 50))),
  ipBlockExcept: fOptional(fRecord(fString(1, 50), list(fString(1, 50)))),
  podSelectors: fOptional(fRecord(fString(1, 100), labelMap())),
}));

const named = (fields: () => Record<string, Fast>, more: () => Record<string, Fast>) => once(() => fObject({ ...fields(), ...more() }));

/** The fast check of each component's arguments, by class; built on first use. */
/** @internal */
export const FAST_ARGS: Partial<Record<ComponentClass, () => Fast>> = {
  CatalogSecurityGroup: named(awsGroupFields, () => ({ products: products() })),
  CatalogDeploymentSecurityGroups: named(awsGroupFields, () => ({ products: products(), roles: deploymentRoleList() })),
  AnboxApplianceSecurityGroup: named(awsGroupFields, () => ({ release: release() })),
  AnboxCloudSecurityGroup: named(awsGroupFields, () => ({ roles: roles(), release: release() })),
  Wso2SecurityGroup: named(awsGroupFields, () => ({ products: wso2Products(), analyticsPortOffset: offset() })),
  OpenStackControllerSecurityGroup: named(awsGroupFields, () => ({ release: release(), services: services() })),
  OpenStackComputeSecurityGroup: named(awsGroupFields, () => ({ release: release(), services: services() })),
  OpenStackNetworkSecurityGroup: named(awsGroupFields, () => ({ release: release(), services: services() })),
  OpenStackStorageSecurityGroup: named(awsGroupFields, () => ({ release: release(), services: services() })),
  CatalogSecurityGroupRules: named(selectionFields, () => ({
    securityGroupId: inputString(),
    products: products(),
    rulesPerGroup: fOptional(fInt(1, 1000)),
    existingRules: fOptional(fInt(0, 1000)),
  })),
  CatalogSecGroup: named(openstackGroupFields, () => ({ products: products() })),
  CatalogDeploymentSecGroups: named(openstackGroupFields, () => ({ products: products(), roles: deploymentRoleList() })),
  AnboxApplianceSecGroup: named(openstackGroupFields, () => ({ release: release() })),
  AnboxCloudSecGroup: named(openstackGroupFields, () => ({ roles: roles(), release: release() })),
  Wso2SecGroup: named(openstackGroupFields, () => ({ products: wso2Products(), analyticsPortOffset: offset() })),
  CatalogSecGroupRules: named(openstackPlacementFields, () => ({ securityGroupId: inputString(), products: products() })),
  OpenStackControllerRules: named(openstackPlacementFields, () => ({ securityGroupId: inputString(), release: release(), services: services() })),
  OpenStackComputeRules: named(openstackPlacementFields, () => ({ securityGroupId: inputString(), release: release(), services: services() })),
  OpenStackNetworkRules: named(openstackPlacementFields, () => ({ securityGroupId: inputString(), release: release(), services: services() })),
  OpenStackStorageRules: named(openstackPlacementFields, () => ({ securityGroupId: inputString(), release: release(), services: services() })),
  CatalogNetworkSecurityGroup: named(azureGroupFields, () => ({ products: products() })),
  AnboxApplianceNetworkSecurityGroup: named(azureGroupFields, () => ({ release: release() })),
  AnboxCloudNetworkSecurityGroup: named(azureGroupFields, () => ({ roles: roles(), release: release() })),
  Wso2NetworkSecurityGroup: named(azureGroupFields, () => ({ products: wso2Products(), analyticsPortOffset: offset() })),
  CatalogDeploymentNetworkSecurityGroups: named(azureGroupFields, () => ({ priorities: fOptional(fRecord(fString(1, 100), azurePriorities())), products: products(), roles: deploymentRoleList() })),
  CatalogDeploymentNetworkPolicies: named(kubernetesFields, () => ({ products: products(), roles: deploymentRoleList(), podSelectors: fRecord(fString(1, 100), labelMap()) })),
  Wso2NetworkPolicies: named(kubernetesFields, () => ({
    products: wso2Products(),
    analyticsPortOffset: offset(),
    roles: fOptional(deploymentRoleList()),
    helmReleases: fOptional(fRecord(fString(1, 100), fString(1, 53))),
  })),
  OpenStackHelmNetworkPolicies: named(kubernetesFields, () => ({ release: release(), services: services(), roles: fOptional(deploymentRoleList()) })),
  CatalogNetworkSecurityRules: named(azurePlacementFields, () => ({
    networkSecurityGroupName: inputString(),
    applicationSecurityGroupId: fOptional(inputString()),
    products: products(),
    usedPriorities: fOptional(list(fInt(100, 4096), 0, 1000)),
  })),
};
