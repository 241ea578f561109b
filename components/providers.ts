import type * as awsSdk from "@pulumi/aws";
import type * as openstackSdk from "@pulumi/openstack";

// Provider SDKs load on first use: an OpenStack-only program never pays for @pulumi/aws's
// import (and the reverse), and the catalog and planner load none.
let awsModule: typeof awsSdk | undefined;
let openstackModule: typeof openstackSdk | undefined;

export const aws = (): typeof awsSdk => (awsModule ??= require("@pulumi/aws") as typeof awsSdk);
export const openstack = (): typeof openstackSdk => (openstackModule ??= require("@pulumi/openstack") as typeof openstackSdk);
