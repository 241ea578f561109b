// Package info maps the Terraform OpenStack provider onto the tokens of @pulumi/openstack 3.x, for
// the resources portcatalog's live tier uses. The Pulumi OpenStack provider module is not served by
// the Go module proxy this project may use, so the live tier bridges the upstream provider itself.
package info

import (
	_ "embed"

	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge"
	shim "github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfshim"
	shimv2 "github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfshim/sdk-v2"
	"github.com/terraform-provider-openstack/terraform-provider-openstack/v3/openstack"
)

// Version is the @pulumi/openstack release whose SDK talks to this plugin.
const Version = "3.15.2"

// Metadata is what tfgen wrote beside the schema (empty while tfgen itself runs).
var Metadata []byte

// Provider returns the bridge's description of the provider.
func Provider() tfbridge.ProviderInfo {
	p := shimv2.NewProvider(openstack.Provider())
	resources := map[string]*tfbridge.ResourceInfo{
		"openstack_networking_secgroup_v2":      {Tok: "openstack:networking/secGroup:SecGroup"},
		"openstack_networking_secgroup_rule_v2": {Tok: "openstack:networking/secGroupRule:SecGroupRule"},
		"openstack_networking_quota_v2":         {Tok: "openstack:networking/quotaV2:QuotaV2"},
		"openstack_identity_project_v3":         {Tok: "openstack:identity/project:Project"},
	}
	// Everything else of the upstream provider is left out on purpose.
	var ignore []string
	p.ResourcesMap().Range(func(key string, _ shim.Resource) bool {
		if _, ok := resources[key]; !ok {
			ignore = append(ignore, key)
		}
		return true
	})
	p.DataSourcesMap().Range(func(key string, _ shim.Resource) bool {
		ignore = append(ignore, key)
		return true
	})
	prov := tfbridge.ProviderInfo{
		P:              p,
		IgnoreMappings: ignore,
		Name:           "openstack",
		Version:        Version,
		Description:    "OpenStack networking resources for portcatalog's live tests.",
		Publisher:      "portcatalog",
		License:        "Apache-2.0",
		GitHubOrg:      "terraform-provider-openstack",
		MetadataInfo:   tfbridge.NewProviderMetadata(Metadata),
		Resources:      resources,
		DataSources:    map[string]*tfbridge.DataSourceInfo{},
	}
	// As the published provider does: a resource's `name` defaults to its Pulumi name plus a random suffix.
	prov.SetAutonaming(255, "-")
	return prov
}
