import type { SecGroup } from "@pulumi/openstack/networking/secGroup";
import { OpenStackComputeRules, OpenStackControllerRules, OpenStackNetworkRules, OpenStackStorageRules } from "../../components/index.js";
import { openstack } from "../../components/providers.js";
import { exampleConfig } from "./config.js";
import type { Example } from "./example.js";

export const openstack2025: Example = {
  description: "OpenStack 2025.2: controller, compute, network and storage groups that reference each other",
  cloud: "openstack",
  run() {
    const { config, admin } = exampleConfig();
    const release = config.require("release");
    const services = config.getObject<string[]>("services");
    // A 2025 cloud's controller alone needs more than Neutron's default of 100 rules: raise the project's quota first.
    const projectRuleQuota = config.getNumber("projectRuleQuota");
    const { networking } = openstack();
    const group = (name: string) => new networking.SecGroup(name, { description: `OpenStack ${name} nodes` });
    const [controller, compute, network, storage] = ["controller", "compute", "network", "storage"].map(group);
    const peer = (name: string, g: SecGroup) => ({ name, id: g.id });
    const cloud = [peer("compute", compute), peer("network", network), peer("storage", storage)];
    // Each group has its role; a port opens only to the roles the catalog's flows say connect to it.
    // The internal sources stay for the ports whose flows are unknown (the plan lists them as not narrowed).
    const roleGroups = { controller: controller.id, compute: compute.id, network: network.id, storage: storage.id };
    const others = (role: keyof typeof roleGroups) => Object.fromEntries(Object.entries(roleGroups).filter(([r]) => r !== role));

    // Every node of the cloud uses the controller's database, queues, caches and internal APIs.
    const controllerRules = new OpenStackControllerRules("controller", { securityGroupId: controller.id, role: "controller", roleGroups: others("controller"), release, services, projectRuleQuota, sources: { admin, internal: { self: true, securityGroups: cloud } } });
    // Hypervisors: console proxies and live migration from the controller and each other; overlays from network nodes.
    const computeRules = new OpenStackComputeRules("compute", {
      securityGroupId: compute.id,
      role: "compute",
      roleGroups: others("compute"),
      release,
      services,
      sources: { internal: { self: true, securityGroups: [peer("controller", controller), peer("network", network)] } },
    });
    // Network nodes: tenant overlays to and from the hypervisors.
    const networkRules = new OpenStackNetworkRules("network", { securityGroupId: network.id, role: "network", roleGroups: others("network"), release, services, sources: { internal: { self: true, securityGroups: [peer("compute", compute)] } } });
    // Storage: the controller's proxies and the hypervisors' volume attachments; replication between storage nodes.
    const storageRules = new OpenStackStorageRules("storage", {
      securityGroupId: storage.id,
      role: "storage",
      roleGroups: others("storage"),
      release,
      services,
      sources: { internal: { self: true, securityGroups: [peer("controller", controller), peer("compute", compute)] } },
    });
    return {
      components: [controllerRules, computeRules, networkRules, storageRules],
      outputs: { controllerGroupId: controller.id, computeGroupId: compute.id, networkGroupId: network.id, storageGroupId: storage.id },
    };
  },
};
