import { CatalogDeploymentSecurityGroups } from "../../components/index.js";
import { exampleConfig } from "./config.js";
import type { Example } from "./example.js";

export const wso2Distributed: Example = {
  description: "AWS: WSO2 API Manager 4.x distributed, a group per role (control plane, gateway, traffic manager, key manager) wired by its flows",
  cloud: "aws",
  run() {
    const { config, admin, features, vpcId } = exampleConfig();
    const apim = new CatalogDeploymentSecurityGroups("apim", {
      vpcId: vpcId(),
      products: [{ product: "wso2/api-manager", release: config.require("release") }],
      roles: config.requireObject<string[]>("roles"),
      features,
      sources: { admin },
    });
    return { components: [apim], outputs: { securityGroupIds: apim.securityGroupIds, ruleCount: apim.ruleCount } };
  },
};
