import { OpenStackHelmNetworkPolicies } from "../../components/index.js";
import { exampleConfig } from "./config.js";
import type { Example } from "./example.js";

export const openstackHelm: Example = {
  description: "Kubernetes: OpenStack 2025.2 on openstack-helm, a NetworkPolicy for the controller's pods; compute, network and storage run on the host network and are listed as not protected",
  cloud: "kubernetes",
  run() {
    const { config, admin } = exampleConfig();
    const osh = new OpenStackHelmNetworkPolicies("osh", {
      namespace: config.require("namespace"),
      release: config.require("release"),
      services: config.getObject<string[]>("services"),
      // compute, network and storage connect to the controller from their nodes' addresses (hostNetwork: true).
      nodeCidrs: config.requireObject<string[]>("nodeCidrs"),
      sources: { admin },
    });
    return { components: [osh], outputs: { policyNames: osh.policyNames, ruleCount: osh.ruleCount, unprotectedRoles: osh.unprotectedRoles } };
  },
};
