import type { SecGroup } from "@pulumi/openstack/networking/secGroup";
import { OpenStackComputeRules, OpenStackControllerRules, OpenStackStorageRules } from "../../components/index.js";
import { openstack } from "../../components/providers.js";
import { exampleConfig } from "./config.js";
import type { Example } from "./example.js";

export const openstackController: Example = {
  description: "OpenStack: controller, compute and storage groups that reference each other",
  cloud: "openstack",
  run() {
    const { config, admin } = exampleConfig();
    const release = config.require("release");
    const { networking } = openstack();
    const controller = new networking.SecGroup("controller", { description: "OpenStack controller nodes" });
    const compute = new networking.SecGroup("compute", { description: "OpenStack compute nodes" });
    const storage = new networking.SecGroup("storage", { description: "OpenStack storage nodes" });
    const peer = (name: string, group: SecGroup) => ({ name, id: group.id });

    // Compute and storage nodes use the controller's MySQL, AMQP, metadata API and image registry.
    const controllerRules = new OpenStackControllerRules("controller", {
      securityGroupId: controller.id,
      release,
      sources: { admin, internal: { self: true, securityGroups: [peer("compute", compute), peer("storage", storage)] } },
    });
    // The controller's console proxies reach the hypervisors' VNC ports.
    const computeRules = new OpenStackComputeRules("compute", { securityGroupId: compute.id, release, sources: { internal: { securityGroups: [peer("controller", controller)] } } });
    // The swift proxy on the controller reaches the storage servers, compute nodes attach iSCSI volumes, storage nodes replicate.
    const storageRules = new OpenStackStorageRules("storage", {
      securityGroupId: storage.id,
      release,
      sources: { internal: { self: true, securityGroups: [peer("controller", controller), peer("compute", compute)] } },
    });
    return {
      components: [controllerRules, computeRules, storageRules],
      outputs: { controllerGroupId: controller.id, computeGroupId: compute.id, storageGroupId: storage.id },
    };
  },
};
