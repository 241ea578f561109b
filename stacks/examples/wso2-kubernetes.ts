import { Wso2NetworkPolicies } from "../../components/index.js";
import { exampleConfig } from "./config.js";
import type { Example } from "./example.js";

export const wso2Kubernetes: Example = {
  description: "Kubernetes: WSO2 API Manager 4.x on wso2/helm-apim's distributed charts, a NetworkPolicy per role (the charts' own pod labels) wired by its flows, egress restricted",
  cloud: "kubernetes",
  run() {
    const { config, admin, features } = exampleConfig();
    const ingressNamespace = config.get("ingressNamespace");
    const apim = new Wso2NetworkPolicies("apim", {
      namespace: config.require("namespace"),
      products: [{ product: "api-manager", release: config.require("release") }],
      features,
      sources: { admin },
      restrictEgress: config.getBoolean("restrictEgress") ?? false,
      // Clients through the cluster's ingress controller, when one is named: its pods stand for them.
      ...(ingressNamespace ? { ingressController: { namespace: ingressNamespace, podLabels: config.requireObject<Record<string, string>>("ingressPodLabels") } } : {}),
    });
    return { components: [apim], outputs: { policyNames: apim.policyNames, ruleCount: apim.ruleCount, ruleKeys: apim.ruleKeys } };
  },
};
