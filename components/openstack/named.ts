import * as pulumi from "@pulumi/pulumi";
import { typeToken } from "../base.js";
import { type Wso2ProductArgs, wso2Selections } from "../wso2.js";
import { createOpenStackGroups, createOpenStackRules, type OpenStackNodeRulesArgs, type OpenStackSecGroupOptionsArgs, planOpenStackGroups, planOpenStackRules } from "./secgroup.js";

// Pulumi's component analyzer only accepts classes that extend ComponentResource directly and
// reads outputs from each class's own members, so every component declares its outputs itself.

/** OpenStack controller nodes: API endpoints, dashboard, MySQL, AMQP, console proxies. */
export class OpenStackControllerRules extends pulumi.ComponentResource {
  /** Number of provider rules created. */
  readonly ruleCount!: pulumi.Output<number>;
  /** Stable keys of the rules. */
  readonly ruleKeys!: pulumi.Output<string[]>;

  constructor(name: string, args: OpenStackNodeRulesArgs, opts?: pulumi.ComponentResourceOptions) {
    const planned = planOpenStackRules("OpenStackControllerRules", name, args, (a) => [{ product: "openstack/cloud", release: a.release, roles: ["controller"] }]);
    super(typeToken("OpenStackControllerRules"), name, {}, opts);
    const outputs = createOpenStackRules(this, planned);
    Object.assign(this, outputs);
    this.registerOutputs(outputs);
  }
}

/** OpenStack compute nodes: the VM console ports the console proxies reach. */
export class OpenStackComputeRules extends pulumi.ComponentResource {
  /** Number of provider rules created. */
  readonly ruleCount!: pulumi.Output<number>;
  /** Stable keys of the rules. */
  readonly ruleKeys!: pulumi.Output<string[]>;

  constructor(name: string, args: OpenStackNodeRulesArgs, opts?: pulumi.ComponentResourceOptions) {
    const planned = planOpenStackRules("OpenStackComputeRules", name, args, (a) => [{ product: "openstack/cloud", release: a.release, roles: ["compute"] }]);
    super(typeToken("OpenStackComputeRules"), name, {}, opts);
    const outputs = createOpenStackRules(this, planned);
    Object.assign(this, outputs);
    this.registerOutputs(outputs);
  }
}

/** OpenStack network nodes (2025 releases): the overlay (VXLAN, Geneve) ports their peers reach. */
export class OpenStackNetworkRules extends pulumi.ComponentResource {
  /** Number of provider rules created. */
  readonly ruleCount!: pulumi.Output<number>;
  /** Stable keys of the rules. */
  readonly ruleKeys!: pulumi.Output<string[]>;

  constructor(name: string, args: OpenStackNodeRulesArgs, opts?: pulumi.ComponentResourceOptions) {
    const planned = planOpenStackRules("OpenStackNetworkRules", name, args, (a) => [{ product: "openstack/cloud", release: a.release, roles: ["network"] }]);
    super(typeToken("OpenStackNetworkRules"), name, {}, opts);
    const outputs = createOpenStackRules(this, planned);
    Object.assign(this, outputs);
    this.registerOutputs(outputs);
  }
}

/** OpenStack storage nodes: swift object, container and account servers, rsync, iSCSI. */
export class OpenStackStorageRules extends pulumi.ComponentResource {
  /** Number of provider rules created. */
  readonly ruleCount!: pulumi.Output<number>;
  /** Stable keys of the rules. */
  readonly ruleKeys!: pulumi.Output<string[]>;

  constructor(name: string, args: OpenStackNodeRulesArgs, opts?: pulumi.ComponentResourceOptions) {
    const planned = planOpenStackRules("OpenStackStorageRules", name, args, (a) => [{ product: "openstack/cloud", release: a.release, roles: ["storage"] }]);
    super(typeToken("OpenStackStorageRules"), name, {}, opts);
    const outputs = createOpenStackRules(this, planned);
    Object.assign(this, outputs);
    this.registerOutputs(outputs);
  }
}

