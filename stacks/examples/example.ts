import type * as pulumi from "@pulumi/pulumi";

/** What an example program hands back: its components (for the offline plan) and its stack outputs. */
export interface ExampleResult {
  /** portcatalog components; `reportOf(component)` gives each one's plan. */
  components: pulumi.ComponentResource[];
  outputs: Record<string, pulumi.Output<unknown>>;
}

export interface Example {
  /** One line for listings. */
  description: string;
  cloud: "aws" | "openstack" | "azure" | "kubernetes";
  run(): ExampleResult;
}
