import { AnboxCloudSecurityGroup } from "../../components/index.js";
import { exampleConfig } from "./config.js";
import type { Example } from "./example.js";

export const anboxCharmed: Example = {
  description: "AWS: the charmed Anbox Cloud deployment; internal ports open between its own machines only",
  cloud: "aws",
  run() {
    const { config, admin, features, vpcId } = exampleConfig();
    // Every machine of the deployment carries this group, so `self` is "the deployment's own machines".
    const anbox = new AnboxCloudSecurityGroup("anbox-charmed", { vpcId: vpcId(), release: config.require("release"), features, sources: { admin, internal: { self: true } } });
    return { components: [anbox], outputs: { securityGroupIds: anbox.securityGroupIds, ruleCount: anbox.ruleCount } };
  },
};
