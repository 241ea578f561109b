import { Wso2SecurityGroup } from "../../components/index.js";
import { exampleConfig } from "./config.js";
import type { Example } from "./example.js";

export const wso2ApiManager: Example = {
  description: "AWS: WSO2 API Manager with a port offset, publishing to its analytics server",
  cloud: "aws",
  run() {
    const { config, admin, features, vpcId } = exampleConfig();
    const apim = new Wso2SecurityGroup("wso2-apim", {
      vpcId: vpcId(),
      products: [{ product: "api-manager", release: config.require("release"), portOffset: config.getNumber("portOffset") }],
      analyticsPortOffset: config.getNumber("analyticsPortOffset"),
      features,
      sources: { admin },
    });
    return { components: [apim], outputs: { securityGroupIds: apim.securityGroupIds, ruleCount: apim.ruleCount } };
  },
};