/** Arguments of {@link AnboxApplianceSecGroup}. */
export interface AnboxApplianceSecGroupArgs extends OpenStackSecGroupOptionsArgs {
  /** The Anbox Cloud release, e.g. `1.30`. Default: the newest the catalog has; pin it. */
  release?: string;
}

/** The Anbox Cloud Appliance's ports as a Neutron security group. */
export class AnboxApplianceSecGroup extends pulumi.ComponentResource {
  /** Every group the component created, primary first; attach them all. */
  readonly securityGroupIds!: pulumi.Output<string[]>;
  /** The first group: the one to reference from other groups' rules. */
  readonly primarySecurityGroupId!: pulumi.Output<string>;
  /** Number of provider rules created. */
  readonly ruleCount!: pulumi.Output<number>;
  /** Stable keys of the rules, in group order. */
  readonly ruleKeys!: pulumi.Output<string[]>;

  constructor(name: string, args: AnboxApplianceSecGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    const planned = planOpenStackGroups("AnboxApplianceSecGroup", name, args, (a) => [{ product: "anbox-cloud/appliance", release: a.release }]);
    super(typeToken("AnboxApplianceSecGroup"), name, {}, opts);
    const outputs = createOpenStackGroups(this, planned);
    Object.assign(this, outputs);
    this.registerOutputs(outputs);
  }
}

/** Arguments of {@link AnboxCloudSecGroup}. */
export interface AnboxCloudSecGroupArgs extends OpenStackSecGroupOptionsArgs {
  /** Only the ports of these machines: `control`, `lxd`, `streaming`. Default: every machine of the deployment. */
  roles?: string[];
  /** The Anbox Cloud release, e.g. `1.30`. Default: the newest the catalog has; pin it. */
  release?: string;
}

/** The charmed Anbox Cloud deployment's ports as a Neutron security group. */
export class AnboxCloudSecGroup extends pulumi.ComponentResource {
  /** Every group the component created, primary first; attach them all. */
  readonly securityGroupIds!: pulumi.Output<string[]>;
  /** The first group: the one to reference from other groups' rules. */
  readonly primarySecurityGroupId!: pulumi.Output<string>;
  /** Number of provider rules created. */
  readonly ruleCount!: pulumi.Output<number>;
  /** Stable keys of the rules, in group order. */
  readonly ruleKeys!: pulumi.Output<string[]>;

  constructor(name: string, args: AnboxCloudSecGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    const planned = planOpenStackGroups("AnboxCloudSecGroup", name, args, (a) => [{ product: "anbox-cloud/charmed", roles: a.roles, release: a.release }]);
    super(typeToken("AnboxCloudSecGroup"), name, {}, opts);
    const outputs = createOpenStackGroups(this, planned);
    Object.assign(this, outputs);
    this.registerOutputs(outputs);
  }
}

/** Arguments of {@link Wso2SecGroup}. */
export interface Wso2SecGroupArgs extends OpenStackSecGroupOptionsArgs {
  /** The WSO2 products on the host, each with its port offset. */
  products: Wso2ProductArgs[];
  /** The API Manager Analytics server's port offset, for ports that follow it. Default 1. */
  analyticsPortOffset?: number;
}

/** WSO2 products (with port offsets) and WSO2's common ports as a Neutron security group. */
export class Wso2SecGroup extends pulumi.ComponentResource {
  /** Every group the component created, primary first; attach them all. */
  readonly securityGroupIds!: pulumi.Output<string[]>;
  /** The first group: the one to reference from other groups' rules. */
  readonly primarySecurityGroupId!: pulumi.Output<string>;
  /** Number of provider rules created. */
  readonly ruleCount!: pulumi.Output<number>;
  /** Stable keys of the rules, in group order. */
  readonly ruleKeys!: pulumi.Output<string[]>;

  constructor(name: string, args: Wso2SecGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    const planned = planOpenStackGroups("Wso2SecGroup", name, args, (a) => wso2Selections(a.products, a.analyticsPortOffset));
    super(typeToken("Wso2SecGroup"), name, {}, opts);
    const outputs = createOpenStackGroups(this, planned);
    Object.assign(this, outputs);
    this.registerOutputs(outputs);
  }
}
