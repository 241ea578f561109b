import { join } from "node:path";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { getPulumiComponents } from "@pulumi/pulumi/provider/experimental/provider";
import { expect } from "chai";
import * as entry from "../index.js";

const ROOT = join(__dirname, "..");

interface Property {
  description?: string;
  $ref?: string;
  items?: Property;
  additionalProperties?: Property;
}
interface Schema {
  name: string;
  resources: Record<string, { description?: string; isComponent: boolean; inputProperties: Record<string, Property>; properties: Record<string, Property>; requiredInputs?: string[] }>;
  types: Record<string, { description?: string; properties?: Record<string, Property> }>;
}

// What each component's Args should offer, written out so a lost arg fails the test.
const RULE_ARGS = ["sources", "features", "allFeatures", "destinations", "catalogFiles", "role", "roleGroups"];
const AWS_GROUP_ARGS = [...RULE_ARGS, "vpcId", "description", "tags", "rulesPerGroup", "allowAllEgress"];
const OS_PLACEMENT = [...RULE_ARGS, "region", "tenantId", "projectRuleQuota", "rulesInProject"];
const OS_GROUP_ARGS = [...OS_PLACEMENT, "description", "deleteDefaultRules", "tags", "maxRulesPerGroup"];
const AZURE_RULE_ARGS = [...RULE_ARGS, "resourceGroupName", "priorities", "keepVirtualNetworkDefault"];
const AZURE_GROUP_ARGS = [...AZURE_RULE_ARGS, "location", "tags"];
const AZURE_CLASSES = {
  CatalogNetworkSecurityGroup: [...AZURE_GROUP_ARGS, "products"],
  CatalogNetworkSecurityRules: [...AZURE_RULE_ARGS, "networkSecurityGroupName", "applicationSecurityGroupId", "products", "usedPriorities"],
  AnboxApplianceNetworkSecurityGroup: [...AZURE_GROUP_ARGS, "release"],
  AnboxCloudNetworkSecurityGroup: [...AZURE_GROUP_ARGS, "roles", "release"],
  Wso2NetworkSecurityGroup: [...AZURE_GROUP_ARGS, "products", "analyticsPortOffset"],
};
const AZURE_DEPLOYMENT_OUTPUTS = ["networkSecurityGroupIds", "networkSecurityGroupNames", "applicationSecurityGroupIds", "ruleCount", "ruleKeys", "rulePriorities"];
const K8S_ARGS = [...RULE_ARGS, "namespace", "labels", "restrictEgress", "clusterDns", "ingressController", "roleNamespaces", "hostNetworkRoles", "nodeCidrs", "ipBlockExcept"];
const K8S_CLASSES = {
  CatalogDeploymentNetworkPolicies: [...K8S_ARGS, "products", "roles", "podSelectors"],
  Wso2NetworkPolicies: [...K8S_ARGS, "products", "analyticsPortOffset", "roles", "podSelectors", "helmReleases"],
  OpenStackHelmNetworkPolicies: [...K8S_ARGS, "release", "services", "roles", "podSelectors"],
};
const K8S_OUTPUTS = ["policyNames", "ruleCount", "ruleKeys", "unprotectedRoles"];
const EXPECTED_ARGS: Record<string, string[]> = {
  ...K8S_CLASSES,
  ...AZURE_CLASSES,
  CatalogDeploymentNetworkSecurityGroups: [...AZURE_GROUP_ARGS, "products", "roles"],
  CatalogSecurityGroup: [...AWS_GROUP_ARGS, "products"],
  CatalogDeploymentSecurityGroups: [...AWS_GROUP_ARGS, "products", "roles"],
  CatalogSecurityGroupRules: [...RULE_ARGS, "securityGroupId", "products", "rulesPerGroup", "existingRules"],
  AnboxApplianceSecurityGroup: [...AWS_GROUP_ARGS, "release"],
  AnboxCloudSecurityGroup: [...AWS_GROUP_ARGS, "roles", "release"],
  Wso2SecurityGroup: [...AWS_GROUP_ARGS, "products", "analyticsPortOffset"],
  OpenStackControllerSecurityGroup: [...AWS_GROUP_ARGS, "release", "services"],
  OpenStackComputeSecurityGroup: [...AWS_GROUP_ARGS, "release", "services"],
  OpenStackNetworkSecurityGroup: [...AWS_GROUP_ARGS, "release", "services"],
  OpenStackStorageSecurityGroup: [...AWS_GROUP_ARGS, "release", "services"],
  CatalogSecGroup: [...OS_GROUP_ARGS, "products"],
  CatalogDeploymentSecGroups: [...OS_GROUP_ARGS, "products", "roles"],
  CatalogSecGroupRules: [...OS_PLACEMENT, "securityGroupId", "products"],
  OpenStackControllerRules: [...OS_PLACEMENT, "securityGroupId", "release", "services"],
  OpenStackComputeRules: [...OS_PLACEMENT, "securityGroupId", "release", "services"],
  OpenStackNetworkRules: [...OS_PLACEMENT, "securityGroupId", "release", "services"],
  OpenStackStorageRules: [...OS_PLACEMENT, "securityGroupId", "release", "services"],
  AnboxApplianceSecGroup: [...OS_GROUP_ARGS, "release"],
  AnboxCloudSecGroup: [...OS_GROUP_ARGS, "roles", "release"],
  Wso2SecGroup: [...OS_GROUP_ARGS, "products", "analyticsPortOffset"],
};
const GROUP_OUTPUTS = ["securityGroupIds", "primarySecurityGroupId", "ruleCount", "ruleKeys"];
const DEPLOYMENT_OUTPUTS = ["securityGroupIds", "allSecurityGroupIds", "ruleCount", "ruleKeys"];

