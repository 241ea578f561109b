import type { z as Z } from "zod";
import { z } from "./zod.js";
import { lazy } from "./lazy.js";

/** The value sets every catalog entry draws from; the validator and the CLI both list them. */
export const CATALOGS = ["anbox-cloud", "openstack", "wso2"] as const;
export const PROTOCOLS = ["tcp", "udp"] as const;
export const DIRECTIONS = ["ingress", "egress"] as const;
export const AUDIENCES = ["public", "admin", "internal"] as const;
/**
 * How a WSO2 port reacts to the product's port offset:
 * `product` moves with the server's own offset, `fixed` never moves,
 * `analytics-server` moves with the API Manager Analytics server's offset.
 */
export const OFFSET_BEHAVIOURS = ["product", "fixed", "analytics-server"] as const;

export type CatalogName = (typeof CATALOGS)[number];
export type Protocol = (typeof PROTOCOLS)[number];
export type Direction = (typeof DIRECTIONS)[number];
export type Audience = (typeof AUDIENCES)[number];
export type OffsetBehaviour = (typeof OFFSET_BEHAVIOURS)[number];

const slug = lazy(() => z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a lowercase slug (a-z, 0-9, dashes)"));
/** A release name as its product spells it: `1.26`, `kilo`, `2025.2`, `carbon-4.4`. */
export const releaseName = lazy(() => z.string().regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, "must be a release name (a-z, 0-9, dots and dashes, e.g. 1.26, 2025.2, carbon-4.4)"));
const port = lazy(() => z.number().int("must be a whole number").min(1, "must be at least 1").max(65535, "must be at most 65535"));

const destinationSchema = lazy(() => z.strictObject({
  /** Key users name to override this destination, e.g. `apple-apns`. */
  name: slug,
  description: z.string().min(1),
  cidrIpv4: z.array(z.string()).optional(),
  cidrIpv6: z.array(z.string()).optional(),
}));

/**
 * Pseudo-roles a flow may name beside a deployment's own roles: `clients` are the public audience's
 * peers (whoever uses the service), `operators` the admin audience's (people and their tools).
 */
export const FLOW_AUDIENCE_ROLES = ["clients", "operators"] as const;

/**
 * Who opens connections to an entry's port, for some releases: the initiating side of a flow.
 * An entry with no flow for a release is unknown there, and the planner falls back to its audiences.
 */
const flowSchema = lazy(() => z.strictObject({
  /**
   * The roles that connect: the deployment's own roles (`controller`, `compute`, ...) and/or
   * `clients`/`operators`. An entry's own role here means its machines talk to each other
   * (clusters, replication). `unknown` says the sources were read and do not say.
   */
  from: z.union([z.array(slug).min(1, "needs at least one role (or \"unknown\")"), z.literal("unknown")], {
    error: (iss) => `must be a list of role names (lowercase slugs) or "unknown", got ${JSON.stringify(iss.input) ?? String(iss.input)}`,
  }),
  /** The entry roles (where the port listens) this flow reaches; omitted means all of the entry's roles. */
  to: z.array(slug).min(1, "needs at least one role (leave the field out to mean all of the entry's roles)").optional(),
  /** The entry releases it holds for; omitted means every release the entry holds for. */
  releases: z.array(releaseName).min(1, "needs at least one release (leave the field out to mean all of the entry's releases)").optional(),
  /** The primary source: a document (URL or repository path at a version) and its section. */
  source: z.strictObject({ document: z.string().min(1), section: z.string().min(1) }),
  notes: z.array(z.string().min(1)).optional(),
}));
export type Flow = Z.infer<typeof flowSchema>;

