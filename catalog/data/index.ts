import type { CatalogName, CatalogNote, Flow, ProductRelease, ReleasedEntry } from "../model.js";
import { applyExtensions, applyFlows, type Extension, type RoleRefinement } from "./extend.js";

/** One catalog's built-in data before validation: its document's entries, its current releases' own, and what joins them. */
interface CatalogSources {
  documents: ReleasedEntry[];
  current: ReleasedEntry[];
  extensions: Extension[];
  flows: Record<string, Flow[]>;
  roles: Record<string, RoleRefinement>;
  notes: CatalogNote[];
  /** Oldest first: the document's releases, then the current ones. */
  releases: ProductRelease[];
}

// Each catalog's files load on first use (`require`, not `import`): a program that selects an
// OpenStack product never parses the Anbox or WSO2 tables. Every file belongs to one catalog.
const SOURCES: Record<CatalogName, () => CatalogSources> = {
  "anbox-cloud": () => {
    const document = require("./anbox-cloud.js") as typeof import("./anbox-cloud.js");
    const current = require("./anbox-cloud-current.js") as typeof import("./anbox-cloud-current.js");
    const flows = require("./flows-anbox.js") as typeof import("./flows-anbox.js");
    return {
      documents: [...document.anboxCharmed, ...document.anboxAppliance],
      current: current.anboxCurrentEntries,
      extensions: current.anboxCurrentExtensions,
      flows: flows.anboxFlows,
      roles: flows.anboxRoles,
      notes: [],
      releases: [...document.anboxDocumentReleases, ...current.anboxCurrentReleases],
    };
  },
  openstack: () => {
    const document = require("./openstack.js") as typeof import("./openstack.js");
    const current = require("./openstack-current.js") as typeof import("./openstack-current.js");
    const flows = require("./flows-openstack.js") as typeof import("./flows-openstack.js");
    return {
      documents: document.openstackKilo,
      current: current.openstackCurrentEntries,
      extensions: current.openstackCurrentExtensions,
      flows: flows.openstackFlows,
      roles: {},
      notes: [],
      releases: [...document.openstackDocumentReleases, ...current.openstackCurrentReleases],
    };
  },
  wso2: () => {
    const document = require("./wso2.js") as typeof import("./wso2.js");
    const current = require("./wso2-current.js") as typeof import("./wso2-current.js");
    const flows = require("./flows-wso2.js") as typeof import("./flows-wso2.js");
    return {
      documents: document.wso2Entries,
      current: current.wso2CurrentEntries,
      extensions: current.wso2CurrentExtensions,
      flows: flows.wso2Flows,
      roles: { ...flows.wso2Roles, ...flows.identityServerRoles },
      notes: document.wso2Notes,
      releases: [...document.wso2DocumentReleases, ...current.wso2CurrentReleases],
    };
  },
};

/** One catalog's built-in data: its document's entries (with the releases they still hold for), its current releases' own, notes and releases. */
export interface BuiltinCatalogData {
  documents: ReleasedEntry[];
  current: ReleasedEntry[];
  notes: CatalogNote[];
  releases: ProductRelease[];
}

/** Loads and joins one catalog's data (extensions and flows by id; an id naming no entry of the catalog is a data error). */
export function loadCatalogData(name: CatalogName): BuiltinCatalogData {
  const s = SOURCES[name]();
  const joined = applyFlows([...applyExtensions(s.documents, s.extensions), ...s.current], s.flows, s.roles);
  return { documents: joined.slice(0, s.documents.length), current: joined.slice(s.documents.length), notes: s.notes, releases: s.releases };
}
