// One identity for one resource. The clouds' ids are compared without regard to case: Azure resource ids
// and names are case-insensitive ("Always perform a case-insensitive comparison of names",
// https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules), a UUID (Neutron's
// ids) is case-insensitive on input and the same UUID with or without its dashes or braces (RFC 9562, section 4),
// and AWS ids are lower-case hex, so an upper-case spelling can only mean the same resource or none.
// Comparing this way errs towards "the same": a check that refuses one group under two roles refuses more,
// and nothing is adopted that the cloud would not also call the same resource.

const UUID = /^\{?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})\}?$/;

/** The key two spellings of one resource id share: lower case, a UUID in its dashed form. Not a display form. */
export function idKey(id: string): string {
  const lower = id.trim().toLowerCase();
  const m = UUID.exec(lower);
  return m ? m.slice(1).join("-") : lower;
}

/** Whether two ids name one resource (see {@link idKey}). */
export const sameId = (a: string, b: string): boolean => idKey(a) === idKey(b);
