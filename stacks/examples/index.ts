import { anboxAppliance } from "./anbox-appliance.js";
import { anboxAzure } from "./anbox-azure.js";
import { anboxCharmed } from "./anbox-charmed.js";
import { anboxCharmedAzure } from "./anbox-charmed-azure.js";
import { composed } from "./composed.js";
import type { Example } from "./example.js";
import { openstack2025 } from "./openstack-2025.js";
import { openstackController } from "./openstack-controller.js";
import { openstackHelm } from "./openstack-helm.js";
import { wso2ApiManager } from "./wso2-api-manager.js";
import { wso2Distributed } from "./wso2-distributed.js";
import { wso2Azure } from "./wso2-azure.js";
import { wso2Kubernetes } from "./wso2-kubernetes.js";

export type { Example, ExampleResult } from "./example.js";

/** The example programs by stack name; `stacks/Pulumi.<name>.yaml` holds each one's config. */
export const EXAMPLES: Record<string, Example> = {
  "anbox-appliance": anboxAppliance,
  "anbox-charmed": anboxCharmed,
  "openstack-controller": openstackController,
  "openstack-2025": openstack2025,
  "wso2-api-manager": wso2ApiManager,
  "wso2-distributed": wso2Distributed,
  composed,
  "anbox-azure": anboxAzure,
  "wso2-azure": wso2Azure,
  "anbox-charmed-azure": anboxCharmedAzure,
  "wso2-kubernetes": wso2Kubernetes,
  "openstack-helm": openstackHelm,
};

export const DEFAULT_STACK = "anbox-appliance";
