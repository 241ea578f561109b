// The provider plugin: the bridged Terraform provider with the schema tfgen generated at build time.
package main

import (
	_ "embed"

	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge"

	"portcatalog.local/pulumi-resource-openstack/info"
)

//go:embed schema.json
var schema []byte

//go:embed bridge-metadata.json
var metadata []byte

func main() {
	info.Metadata = metadata
	tfbridge.Main("openstack", info.Version, info.Provider(), schema)
}
