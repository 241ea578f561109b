import { Wso2NetworkSecurityGroup } from "../../components/index.js";
import { exampleConfig } from "./config.js";
import type { Example } from "./example.js";

export const wso2Azure: Example = {
  description: "Azure: WSO2 API Manager and Identity Server on one VM, each with its port offset",
  cloud: "azure",
  run() {
    const { config, admin, features } = exampleConfig();
    const wso2 = new Wso2NetworkSecurityGroup("wso2-azure", {
      resourceGroupName: config.require("resourceGroupName"),
      location: config.get("location"),
      products: [
        { product: "api-manager", release: config.require("release"), portOffset: config.getNumber("portOffset") },
        { product: "identity-server", portOffset: config.getNumber("identityServerPortOffset") },
      ],
      features,
      sources: { admin },
    });
    return { components: [wso2], outputs: { networkSecurityGroupId: wso2.networkSecurityGroupId, rulePriorities: wso2.rulePriorities } };
  },
};
