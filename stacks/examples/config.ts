import * as pulumi from "@pulumi/pulumi";
import type { PeerSetArgs } from "../../components/index.js";
import { aws } from "../../components/providers.js";

/** Settings the examples read from `stacks/Pulumi.<stack>.yaml`. */
export function exampleConfig() {
  const config = new pulumi.Config();
  const adminCidrs = config.getObject<string[]>("adminCidrs") ?? [];
  return {
    config,
    /** Operators' CIDRs: admin ports stay closed when none are configured. */
    admin: adminCidrs.length ? ({ cidrIpv4: adminCidrs } satisfies PeerSetArgs) : undefined,
    features: config.getObject<string[]>("features"),
    /** AWS examples use the configured VPC, or the region's default VPC. */
    vpcId: (): pulumi.Input<string> => config.get("vpcId") ?? aws().ec2.getVpcOutput({ default: true }).id,
  };
}
