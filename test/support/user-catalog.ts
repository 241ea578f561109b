/** A well-formed user catalog entry; tests patch one field at a time. */
export const ACME_ENTRY = {
  id: "acme/web/https",
  catalog: "acme",
  variant: "web",
  service: "Web",
  protocol: "tcp",
  fromPort: 443,
  toPort: 443,
  direction: "ingress",
  audiences: ["public"],
  required: true,
  description: "HTTPS",
  source: { document: "acme.md", section: "Ports" },
};
