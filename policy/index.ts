// The CrossGuard policy pack: `pulumi preview --policy-pack policy`. Constructing the pack starts its
// server, so tests exercise the policies from policies.ts instead.
import { PolicyPack } from "@pulumi/policy";
import { POLICIES } from "./policies.js";

new PolicyPack("portcatalog", { policies: POLICIES });
