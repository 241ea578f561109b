import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { PortcatalogError } from "../catalog/errors.js";
import type { ComponentClass } from "./base.js";
import { list, optional, parseWith, peerSetSchema, record, showValue, strictObject, wholeNumber } from "../planner/validate.js";

// The one validation layer at the component boundary, run before `super()` so a bad argument
// registers nothing. Fields that shape the plan must be plain values; fields that are Pulumi Inputs
// by design (ids, the VPC, tags, region) stay Inputs, but a plain one must not be empty.

/** An Input by design: a non-empty string, or an Output/promise passed through untouched. */
/** @internal */
export const inputString = z.custom<pulumi.Input<string>>(
  (v) => (typeof v === "string" && v.length > 0) || pulumi.Output.isInstance(v) || v instanceof Promise,
  { error: (iss) => (iss.input === "" ? "must not be empty" : `expected a string or a Pulumi Output, got ${showValue(iss.input)}`) },
);

/** AWS tag values may be empty. */
const tagValue = z.custom<pulumi.Input<string>>((v) => typeof v === "string" || pulumi.Output.isInstance(v) || v instanceof Promise, {
  error: (iss) => `expected a string or a Pulumi Output, got ${showValue(iss.input)}`,
});

const release = optional(z.string().min(1).max(50));

const productSelection = strictObject({
  product: z.string().min(1).max(200),
  release,
  roles: optional(list(z.string().min(1).max(100))),
  portOffset: optional(wholeNumber(0, 65534)),
  analyticsPortOffset: optional(wholeNumber(0, 65534)),
});

const peerSet = peerSetSchema(inputString);

/** Fields every component plans from (see `RuleSelectionArgs`). */
const selectionFields = {
  sources: optional(strictObject({ public: optional(peerSet), admin: optional(peerSet), internal: optional(peerSet) })),
  features: optional(list(z.string().min(1).max(100))),
  allFeatures: optional(z.boolean()),
  destinations: optional(record(z.string().min(1).max(100), peerSet)),
  catalogFiles: optional(list(z.string().min(1).max(4096)).max(100)),
};

const products = list(productSelection).min(1);

/** AWS allows 60 rules per direction and family by default; its quota can be raised to 1,000. */
const awsGroupFields = {
  ...selectionFields,
  vpcId: inputString,
  description: optional(z.string()),
  tags: optional(record(z.string().min(1).max(128), tagValue)),
  rulesPerGroup: optional(wholeNumber(1, 1000)),
  allowAllEgress: optional(z.boolean()),
};

const openstackPlacementFields = {
  ...selectionFields,
  region: optional(inputString),
  tenantId: optional(inputString),
  projectRuleQuota: optional(wholeNumber(1, 1_000_000)),
  rulesInProject: optional(wholeNumber(0, 1_000_000)),
};

const openstackGroupFields = {
  ...openstackPlacementFields,
  description: optional(z.string()),
  deleteDefaultRules: optional(z.boolean()),
  tags: optional(list(z.string().min(1).max(255))),
  maxRulesPerGroup: optional(wholeNumber(1, 1_000_000)),
};

const wso2Products = list(strictObject({ product: z.string().min(1).max(200), release, portOffset: optional(wholeNumber(0, 65534)) })).min(1);
/** Optional OpenStack services are switched on by name, as features are. */
const services = optional(list(z.string().min(1).max(100)));
const roles = optional(list(z.string().min(1).max(100)));

/** Azure: priorities are 100-4094 (4095 and 4096 close the virtual network), tag names at most 512 characters. */
const azurePlacementFields = {
  ...selectionFields,
  resourceGroupName: inputString,
  priorities: optional(record(z.string().min(1).max(80), wholeNumber(100, 4094))),
  keepVirtualNetworkDefault: optional(z.boolean()),
};
const azureGroupFields = { ...azurePlacementFields, location: optional(inputString), tags: optional(record(z.string().min(1).max(512), tagValue)) };

