package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// packageJSON is what the dependency walk reads of a package.json.
type packageJSON struct {
	Name                 string                             `json:"name"`
	Version              string                             `json:"version"`
	Dependencies         map[string]string                  `json:"dependencies"`
	DevDependencies      map[string]string                  `json:"devDependencies"`
	OptionalDependencies map[string]string                  `json:"optionalDependencies"`
	PeerDependencies     map[string]string                  `json:"peerDependencies"`
	PeerDependenciesMeta map[string]struct{ Optional bool } `json:"peerDependenciesMeta"`
	Pulumi               *plugin.PulumiPluginJSON           `json:"pulumi"`
}

func readPackageJSON(dir string) (*packageJSON, error) {
	b, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return nil, err
	}
	var p packageJSON
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "package.json"), err)
	}
	return &p, nil
}

// requiredPackages lists the Pulumi packages with a resource plugin in the program's dependency tree:
// starting from the package.json nearest the program directory (its dependencies, devDependencies and
// optionalDependencies: what npm installs for a project), then each installed package's dependencies,
// optionalDependencies and non-optional peerDependencies (what npm installs for a dependency), each
// name resolved as Node resolves it from the depending package's real directory. A package whose
// package.json has `"pulumi": {"resource": true}` needs the plugin named by `pulumi.name` (for an
// @pulumi/ package, the name after the scope), at `pulumi.version` or else the package's version, from
// `pulumi.server`, with its parameterization. Packages on disk that nothing depends on are not
// required, nor are optional peers nobody depends on for themselves, nor the dependencies of a policy
// pack shipped inside a package (a directory, not a dependency). Problems with single packages come
// back as warnings.
func requiredPackages(programDir string) ([]*pulumirpc.PackageDependency, []string) {
	var warnings []string
	root, err := nearestPackage(programDir)
	if err != nil {
		return nil, []string{err.Error()}
	}
	seen := map[string]bool{}
	found := map[string]*pulumirpc.PackageDependency{}
	var visit func(dir string, p *packageJSON, isRoot bool)
	visit = func(dir string, p *packageJSON, isRoot bool) {
		for _, name := range dependencyNames(p, isRoot) {
			depDir, ok := resolvePackage(dir, name)
			if !ok || seen[depDir] {
				continue // not installed (an optional one, or npm install not run), or already walked
			}
			seen[depDir] = true
			dep, err := readPackageJSON(depDir)
			if err != nil {
				warnings = append(warnings, err.Error())
				continue
			}
			if pkg, err := pluginOf(dep); err != nil {
				warnings = append(warnings, fmt.Sprintf("%s: %v", depDir, err))
			} else if pkg != nil {
				found[pkg.Name+"@"+pkg.Version] = pkg
			}
			visit(depDir, dep, false)
		}
	}
	visit(root.dir, root.json, true)
	keys := make([]string, 0, len(found))
	for k := range found {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	pkgs := make([]*pulumirpc.PackageDependency, 0, len(keys))
	for _, k := range keys {
		pkgs = append(pkgs, found[k])
	}
	return pkgs, warnings
}

type located struct {
	dir  string
	json *packageJSON
}

// nearestPackage is the package.json in dir or its nearest parent (the program's own package).
func nearestPackage(dir string) (located, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return located{}, err
	}
	for d := abs; ; d = filepath.Dir(d) {
		if p, err := readPackageJSON(d); err == nil {
			real, err := filepath.EvalSymlinks(d)
			if err != nil {
				return located{}, err
			}
			return located{real, p}, nil
		} else if !os.IsNotExist(err) {
			return located{}, err
		}
		if filepath.Dir(d) == d {
			return located{}, fmt.Errorf("no package.json in %s or a parent directory: no required packages", abs)
		}
	}
}

// dependencyNames are the names npm installs for a package: for the project itself its dependencies,
// devDependencies and optionalDependencies; for an installed package its dependencies,
// optionalDependencies and peerDependencies that are not marked optional.
func dependencyNames(p *packageJSON, isRoot bool) []string {
	set := map[string]bool{}
	for n := range p.Dependencies {
		set[n] = true
	}
	for n := range p.OptionalDependencies {
		set[n] = true
	}
	if isRoot {
		for n := range p.DevDependencies {
			set[n] = true
		}
	} else {
		for n := range p.PeerDependencies {
			if !p.PeerDependenciesMeta[n].Optional {
				set[n] = true
			}
		}
	}
	names := make([]string, 0, len(set))
	for n := range set {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// resolvePackage finds the directory of package name as Node resolves it from a package in dir:
// node_modules/<name> in dir, then in each parent directory. It returns the real path (Node resolves
// symlinks, so a linked package's own dependencies are found from where it really is).
func resolvePackage(dir, name string) (string, bool) {
	for d := dir; ; d = filepath.Dir(d) {
		candidate := filepath.Join(d, "node_modules", filepath.FromSlash(name))
		if _, err := os.Stat(filepath.Join(candidate, "package.json")); err == nil {
			real, err := filepath.EvalSymlinks(candidate)
			return real, err == nil
		}
		if filepath.Dir(d) == d {
			return "", false
		}
	}
}

// pluginOf is the package's resource plugin, or nil if it has none.
func pluginOf(p *packageJSON) (*pulumirpc.PackageDependency, error) {
	if p.Pulumi == nil || !p.Pulumi.Resource {
		return nil, nil
	}
	name := p.Pulumi.Name
	if name == "" {
		rest, scoped := strings.CutPrefix(p.Name, "@pulumi/")
		if !scoped || rest == "" {
			return nil, fmt.Errorf("package %q has a resource plugin but no pulumi.name (only @pulumi/ packages may leave it out)", p.Name)
		}
		name = rest
	}
	version := p.Pulumi.Version
	if version == "" {
		version = p.Version
	}
	if version == "" {
		return nil, fmt.Errorf("package %q has a resource plugin but no version", p.Name)
	}
	dep := &pulumirpc.PackageDependency{
		Name:    name,
		Kind:    "resource",
		Version: strings.TrimPrefix(version, "v"),
		Server:  p.Pulumi.Server,
	}
	if x := p.Pulumi.Parameterization; x != nil {
		dep.Parameterization = &pulumirpc.PackageParameterization{Name: x.Name, Version: x.Version, Value: x.Value}
	}
	if x := p.Pulumi.ExtensionParameterization; x != nil {
		dep.Extension = &pulumirpc.PackageParameterization{Name: x.Name, Version: x.Version, Value: x.Value}
	}
	return dep, nil
}
