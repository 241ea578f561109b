// `portcatalog/policy`: the CrossGuard policies, for packs of your own. Importing this never starts
// the policy server; the ready-made pack is the package's policy-pack/ directory.
export * from "./policies.js";