describe("component package schema (Pulumi's component provider, no CLI)", () => {
  let schema: Schema;
  before(async function () {
    this.timeout(240_000);
    const components = getPulumiComponents(entry);
    const provider = new ComponentProvider({ components, name: "portcatalog", dirname: ROOT });
    schema = JSON.parse(await provider.getSchema()) as Schema;
  });

  it("has every exported component, under portcatalog:index:<Class>, with its description", () => {
    expect(Object.keys(schema.resources).sort()).to.deep.equal(Object.keys(EXPECTED_ARGS).map((c) => `portcatalog:index:${c}`).sort());
    for (const [token, resource] of Object.entries(schema.resources)) {
      expect(resource.isComponent, token).to.equal(true);
      expect(resource.description, token).to.be.a("string").and.not.equal("");
    }
  });

  for (const [component, args] of Object.entries(EXPECTED_ARGS)) {
    it(`${component}: every arg and output appears with its description`, () => {
      const resource = schema.resources[`portcatalog:index:${component}`];
      expect(Object.keys(resource.inputProperties).sort()).to.deep.equal([...args].sort());
      for (const [arg, p] of Object.entries(resource.inputProperties)) expect(p.description, `${component}.${arg}`).to.be.a("string").and.not.equal("");
      const azure = Object.hasOwn(AZURE_CLASSES, component) ? ["rulePriorities"] : [];
      const azureGroup = ["networkSecurityGroupId", "networkSecurityGroupName", "applicationSecurityGroupId", "ruleCount", "ruleKeys"];
      const outputs =
        component === "CatalogDeploymentNetworkSecurityGroups"
          ? AZURE_DEPLOYMENT_OUTPUTS
          : Object.hasOwn(K8S_CLASSES, component)
            ? K8S_OUTPUTS
          : [...(component.endsWith("Rules") ? ["ruleCount", "ruleKeys"] : azure.length ? azureGroup : component.startsWith("CatalogDeployment") ? DEPLOYMENT_OUTPUTS : GROUP_OUTPUTS), ...azure];
      expect(Object.keys(resource.properties).sort()).to.deep.equal([...outputs].sort());
      for (const [out, p] of Object.entries(resource.properties)) expect(p.description, `${component}.${out}`).to.be.a("string").and.not.equal("");
    });
  }

  it("nested arg types (sources, peer sets, products) carry descriptions too", () => {
    for (const name of ["SourcesArgs", "PeerSetArgs", "SecurityGroupPeerArgs", "PrefixListPeerArgs", "ProductSelectionArgs", "Wso2ProductArgs", "KubernetesPodsArgs"]) {
      const type = schema.types[`portcatalog:index:${name}`];
      expect(type, name).to.not.equal(undefined);
      for (const [field, p] of Object.entries(type.properties ?? {})) expect(p.description, `${name}.${field}`).to.be.a("string").and.not.equal("");
    }
  });
});
