// Generates the provider's Pulumi schema and bridge metadata from the Terraform provider.
package main

import (
	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfgen"

	"portcatalog.local/pulumi-resource-openstack/info"
)

func main() { tfgen.Main("openstack", info.Version, info.Provider()) }