/** The argument schema of every component, by class name. */
/** @internal */
export const ARG_SCHEMAS: Record<ComponentClass, z.ZodType> = {
  CatalogSecurityGroup: strictObject({ ...awsGroupFields, products }),
  AnboxApplianceSecurityGroup: strictObject({ ...awsGroupFields, release }),
  AnboxCloudSecurityGroup: strictObject({ ...awsGroupFields, roles, release }),
  Wso2SecurityGroup: strictObject({ ...awsGroupFields, products: wso2Products, analyticsPortOffset: optional(wholeNumber(0, 65534)) }),
  OpenStackControllerSecurityGroup: strictObject({ ...awsGroupFields, release, services }),
  OpenStackComputeSecurityGroup: strictObject({ ...awsGroupFields, release, services }),
  OpenStackNetworkSecurityGroup: strictObject({ ...awsGroupFields, release, services }),
  OpenStackStorageSecurityGroup: strictObject({ ...awsGroupFields, release, services }),
  CatalogSecurityGroupRules: strictObject({
    ...selectionFields,
    securityGroupId: inputString,
    products,
    rulesPerGroup: optional(wholeNumber(1, 1000)),
    existingRules: optional(wholeNumber(0, 1000)),
  }),
  CatalogSecGroup: strictObject({ ...openstackGroupFields, products }),
  AnboxApplianceSecGroup: strictObject({ ...openstackGroupFields, release }),
  AnboxCloudSecGroup: strictObject({ ...openstackGroupFields, roles, release }),
  Wso2SecGroup: strictObject({ ...openstackGroupFields, products: wso2Products, analyticsPortOffset: optional(wholeNumber(0, 65534)) }),
  CatalogSecGroupRules: strictObject({ ...openstackPlacementFields, securityGroupId: inputString, products }),
  OpenStackControllerRules: strictObject({ ...openstackPlacementFields, securityGroupId: inputString, release, services }),
  OpenStackComputeRules: strictObject({ ...openstackPlacementFields, securityGroupId: inputString, release, services }),
  OpenStackNetworkRules: strictObject({ ...openstackPlacementFields, securityGroupId: inputString, release, services }),
  OpenStackStorageRules: strictObject({ ...openstackPlacementFields, securityGroupId: inputString, release, services }),
  CatalogNetworkSecurityGroup: strictObject({ ...azureGroupFields, products }),
  AnboxApplianceNetworkSecurityGroup: strictObject({ ...azureGroupFields, release }),
  AnboxCloudNetworkSecurityGroup: strictObject({ ...azureGroupFields, roles, release }),
  Wso2NetworkSecurityGroup: strictObject({ ...azureGroupFields, products: wso2Products, analyticsPortOffset: optional(wholeNumber(0, 65534)) }),
  CatalogNetworkSecurityRules: strictObject({
    ...azurePlacementFields,
    networkSecurityGroupName: inputString,
    applicationSecurityGroupId: optional(inputString),
    products,
    usedPriorities: optional(list(wholeNumber(100, 4096)).max(1000)),
  }),
};


/**
 * Checks a component's name and arguments and returns a clean copy (nulls as unset); any problem is
 * a {@link PortcatalogError} naming the component, the field, the value and what is valid.
 */
/** @internal */
export function checkArgs(type: ComponentClass, name: unknown, args: unknown): unknown {
  if (typeof name !== "string" || !name) throw new PortcatalogError(`${type}: the resource name must be a non-empty string, got ${showValue(name)}`);
  try {
    return parseWith(ARG_SCHEMAS[type] as z.ZodType, args, "args");
  } catch (err) {
    throw err instanceof PortcatalogError ? new PortcatalogError(`${type} "${name}": ${err.message}`) : err;
  }
}

/** AWS's character set for group and rule descriptions (EC2 API reference, `GroupDescription`). */
const AWS_DESCRIPTION = /^[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]*$/;

/** A user-given description must fit the cloud as given: no silent cut, no replaced characters. */
/** @internal */
export function checkDescription(cloud: string, description: string | undefined): void {
  if (description === undefined) return;
  const length = [...description].length;
  if (!description.trim()) throw new PortcatalogError(`args.description: must not be empty or blank, got ${showValue(description)}`);
  if (length > 255) throw new PortcatalogError(`args.description: must have at most 255 characters, got ${length}`);
  if (cloud === "aws" && !AWS_DESCRIPTION.test(description)) {
    const bad = [...description].find((c) => !AWS_DESCRIPTION.test(c)) as string;
    throw new PortcatalogError(
      `args.description: ${showValue(bad)} (U+${(bad.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, "0")}) is not allowed in an AWS security group description: use a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*`,
    );
  }
  // Neutron stores descriptions in a 255-character column and rejects control characters in JSON text poorly; keep them out.
  if (cloud === "openstack" && /[\u0000-\u001f\u007f-\u009f]/.test(description)) {
    throw new PortcatalogError(`args.description: control characters are not allowed, got ${showValue(description)}`);
  }
}
