import type * as pulumi from "@pulumi/pulumi";
import type { ProductSelectionArgs } from "../selection.js";
import { type Wso2ProductArgs, wso2Selections } from "../wso2.js";
import { AwsSecurityGroupComponent, type AwsSecurityGroupOptionsArgs } from "./security-group.js";

/** Arguments of {@link AnboxApplianceSecurityGroup}. */
export interface AnboxApplianceSecurityGroupArgs extends AwsSecurityGroupOptionsArgs {}

/** The Anbox Cloud Appliance's ports: 443 for the UI and API, plus instance services and TURN when their features are on. */
export class AnboxApplianceSecurityGroup extends AwsSecurityGroupComponent {
  constructor(name: string, args: AnboxApplianceSecurityGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    super("AnboxApplianceSecurityGroup", name, [{ product: "anbox-cloud/appliance" }], args, opts);
  }
}

/** Arguments of {@link AnboxCloudSecurityGroup}. */
export interface AnboxCloudSecurityGroupArgs extends AwsSecurityGroupOptionsArgs {
  /** Only the ports of these machines: `control`, `lxd`, `streaming`. Default: every machine of the deployment. */
  roles?: string[];
}

/** The charmed Anbox Cloud deployment's ports; internal ones open only between the group's own machines by default. */
export class AnboxCloudSecurityGroup extends AwsSecurityGroupComponent {
  constructor(name: string, args: AnboxCloudSecurityGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    super("AnboxCloudSecurityGroup", name, [{ product: "anbox-cloud/charmed", roles: args.roles }], args, opts);
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
export class Wso2SecurityGroup extends AwsSecurityGroupComponent {
  constructor(name: string, args: Wso2SecurityGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    super("Wso2SecurityGroup", name, wso2Selections(args.products ?? [], args.analyticsPortOffset), args, opts);
  }
}

/** Arguments of the OpenStack-on-EC2 role groups. */
export interface OpenStackNodeSecurityGroupArgs extends AwsSecurityGroupOptionsArgs {}

const openstackRole = (role: string): ProductSelectionArgs[] => [{ product: "openstack/kilo", roles: [role] }];

/** OpenStack controller nodes on EC2: API endpoints, dashboard, MySQL, AMQP, console proxies. */
export class OpenStackControllerSecurityGroup extends AwsSecurityGroupComponent {
  constructor(name: string, args: OpenStackNodeSecurityGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    super("OpenStackControllerSecurityGroup", name, openstackRole("controller"), args, opts);
  }
}

/** OpenStack compute nodes on EC2: the VM console ports the proxies reach. */
export class OpenStackComputeSecurityGroup extends AwsSecurityGroupComponent {
  constructor(name: string, args: OpenStackNodeSecurityGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    super("OpenStackComputeSecurityGroup", name, openstackRole("compute"), args, opts);
  }
}

/** OpenStack storage nodes on EC2: swift servers, rsync, iSCSI. */
export class OpenStackStorageSecurityGroup extends AwsSecurityGroupComponent {
  constructor(name: string, args: OpenStackNodeSecurityGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    super("OpenStackStorageSecurityGroup", name, openstackRole("storage"), args, opts);
  }
}
