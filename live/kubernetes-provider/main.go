// Command pulumi-resource-kubernetes is the Pulumi Kubernetes provider, served from the public module
// github.com/pulumi/pulumi-kubernetes/provider/v4 (see go.mod). Upstream's own main embeds two JSON
// files its generate.go writes and the module does not ship; scripts/live/kube.sh writes them at build
// time into a copy of this directory with ./gen, from the schema.json and terraform-mapping.json the
// module does ship (cmd/pulumi-resource-kubernetes/), stamping the schema with the plugin's version.
package main

import (
	_ "embed"

	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/provider"
	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version"
)

//go:embed schema-embed.json
var schema []byte

//go:embed terraform-mapping-embed.json
var terraformMapping []byte

func main() {
	provider.Serve("kubernetes", version.Version, schema, terraformMapping)
}
