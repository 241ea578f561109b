import { AnboxApplianceSecurityGroup } from "../../components/index.js";
import { exampleConfig } from "./config.js";
import type { Example } from "./example.js";

export const anboxAppliance: Example = {
  description: "AWS: one security group for an Anbox Cloud Appliance",
  cloud: "aws",
  run() {
    const { admin, features, vpcId } = exampleConfig();
    const appliance = new AnboxApplianceSecurityGroup("anbox-appliance", { vpcId: vpcId(), features, sources: { admin } });
    return { components: [appliance], outputs: { securityGroupIds: appliance.securityGroupIds, ruleCount: appliance.ruleCount } };
  },
};
