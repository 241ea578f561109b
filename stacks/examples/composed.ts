import { CatalogSecGroup } from "../../components/index.js";
import { exampleConfig } from "./config.js";
import type { Example } from "./example.js";

export const composed: Example = {
  description: "OpenStack: an Anbox appliance and WSO2 API Manager on one host, with the conflict report and a quota split",
  cloud: "openstack",
  run() {
    const { config, admin, features } = exampleConfig();
    const host = new CatalogSecGroup("composed", {
      products: [{ product: "anbox-cloud/appliance", release: config.require("anboxRelease") }, { product: "wso2/api-manager", release: config.require("wso2Release"), portOffset: config.getNumber("portOffset") }],
      features,
      sources: { admin },
      maxRulesPerGroup: config.getNumber("maxRulesPerGroup"),
    });
    return { components: [host], outputs: { securityGroupIds: host.securityGroupIds, ruleCount: host.ruleCount } };
  },
};
