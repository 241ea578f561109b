import type * as pulumi from "@pulumi/pulumi";
import type { ProductSelectionArgs } from "../selection.js";
import { type Wso2ProductArgs, wso2Selections } from "../wso2.js";
import { type OpenStackNodeRulesArgs, OpenStackRulesComponent, OpenStackSecGroupComponent, type OpenStackSecGroupOptionsArgs } from "./secgroup.js";

const openstackRole = (role: string): ProductSelectionArgs[] => [{ product: "openstack/kilo", roles: [role] }];

/** OpenStack controller nodes: API endpoints, dashboard, MySQL, AMQP, console proxies. */
export class OpenStackControllerRules extends OpenStackRulesComponent {
  constructor(name: string, args: OpenStackNodeRulesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("OpenStackControllerRules", name, openstackRole("controller"), args, opts);
  }
}

/** OpenStack compute nodes: the VM console ports the console proxies reach. */
export class OpenStackComputeRules extends OpenStackRulesComponent {
  constructor(name: string, args: OpenStackNodeRulesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("OpenStackComputeRules", name, openstackRole("compute"), args, opts);
  }
}

/** OpenStack storage nodes: swift object, container and account servers, rsync, iSCSI. */
export class OpenStackStorageRules extends OpenStackRulesComponent {
  constructor(name: string, args: OpenStackNodeRulesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("OpenStackStorageRules", name, openstackRole("storage"), args, opts);
  }
}

/** Arguments of {@link AnboxApplianceSecGroup}. */
export interface AnboxApplianceSecGroupArgs extends OpenStackSecGroupOptionsArgs {}

/** The Anbox Cloud Appliance's ports as a Neutron security group. */
export class AnboxApplianceSecGroup extends OpenStackSecGroupComponent {
  constructor(name: string, args: AnboxApplianceSecGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    super("AnboxApplianceSecGroup", name, [{ product: "anbox-cloud/appliance" }], args, opts);
  }
}

/** Arguments of {@link AnboxCloudSecGroup}. */
export interface AnboxCloudSecGroupArgs extends OpenStackSecGroupOptionsArgs {
  /** Only the ports of these machines: `control`, `lxd`, `streaming`. Default: every machine of the deployment. */
  roles?: string[];
}

/** The charmed Anbox Cloud deployment's ports as a Neutron security group. */
export class AnboxCloudSecGroup extends OpenStackSecGroupComponent {
  constructor(name: string, args: AnboxCloudSecGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    super("AnboxCloudSecGroup", name, [{ product: "anbox-cloud/charmed", roles: args.roles }], args, opts);
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
export class Wso2SecGroup extends OpenStackSecGroupComponent {
  constructor(name: string, args: Wso2SecGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    super("Wso2SecGroup", name, wso2Selections(args.products ?? [], args.analyticsPortOffset), args, opts);
  }
}
