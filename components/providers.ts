import { PortcatalogError } from "../catalog/errors.js";
import type * as awsSecurityGroup from "@pulumi/aws/ec2/securityGroup";
import type * as awsGetVpc from "@pulumi/aws/ec2/getVpc";
import type * as awsEgressRule from "@pulumi/aws/vpc/securityGroupEgressRule";
import type * as awsIngressRule from "@pulumi/aws/vpc/securityGroupIngressRule";
import type * as azureAsg from "@pulumi/azure-native/network/applicationSecurityGroup";
import type * as azureNsg from "@pulumi/azure-native/network/networkSecurityGroup";
import type * as azureSecurityRule from "@pulumi/azure-native/network/securityRule";
import type * as openstackSecGroup from "@pulumi/openstack/networking/secGroup";
import type * as openstackSecGroupRule from "@pulumi/openstack/networking/secGroupRule";

// What the adapters use of each provider SDK, typed from the modules that declare it: typing it as
// `typeof import("@pulumi/aws")` put all 30 MB of @pulumi/aws's declarations into every program
// that reads ours (a user's compiler, Pulumi's component analyzer) and doubled their time.
/** The part of @pulumi/aws the AWS adapter and examples use. */
export interface AwsSdk {
  ec2: Pick<typeof awsSecurityGroup, "SecurityGroup"> & Pick<typeof awsGetVpc, "getVpcOutput">;
  vpc: Pick<typeof awsIngressRule, "SecurityGroupIngressRule"> & Pick<typeof awsEgressRule, "SecurityGroupEgressRule">;
}
/** The part of @pulumi/openstack the OpenStack adapter and examples use. */
export interface OpenStackSdk {
  networking: Pick<typeof openstackSecGroup, "SecGroup"> & Pick<typeof openstackSecGroupRule, "SecGroupRule">;
}

/** The part of @pulumi/azure-native the Azure adapter uses (an optional peer dependency). */
export interface AzureNativeSdk {
  network: Pick<typeof azureNsg, "NetworkSecurityGroup"> & Pick<typeof azureSecurityRule, "SecurityRule"> & Pick<typeof azureAsg, "ApplicationSecurityGroup">;
}

// Provider SDKs load on first use: an OpenStack-only program never pays for @pulumi/aws's
// import (and the reverse), and the catalog and planner load none. The package's index, not the
// modules above, is what loads: it registers the package with the Pulumi runtime, which is how a
// provider passed in from another language is rebuilt.
let awsModule: AwsSdk | undefined;
let openstackModule: OpenStackSdk | undefined;

export const aws = (): AwsSdk => (awsModule ??= require("@pulumi/aws") as AwsSdk);
export const openstack = (): OpenStackSdk => (openstackModule ??= require("@pulumi/openstack") as OpenStackSdk);

let azureModule: AzureNativeSdk | undefined;
/** @pulumi/azure-native is optional: a program that never builds an Azure component never needs it. */
export const azureNative = (): AzureNativeSdk => {
  if (azureModule) return azureModule;
  try {
    // The index, as for the others: it registers the package, and loads each service's module lazily (0.4 s measured).
    azureModule = require("@pulumi/azure-native") as AzureNativeSdk;
  } catch (err) {
    if ((err as { code?: string }).code === "MODULE_NOT_FOUND") throw new PortcatalogError("the Azure components need @pulumi/azure-native 3.x: add it to your project (it is an optional peer dependency of portcatalog)");
    throw err;
  }
  return azureModule;
};
