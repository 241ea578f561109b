import { CatalogDeploymentNetworkSecurityGroups } from "../../components/index.js";
import { exampleConfig } from "./config.js";
import type { Example } from "./example.js";

export const anboxCharmedAzure: Example = {
  description: "Azure: the charmed Anbox Cloud deployment, an NSG and an ASG per role; each internal port open only to the roles that connect to it",
  cloud: "azure",
  run() {
    const { config, admin, features } = exampleConfig();
    // Attach networkSecurityGroupIds[role] to a role's NICs and put them in applicationSecurityGroupIds[role].
    const anbox = new CatalogDeploymentNetworkSecurityGroups("anbox-azure-roles", {
      resourceGroupName: config.require("resourceGroupName"),
      location: config.get("location"),
      products: [{ product: "anbox-cloud/charmed", release: config.require("release") }],
      roles: config.requireObject<string[]>("roles"),
      features,
      sources: { admin },
    });
    return { components: [anbox], outputs: { applicationSecurityGroupIds: anbox.applicationSecurityGroupIds, rulePriorities: anbox.rulePriorities } };
  },
};
