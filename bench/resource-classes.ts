// The SDK class behind every resource type an example registers: the hand-written side of the
// bench constructs each resource through it. A table, not a rule derived from the type token: the
// tokens' shapes differ per provider (`aws:ec2/securityGroup:SecurityGroup`,
// `azure-native:network:SecurityRule`, `kubernetes:networking.k8s.io/v1:NetworkPolicy` is
// `k8s.networking.v1.NetworkPolicy`). `test/bench-classes.test.ts` checks that it covers every type
// any example registers and that each class is the SDK's own class for its type.

/** Each Pulumi package an example's resources come from: its SDK module and the name a program imports it as. */
export const SDK_PACKAGES: Readonly<Record<string, { module: string; as: string }>> = {
  aws: { module: "@pulumi/aws", as: "aws" },
  openstack: { module: "@pulumi/openstack", as: "openstack" },
  "azure-native": { module: "@pulumi/azure-native", as: "azure_native" },
  kubernetes: { module: "@pulumi/kubernetes", as: "k8s" },
};

/**
 * Resource type → its package and the class's path in the package's index; `names`: inputs that hold
 * another resource's `name` output (input → that resource's type). The mocks leave such an output
 * undefined, so the recorded inputs lack it, and the program wires it from the resource whose name
 * the component's naming puts in front of this one's.
 */
export const RESOURCE_CLASSES: Readonly<Record<string, { pkg: string; path: string; names?: Readonly<Record<string, string>> }>> = {
  "aws:ec2/securityGroup:SecurityGroup": { pkg: "aws", path: "ec2.SecurityGroup" },
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": { pkg: "aws", path: "vpc.SecurityGroupIngressRule" },
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": { pkg: "aws", path: "vpc.SecurityGroupEgressRule" },
  "openstack:networking/secGroup:SecGroup": { pkg: "openstack", path: "networking.SecGroup" },
  "openstack:networking/secGroupRule:SecGroupRule": { pkg: "openstack", path: "networking.SecGroupRule" },
  "azure-native:network:ApplicationSecurityGroup": { pkg: "azure-native", path: "network.ApplicationSecurityGroup" },
  "azure-native:network:NetworkSecurityGroup": { pkg: "azure-native", path: "network.NetworkSecurityGroup" },
  "azure-native:network:SecurityRule": { pkg: "azure-native", path: "network.SecurityRule", names: { networkSecurityGroupName: "azure-native:network:NetworkSecurityGroup" } },
  "kubernetes:networking.k8s.io/v1:NetworkPolicy": { pkg: "kubernetes", path: "networking.v1.NetworkPolicy" },
};

export interface SdkClass {
  /** The SDK module to import, e.g. `@pulumi/azure-native`. */
  module: string;
  /** The name the program imports it as, e.g. `azure_native`. */
  as: string;
  /** The class's path in the module's index, e.g. `network.SecurityRule`; `Provider` for a provider. */
  path: string;
  /** Inputs that hold another resource's `name` output: input → that resource's type. */
  names: Readonly<Record<string, string>>;
}

/** The class a program constructs for a resource type (`pulumi:providers:<pkg>` is the package's `Provider`). */
export function classOf(type: string): SdkClass {
  const provider = /^pulumi:providers:(.+)$/.exec(type);
  const row = provider ? { pkg: provider[1], path: "Provider" } : RESOURCE_CLASSES[type];
  const pkg = row && Object.hasOwn(SDK_PACKAGES, row.pkg) ? SDK_PACKAGES[row.pkg] : undefined;
  if (!row || !pkg) throw new Error(`no SDK class for ${type}: add it to RESOURCE_CLASSES (and its package to SDK_PACKAGES) in bench/resource-classes.ts`);
  return { ...pkg, path: row.path, names: ("names" in row && row.names) || {} };
}

/** The class itself, from the SDK's index (loaded on first use, as a program's import would). */
export function sdkClass(type: string): unknown {
  const { module, path } = classOf(type);
  return path.split(".").reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], require(module));
}
