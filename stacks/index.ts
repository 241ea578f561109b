// The Pulumi program of the root Pulumi.yaml: the stack name picks the example.
import * as pulumi from "@pulumi/pulumi";
import { EXAMPLES } from "./examples/index.js";

const stack = pulumi.getStack();
const example = EXAMPLES[stack];
if (!example) {
  throw new Error(`no example for stack "${stack}": use one of ${Object.keys(EXAMPLES).join(", ")}`);
}
export = example.run().outputs;
