import * as pulumi from "@pulumi/pulumi";
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
import type * as k8sNetworkPolicy from "@pulumi/kubernetes/networking/v1/networkPolicy";

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

/** The part of @pulumi/kubernetes the Kubernetes adapter uses (an optional peer dependency). */
export interface KubernetesSdk {
  networking: { v1: Pick<typeof k8sNetworkPolicy, "NetworkPolicy"> };
}

// Provider SDKs load on first use: an OpenStack-only program never pays for @pulumi/aws's
// import (and the reverse), and the catalog and planner load none. The package's index, not the
// modules above, is what loads: it registers the package with the Pulumi runtime, which is how a
// provider passed in from another language is rebuilt.
//
// Every provider SDK is an optional peer dependency: a project of one cloud installs that cloud's
// SDK alone (and the Pulumi CLI then requires that cloud's plugin alone). A component of a cloud
// whose SDK the project lacks fails in one line naming the package to add.
const loaded = new Map<string, unknown>();
// The component package (`pulumi package add …/portcatalog/dist`, for YAML, Python, Go and .NET
// programs) installs no provider SDK: its plugin's own install is the package's runtime dependencies,
// and the Pulumi CLI requires no provider plugin for it. Its entry (plugin.ts) turns this on: a
// component then registers its cloud's resources by type token, with the same inputs and output
// names as the SDK's class, at the SDK version the tests run (below), and the engine loads that
// provider's plugin when the first one registers. Azure's type aliases (older API versions) are not
// repeated: they matter only to a stack made by an SDK that registered those old types.
let byToken = false;
/** Register provider resources by type token when the provider SDK is not installed (the component package). */
export function registerByToken(): void {
  byToken = true;
}

/** The provider SDK versions this package is tested with (devDependencies; a test holds them equal). */
export const TESTED_SDK_VERSIONS = { "@pulumi/aws": "7.48.0", "@pulumi/openstack": "3.15.2", "@pulumi/azure-native": "3.28.0", "@pulumi/kubernetes": "4.34.2" } as const;

/** A class registering `type` as its SDK class does: the given inputs, and `outputs` (read by the adapters) as output names. */
function tokenResource(sdk: keyof typeof TESTED_SDK_VERSIONS, type: string, outputs: string[] = []) {
  return class extends pulumi.CustomResource {
    constructor(name: string, args: object, opts?: pulumi.CustomResourceOptions) {
      super(type, name, { ...args, ...Object.fromEntries(outputs.map((o) => [o, undefined])) }, pulumi.mergeOptions({ version: TESTED_SDK_VERSIONS[sdk] }, opts));
    }
  };
}

const byTokenSdks = {
  "@pulumi/aws": () => ({
    ec2: {
      SecurityGroup: tokenResource("@pulumi/aws", "aws:ec2/securityGroup:SecurityGroup"),
      getVpcOutput: (args: object, opts?: pulumi.InvokeOutputOptions) => pulumi.runtime.invokeOutput("aws:ec2/getVpc:getVpc", args, pulumi.mergeOptions({ version: TESTED_SDK_VERSIONS["@pulumi/aws"] }, opts) as pulumi.InvokeOutputOptions),
    },
    vpc: {
      SecurityGroupIngressRule: tokenResource("@pulumi/aws", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"),
      SecurityGroupEgressRule: tokenResource("@pulumi/aws", "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"),
    },
  }),
  "@pulumi/openstack": () => ({
    networking: {
      SecGroup: tokenResource("@pulumi/openstack", "openstack:networking/secGroup:SecGroup"),
      SecGroupRule: tokenResource("@pulumi/openstack", "openstack:networking/secGroupRule:SecGroupRule"),
    },
  }),
  "@pulumi/azure-native": () => ({
    network: {
      NetworkSecurityGroup: tokenResource("@pulumi/azure-native", "azure-native:network:NetworkSecurityGroup", ["name"]),
      SecurityRule: tokenResource("@pulumi/azure-native", "azure-native:network:SecurityRule"),
      ApplicationSecurityGroup: tokenResource("@pulumi/azure-native", "azure-native:network:ApplicationSecurityGroup"),
    },
  }),
  // The SDK's class sets apiVersion and kind itself, and reads `metadata` back (network-policies.ts does).
  "@pulumi/kubernetes": () => ({
    networking: {
      v1: {
        NetworkPolicy: class extends tokenResource("@pulumi/kubernetes", "kubernetes:networking.k8s.io/v1:NetworkPolicy", ["status"]) {
          constructor(name: string, args: object, opts?: pulumi.CustomResourceOptions) {
            super(name, { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", ...args }, opts);
          }
        },
      },
    },
  }),
};


function load<T>(name: string, cloud: string, range: string): T {
  // The component package always registers by token: an SDK found above the plugin directory would
  // bring its own @pulumi/pulumi, and a second runtime's requests fail (`Request message serialization
  // failure: Expected argument of type pulumirpc.RegisterResourceRequest`, seen on the real engine).
  if (byToken && !loaded.has(name)) loaded.set(name, byTokenSdks[name as keyof typeof byTokenSdks]());
  if (!loaded.has(name)) {
    try {
      loaded.set(name, require(name));
    } catch (err) {
      // Only the SDK itself missing; a broken install (a module the SDK needs) keeps its own error.
      if ((err as { code?: string }).code === "MODULE_NOT_FOUND" && String((err as Error).message).includes(`'${name}'`)) {
        throw new PortcatalogError(`the ${cloud} components need ${name} (${range}): add it to your project (it is an optional peer dependency of portcatalog)`);
      }
      throw err;
    }
  }
  return loaded.get(name) as T;
}

// The ranges are package.json's peer ranges (a test holds them equal).
export const aws = (): AwsSdk => load<AwsSdk>("@pulumi/aws", "AWS", ">=6.0.0 <8");
export const openstack = (): OpenStackSdk => load<OpenStackSdk>("@pulumi/openstack", "OpenStack", ">=3.14.0 <6");
/** The index, as for the others: it registers the package, and loads each service's module lazily (0.4 s measured). */
export const azureNative = (): AzureNativeSdk => load<AzureNativeSdk>("@pulumi/azure-native", "Azure", ">=3.0.0 <4");
/** The index, as for the others: it registers the package (its modules load lazily). */
export const kubernetes = (): KubernetesSdk => load<KubernetesSdk>("@pulumi/kubernetes", "Kubernetes", ">=4.0.0 <5");
