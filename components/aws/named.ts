import * as pulumi from "@pulumi/pulumi";
import { typeToken } from "../base.js";
import { type Wso2ProductArgs, wso2Selections } from "../wso2.js";
import { type AwsSecurityGroupOptionsArgs, createAwsGroups, planAwsGroups } from "./security-group.js";

// Pulumi's component analyzer only accepts classes that extend ComponentResource directly and
// reads outputs from each class's own members, so every component declares its outputs itself.

/** Arguments of {@link AnboxApplianceSecurityGroup}. */
export interface AnboxApplianceSecurityGroupArgs extends AwsSecurityGroupOptionsArgs {
  /** The Anbox Cloud release, e.g. `1.30`. Default: the newest the catalog has; pin it. */
  release?: string;
}

/** The Anbox Cloud Appliance's ports: 443 for the UI and API, plus instance services and TURN when their features are on. */
export class AnboxApplianceSecurityGroup extends pulumi.ComponentResource {
  /** Every group the component created, primary first; attach them all. */
  readonly securityGroupIds!: pulumi.Output<string[]>;
  /** The first group: the one to reference from other groups' rules. */
  readonly primarySecurityGroupId!: pulumi.Output<string>;
  /** Number of provider rules created. */
  readonly ruleCount!: pulumi.Output<number>;
  /** Stable keys of the rules, in group order. */
  readonly ruleKeys!: pulumi.Output<string[]>;

  constructor(name: string, args: AnboxApplianceSecurityGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    const planned = planAwsGroups("AnboxApplianceSecurityGroup", name, args, (a) => [{ product: "anbox-cloud/appliance", release: a.release }]);
    super(typeToken("AnboxApplianceSecurityGroup"), name, {}, opts);
    const outputs = createAwsGroups(this, planned);
    Object.assign(this, outputs);
    this.registerOutputs(outputs);
  }
}

/** Arguments of {@link AnboxCloudSecurityGroup}. */
export interface AnboxCloudSecurityGroupArgs extends AwsSecurityGroupOptionsArgs {
  /** Only the ports of these machines: `control`, `lxd`, `streaming`. Default: every machine of the deployment. */
  roles?: string[];
  /** The Anbox Cloud release, e.g. `1.30`. Default: the newest the catalog has; pin it. */
  release?: string;
}

/** The charmed Anbox Cloud deployment's ports; internal ones open only between the group's own machines by default. */
export class AnboxCloudSecurityGroup extends pulumi.ComponentResource {
  /** Every group the component created, primary first; attach them all. */
  readonly securityGroupIds!: pulumi.Output<string[]>;
  /** The first group: the one to reference from other groups' rules. */
  readonly primarySecurityGroupId!: pulumi.Output<string>;
  /** Number of provider rules created. */
  readonly ruleCount!: pulumi.Output<number>;
  /** Stable keys of the rules, in group order. */
  readonly ruleKeys!: pulumi.Output<string[]>;

  constructor(name: string, args: AnboxCloudSecurityGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    const planned = planAwsGroups("AnboxCloudSecurityGroup", name, args, (a) => [{ product: "anbox-cloud/charmed", roles: a.roles, release: a.release }]);
    super(typeToken("AnboxCloudSecurityGroup"), name, {}, opts);
    const outputs = createAwsGroups(this, planned);
    Object.assign(this, outputs);
    this.registerOutputs(outputs);
  }
}

/** Arguments of {@link Wso2SecurityGroup}. */
export interface Wso2SecurityGroupArgs extends AwsSecurityGroupOptionsArgs {
  /** The WSO2 products on the host, each with its port offset. */
  products: Wso2ProductArgs[];
  /** The API Manager Analytics server's port offset, for ports that follow it. Default 1. */
  analyticsPortOffset?: number;
}

/** WSO2 products (with port offsets) and WSO2's common ports. */
export class Wso2SecurityGroup extends pulumi.ComponentResource {
  /** Every group the component created, primary first; attach them all. */
  readonly securityGroupIds!: pulumi.Output<string[]>;
  /** The first group: the one to reference from other groups' rules. */
  readonly primarySecurityGroupId!: pulumi.Output<string>;
  /** Number of provider rules created. */
  readonly ruleCount!: pulumi.Output<number>;
  /** Stable keys of the rules, in group order. */
  readonly ruleKeys!: pulumi.Output<string[]>;

  constructor(name: string, args: Wso2SecurityGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    const planned = planAwsGroups("Wso2SecurityGroup", name, args, (a) => wso2Selections(a.products, a.analyticsPortOffset));
    super(typeToken("Wso2SecurityGroup"), name, {}, opts);
    const outputs = createAwsGroups(this, planned);
    Object.assign(this, outputs);
    this.registerOutputs(outputs);
  }
}

