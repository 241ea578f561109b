import type * as pulumi from "@pulumi/pulumi";
import type { PortcatalogComponent } from "../../components/index.js";

/** What an example program hands back: its components (for the offline plan) and its stack outputs. */
export interface ExampleResult {
  components: PortcatalogComponent[];
  outputs: Record<string, pulumi.Output<unknown>>;
}

export interface Example {
  /** One line for listings. */
  description: string;
  cloud: "aws" | "openstack";
  run(): ExampleResult;
}
