import { CatalogDeploymentSecurityGroups } from "../../components/index.js";
import { exampleConfig } from "./config.js";
import type { Example } from "./example.js";

export const anboxCharmed: Example = {
  description: "AWS: the charmed Anbox Cloud deployment, a group per role; each internal port open only to the roles that connect to it",
  cloud: "aws",
  run() {
    const { config, admin, features, vpcId } = exampleConfig();
    // One group per role, named by its role: attach allSecurityGroupIds[role] to that role's machines.
    // Ports whose flows the sources do not give keep their audience (internal: the role's own group).
    const anbox = new CatalogDeploymentSecurityGroups("anbox", {
      vpcId: vpcId(),
      products: [{ product: "anbox-cloud/charmed", release: config.require("release") }],
      roles: config.requireObject<string[]>("roles"),
      features,
      sources: { admin },
    });
    return { components: [anbox], outputs: { securityGroupIds: anbox.securityGroupIds, ruleCount: anbox.ruleCount } };
  },
};