/** Arguments of the OpenStack-on-EC2 node groups. */
export interface OpenStackNodeSecurityGroupArgs extends AwsSecurityGroupOptionsArgs {
  /** The OpenStack release: `kilo`, `2025.1`, `2025.2`. Default: the newest the catalog has; pin it. */
  release?: string;
  /** Optional services the cloud runs, by name (e.g. `octavia`, `designate`, `cinder`, `swift`): their ports open as features do. */
  services?: string[];
}

/** OpenStack controller nodes on EC2: API endpoints, dashboard, MySQL, AMQP, console proxies. */
export class OpenStackControllerSecurityGroup extends pulumi.ComponentResource {
  /** Every group the component created, primary first; attach them all. */
  readonly securityGroupIds!: pulumi.Output<string[]>;
  /** The first group: the one to reference from other groups' rules. */
  readonly primarySecurityGroupId!: pulumi.Output<string>;
  /** Number of provider rules created. */
  readonly ruleCount!: pulumi.Output<number>;
  /** Stable keys of the rules, in group order. */
  readonly ruleKeys!: pulumi.Output<string[]>;

  constructor(name: string, args: OpenStackNodeSecurityGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    const planned = planAwsGroups("OpenStackControllerSecurityGroup", name, args, (a) => [{ product: "openstack/cloud", release: a.release, roles: ["controller"] }]);
    super(typeToken("OpenStackControllerSecurityGroup"), name, {}, opts);
    const outputs = createAwsGroups(this, planned);
    Object.assign(this, outputs);
    this.registerOutputs(outputs);
  }
}

/** OpenStack compute nodes on EC2: the VM console ports the proxies reach. */
export class OpenStackComputeSecurityGroup extends pulumi.ComponentResource {
  /** Every group the component created, primary first; attach them all. */
  readonly securityGroupIds!: pulumi.Output<string[]>;
  /** The first group: the one to reference from other groups' rules. */
  readonly primarySecurityGroupId!: pulumi.Output<string>;
  /** Number of provider rules created. */
  readonly ruleCount!: pulumi.Output<number>;
  /** Stable keys of the rules, in group order. */
  readonly ruleKeys!: pulumi.Output<string[]>;

  constructor(name: string, args: OpenStackNodeSecurityGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    const planned = planAwsGroups("OpenStackComputeSecurityGroup", name, args, (a) => [{ product: "openstack/cloud", release: a.release, roles: ["compute"] }]);
    super(typeToken("OpenStackComputeSecurityGroup"), name, {}, opts);
    const outputs = createAwsGroups(this, planned);
    Object.assign(this, outputs);
    this.registerOutputs(outputs);
  }
}

/** OpenStack network nodes on EC2 (2025 releases): the overlay (VXLAN, Geneve) ports their peers reach. */
export class OpenStackNetworkSecurityGroup extends pulumi.ComponentResource {
  /** Every group the component created, primary first; attach them all. */
  readonly securityGroupIds!: pulumi.Output<string[]>;
  /** The first group: the one to reference from other groups' rules. */
  readonly primarySecurityGroupId!: pulumi.Output<string>;
  /** Number of provider rules created. */
  readonly ruleCount!: pulumi.Output<number>;
  /** Stable keys of the rules, in group order. */
  readonly ruleKeys!: pulumi.Output<string[]>;

  constructor(name: string, args: OpenStackNodeSecurityGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    const planned = planAwsGroups("OpenStackNetworkSecurityGroup", name, args, (a) => [{ product: "openstack/cloud", release: a.release, roles: ["network"] }]);
    super(typeToken("OpenStackNetworkSecurityGroup"), name, {}, opts);
    const outputs = createAwsGroups(this, planned);
    Object.assign(this, outputs);
    this.registerOutputs(outputs);
  }
}

/** OpenStack storage nodes on EC2: swift servers, rsync, iSCSI. */
export class OpenStackStorageSecurityGroup extends pulumi.ComponentResource {
  /** Every group the component created, primary first; attach them all. */
  readonly securityGroupIds!: pulumi.Output<string[]>;
  /** The first group: the one to reference from other groups' rules. */
  readonly primarySecurityGroupId!: pulumi.Output<string>;
  /** Number of provider rules created. */
  readonly ruleCount!: pulumi.Output<number>;
  /** Stable keys of the rules, in group order. */
  readonly ruleKeys!: pulumi.Output<string[]>;

  constructor(name: string, args: OpenStackNodeSecurityGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    const planned = planAwsGroups("OpenStackStorageSecurityGroup", name, args, (a) => [{ product: "openstack/cloud", release: a.release, roles: ["storage"] }]);
    super(typeToken("OpenStackStorageSecurityGroup"), name, {}, opts);
    const outputs = createAwsGroups(this, planned);
    Object.assign(this, outputs);
    this.registerOutputs(outputs);
  }
}
