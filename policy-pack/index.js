// portcatalog's CrossGuard policy pack, as Pulumi runs it:
//   pulumi preview --policy-pack node_modules/portcatalog/policy-pack
// Constructing a PolicyPack starts the policy server, so only this entry does; the policies
// themselves are `require("portcatalog/policy").POLICIES`, for packs of your own.
"use strict";
const { PolicyPack } = require("@pulumi/policy");
const { POLICIES, STACK_POLICIES } = require("../dist/policy/index.js");

new PolicyPack("portcatalog", { policies: [...POLICIES, ...STACK_POLICIES] });
