import type { CatalogNote, ProductRelease, ReleasedEntry } from "../model.js";
import { anboxAppliance, anboxCharmed } from "./anbox-cloud.js";
import { anboxCurrentEntries, anboxCurrentExtensions } from "./anbox-cloud-current.js";
import { applyExtensions, applyFlows } from "./extend.js";
import { anboxFlows, anboxRoles } from "./flows-anbox.js";
import { openstackFlows } from "./flows-openstack.js";
import { identityServerRoles, wso2Flows, wso2Roles } from "./flows-wso2.js";
import { openstackKilo } from "./openstack.js";
import { openstackCurrentEntries, openstackCurrentExtensions } from "./openstack-current.js";
import { builtinReleases } from "./releases.js";
import { wso2Entries, wso2Notes } from "./wso2.js";
import { wso2CurrentEntries, wso2CurrentExtensions } from "./wso2-current.js";

const documents = [...anboxCharmed, ...anboxAppliance, ...openstackKilo, ...wso2Entries];

/** The built-in catalog before validation: the documents' entries (with the releases they still hold for) and the current releases' own. */
export const builtinData: { entries: ReleasedEntry[]; notes: CatalogNote[]; releases: ProductRelease[] } = {
  entries: applyFlows(
    [
      ...applyExtensions(documents, [...anboxCurrentExtensions, ...openstackCurrentExtensions, ...wso2CurrentExtensions]),
      ...anboxCurrentEntries,
      ...openstackCurrentEntries,
      ...wso2CurrentEntries,
    ],
    { ...anboxFlows, ...openstackFlows, ...wso2Flows },
    { ...anboxRoles, ...wso2Roles, ...identityServerRoles },
  ),
  notes: wso2Notes,
  releases: builtinReleases,
};
