import { AnboxApplianceNetworkSecurityGroup } from "../../components/index.js";
import { exampleConfig } from "./config.js";
import type { Example } from "./example.js";

export const anboxAzure: Example = {
  description: "Azure: a network security group for an Anbox Cloud Appliance on an Azure VM",
  cloud: "azure",
  run() {
    const { config, admin, features } = exampleConfig();
    const appliance = new AnboxApplianceNetworkSecurityGroup("anbox-azure", {
      resourceGroupName: config.require("resourceGroupName"),
      location: config.get("location"),
      release: config.require("release"),
      features,
      sources: { admin },
    });
    return { components: [appliance], outputs: { networkSecurityGroupId: appliance.networkSecurityGroupId, rulePriorities: appliance.rulePriorities } };
  },
};
