import { AnboxApplianceSecurityGroup } from "../../components/index.js";
import { exampleConfig } from "./config.js";
import type { Example } from "./example.js";

export const anboxAppliance: Example = {
  description: "AWS: one security group for an Anbox Cloud Appliance",
  cloud: "aws",
  run() {
    const { config, admin, features, vpcId } = exampleConfig();
    const appliance = new AnboxApplianceSecurityGroup("anbox-appliance", { vpcId: vpcId(), release: config.require("release"), features, sources: { admin } });
    return { components: [appliance], outputs: { securityGroupIds: appliance.securityGroupIds, ruleCount: appliance.ruleCount } };
  },
};