export const entrySchema = lazy(() => z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+\/[a-z0-9-]+$/, "must be <catalog>/<variant>/<slug>"),
    catalog: z.string().regex(/^[a-z0-9-]+$/, "must be a lowercase slug"),
    variant: slug,
    service: z.string().min(1),
    roles: z.array(slug).optional(),
    rolesInferred: z.boolean().optional(),
    protocol: z.enum(PROTOCOLS),
    fromPort: port,
    toPort: port,
    direction: z.enum(DIRECTIONS),
    audiences: z.array(z.enum(AUDIENCES)).min(1, "needs at least one audience"),
    required: z.boolean(),
    feature: slug.optional(),
    offset: z.enum(OFFSET_BEHAVIOURS).optional(),
    /**
     * The product's own default port offset, already included in `fromPort`/`toPort` (WSO2 Micro
     * Integrator 4.x ships `[server] offset` 10, so its 8290 is 8280 + 10). A `portOffset` given for
     * the product replaces it: the port becomes `fromPort - defaultOffset + portOffset`.
     */
    defaultOffset: z.number().optional(),
    destination: destinationSchema.optional(),
    description: z.string().min(1),
    source: z.strictObject({ document: z.string().min(1), section: z.string().min(1) }),
    /**
     * The releases of its product this fact holds for. Every built-in entry names them; in a user
     * catalog it may be left out, meaning every release of its product.
     */
    releases: z.array(releaseName).min(1, "needs at least one release (leave the field out to mean every release)").optional(),
    notes: z.array(z.string().min(1)).optional(),
    /** Who connects to this port, per release (see `Flow`). */
    flows: z.array(flowSchema).optional(),
  })
  .superRefine((e, ctx) => {
    if (e.releases && new Set(e.releases).size !== e.releases.length) {
      ctx.addIssue({ code: "custom", path: ["releases"], message: `names a release twice: ${e.releases.join(", ")}` });
    }
    if (e.fromPort > e.toPort) {
      ctx.addIssue({ code: "custom", path: ["toPort"], message: `must be >= fromPort (${e.fromPort}), got ${e.toPort}` });
    }
    if (!e.required && !e.feature) {
      ctx.addIssue({ code: "custom", path: ["feature"], message: "an optional entry (required: false) needs the feature that switches it on" });
    }
    if (e.required && e.feature) {
      ctx.addIssue({ code: "custom", path: ["feature"], message: "a required entry cannot also name a feature" });
    }
    if (e.destination && e.direction !== "egress") {
      ctx.addIssue({ code: "custom", path: ["destination"], message: "only egress entries have a destination" });
    }
    if (e.defaultOffset !== undefined) {
      const max = e.fromPort - 1;
      if (e.offset !== "product") {
        ctx.addIssue({ code: "custom", path: ["defaultOffset"], message: `only an entry with offset "product" has a default offset; this one's offset is ${e.offset === undefined ? "unset" : `"${e.offset}"`}` });
      } else if (!Number.isInteger(e.defaultOffset) || e.defaultOffset < 0 || e.defaultOffset > max) {
        // The port less its default offset is the product's base port, which must stay a port.
        ctx.addIssue({ code: "custom", path: ["defaultOffset"], message: `${e.defaultOffset} is not valid: use a whole number from 0 to ${max} (fromPort ${e.fromPort} less the default offset must stay at least 1)` });
      }
    }
    const [cat, variant] = e.id.split("/");
    if (cat !== e.catalog || variant !== e.variant) {
      ctx.addIssue({ code: "custom", path: ["id"], message: `must start with "${e.catalog}/${e.variant}/"` });
    }
  }));

/** One fact of a source document: a port (or range) a service uses, who must reach it, and why. */
export type CatalogEntry = Z.infer<typeof entrySchema>;
export type Destination = Z.infer<typeof destinationSchema>;

/** A fact that cannot become a rule (e.g. WSO2's random ports), kept so plans can say so. */
export const catalogNoteSchema = lazy(() => z.strictObject({
  id: z.string().min(1),
  catalog: z.string().min(1),
  variant: slug,
  description: z.string().min(1),
  source: z.strictObject({ document: z.string().min(1), section: z.string().min(1) }),
}));
export type CatalogNote = Z.infer<typeof catalogNoteSchema>;

/** A built-in entry: it always names its releases. */
export type ReleasedEntry = CatalogEntry & { releases: string[] };

const productName = lazy(() => z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, "must be <catalog>/<variant>, e.g. wso2/common"));

/**
 * One release of one product, as the registry lists it. A product's releases are listed oldest
 * first; a selection without a release takes the last (newest) one.
 */
export const productReleaseSchema = lazy(() => z.strictObject({
  /** `catalog/variant`, e.g. `openstack/cloud`. */
  product: productName,
  name: releaseName,
  /** When it came out, `YYYY-MM` (or `YYYY-MM-DD`). */
  date: z.string().regex(/^\d{4}-\d{2}(?:-\d{2})?$/, "must be YYYY-MM or YYYY-MM-DD").optional(),
  source: z.strictObject({ document: z.string().min(1), section: z.string().min(1) }),
  /**
   * Other products whose ports this release brings along (WSO2 products bring `wso2/common`):
   * `catalog/variant@release` names the included release; a bare `catalog/variant` means its
   * release of the same name (or all of it, when that product declares no releases).
   */
  includes: z.array(z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+(?:@[a-z0-9]+(?:[.-][a-z0-9]+)*)?$/, "must be <catalog>/<variant> or <catalog>/<variant>@<release>")).optional(),
  notes: z.array(z.string().min(1)).optional(),
}));
export type ProductRelease = Z.infer<typeof productReleaseSchema>;

/** A catalog document as stored on disk (YAML or JSON) or built in. */
export const catalogFileSchema = lazy(() => z.strictObject({
  entries: z.array(z.unknown()),
  notes: z.array(z.unknown()).optional(),
  releases: z.array(z.unknown()).optional(),
}));

export interface Catalog {
  entries: CatalogEntry[];
  notes: CatalogNote[];
  /** The release registry: every product's releases, each product's oldest first. */
  releases: ProductRelease[];
}
