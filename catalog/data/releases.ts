import type { ProductRelease } from "../model.js";
import { anboxDocumentReleases } from "./anbox-cloud.js";
import { anboxCurrentReleases } from "./anbox-cloud-current.js";
import { openstackDocumentReleases } from "./openstack.js";
import { openstackCurrentReleases } from "./openstack-current.js";
import { wso2DocumentReleases } from "./wso2.js";
import { wso2CurrentReleases } from "./wso2-current.js";

/** The built-in release registry: per product, oldest first (the document's releases, then the current ones). */
export const builtinReleases: ProductRelease[] = [
  ...anboxDocumentReleases,
  ...anboxCurrentReleases,
  ...openstackDocumentReleases,
  ...openstackCurrentReleases,
  ...wso2DocumentReleases,
  ...wso2CurrentReleases,
];
