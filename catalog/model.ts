import { z } from "zod";

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

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a lowercase slug (a-z, 0-9, dashes)");
const port = z.number().int("must be a whole number").min(1, "must be at least 1").max(65535, "must be at most 65535");

const destinationSchema = z.strictObject({
  /** Key users name to override this destination, e.g. `apple-apns`. */
  name: slug,
  description: z.string().min(1),
  cidrIpv4: z.array(z.string()).optional(),
  cidrIpv6: z.array(z.string()).optional(),
});

export const entrySchema = z
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
    destination: destinationSchema.optional(),
    description: z.string().min(1),
    source: z.strictObject({ document: z.string().min(1), section: z.string().min(1) }),
    notes: z.array(z.string().min(1)).optional(),
  })
  .superRefine((e, ctx) => {
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
    const [cat, variant] = e.id.split("/");
    if (cat !== e.catalog || variant !== e.variant) {
      ctx.addIssue({ code: "custom", path: ["id"], message: `must start with "${e.catalog}/${e.variant}/"` });
    }
  });

/** One fact of a source document: a port (or range) a service uses, who must reach it, and why. */
export type CatalogEntry = z.infer<typeof entrySchema>;
export type Destination = z.infer<typeof destinationSchema>;

/** A fact that cannot become a rule (e.g. WSO2's random ports), kept so plans can say so. */
export const catalogNoteSchema = z.strictObject({
  id: z.string().min(1),
  catalog: z.string().min(1),
  variant: slug,
  description: z.string().min(1),
  source: z.strictObject({ document: z.string().min(1), section: z.string().min(1) }),
});
export type CatalogNote = z.infer<typeof catalogNoteSchema>;

/** A catalog document as stored on disk (YAML or JSON) or built in. */
export const catalogFileSchema = z.strictObject({
  entries: z.array(z.unknown()),
  notes: z.array(z.unknown()).optional(),
});

export interface Catalog {
  entries: CatalogEntry[];
  notes: CatalogNote[];
}
