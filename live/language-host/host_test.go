package main

// What the host does without an engine: its command line, the runtime options, the node command lines
// and environments, the required packages of a dependency tree on disk, and Run/RunPlugin against a
// stand-in @pulumi/pulumi whose scripts report what they were given.

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/structpb"
)

func TestCommandLine(t *testing.T) {
	cases := []struct {
		args    []string
		engine  string
		version bool
	}{
		{[]string{"127.0.0.1:1234"}, "127.0.0.1:1234", false},
		// What the v3.248.0 CLI passes with logging and tracing on.
		{[]string{"--logtostderr", "-v=9", "--tracing", "127.0.0.1:6007", "127.0.0.1:1234"}, "127.0.0.1:1234", false},
		// What pulumi-yaml passes when it starts this host itself: flags this host never had.
		{[]string{"-root=/work/project", "-opt=typescript=false", "-opt=nodeargs=--import tsx", "127.0.0.1:99"}, "127.0.0.1:99", false},
		{[]string{"--tracing=127.0.0.1:6007", "127.0.0.1:5"}, "127.0.0.1:5", false},
		{[]string{"-version"}, "", true},
		{[]string{"--tracing", "127.0.0.1:6007"}, "", false},
		{nil, "", false},
	}
	for _, c := range cases {
		got := parseCommandLine(c.args)
		if got.engine != c.engine || got.version != c.version {
			t.Errorf("parseCommandLine(%q) = %+v, want engine %q version %v", c.args, got, c.engine, c.version)
		}
	}
}

func options(t *testing.T, m map[string]any) *structpb.Struct {
	s, err := structpb.NewStruct(m)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestRuntimeOptions(t *testing.T) {
	o, err := parseRuntimeOptions(nil)
	if err != nil || !o.typescript || o.nodeargs != nil || o.packagemanager != "" {
		t.Fatalf("defaults: %+v %v", o, err)
	}
	if got := o.env(); !reflect.DeepEqual(got, []string{"PULUMI_NODEJS_TYPESCRIPT=true"}) {
		t.Errorf("default env %q", got)
	}
	o, err = parseRuntimeOptions(map[string]any{"typescript": false, "nodeargs": `--import tsx --title "a b"`, "tsconfig": "tsconfig.build.json", "packagemanager": "pnpm", "unknown": 3})
	if err != nil {
		t.Fatal(err)
	}
	if o.typescript || !reflect.DeepEqual(o.nodeargs, []string{"--import", "tsx", "--title", "a b"}) || o.packagemanager != "pnpm" {
		t.Errorf("parsed %+v", o)
	}
	if got := o.env(); !reflect.DeepEqual(got, []string{"PULUMI_NODEJS_TSCONFIG_PATH=tsconfig.build.json"}) {
		t.Errorf("env %q", got)
	}
	if o, _ := parseRuntimeOptions(map[string]any{"packagemanager": "auto"}); o.packagemanager != "" {
		t.Errorf("auto chooses from the lock file, got %q", o.packagemanager)
	}
	for _, bad := range []map[string]any{
		{"typescript": "yes"}, {"nodeargs": []any{"--import"}}, {"nodeargs": `--title "open`},
		{"tsconfig": 1.0}, {"packagemanager": "pip"}, {"packagemanager": true},
	} {
		_, err := parseRuntimeOptions(bad)
		var name string
		for k := range bad {
			name = k
		}
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("parseRuntimeOptions(%v) = %v, want an error naming %s", bad, err, name)
		}
	}
}

func TestRunArgs(t *testing.T) {
	o, _ := parseRuntimeOptions(map[string]any{"nodeargs": "--import tsx"})
	req := &pulumirpc.RunRequest{
		MonitorAddress: "127.0.0.1:1", Organization: "organization", Project: "edge", Stack: "dev",
		DryRun: true, Parallel: 16, Args: []string{"extra"},
		Info: &pulumirpc.ProgramInfo{RootDirectory: "/p", ProgramDirectory: "/p/src", EntryPoint: "index.ts"},
	}
	want := []string{"--import", "tsx", "/sdk/cmd/run", "--monitor=127.0.0.1:1", "--engine=127.0.0.1:2",
		"--organization=organization", "--project=edge", "--stack=dev", "--root-directory=/p", "--pwd=/p/src",
		"--parallel=16", "--dry-run", "index.ts", "extra"}
	if got := runArgs(o, "/sdk/cmd/run", "127.0.0.1:2", req); !reflect.DeepEqual(got, want) {
		t.Errorf("runArgs\n got %q\nwant %q", got, want)
	}
	// An update (no --dry-run), no organization, the program directory itself as the entry point.
	req = &pulumirpc.RunRequest{MonitorAddress: "m", Project: "p", Stack: "s", Info: &pulumirpc.ProgramInfo{ProgramDirectory: "/p"}}
	want = []string{"/sdk/cmd/run", "--monitor=m", "--engine=e", "--project=p", "--stack=s", "--pwd=/p", "--parallel=0", "."}
	if got := runArgs(runtimeOptions{}, "/sdk/cmd/run", "e", req); !reflect.DeepEqual(got, want) {
		t.Errorf("runArgs\n got %q\nwant %q", got, want)
	}
}

func TestConfigEnv(t *testing.T) {
	env, err := configEnv(&pulumirpc.RunRequest{Config: map[string]string{"edge:cidr": "10.0.0.0/8", "openstack:region": "RegionOne"}, ConfigSecretKeys: []string{"edge:password"}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`PULUMI_CONFIG={"edge:cidr":"10.0.0.0/8","openstack:region":"RegionOne"}`, `PULUMI_CONFIG_SECRET_KEYS=["edge:password"]`}
	if !reflect.DeepEqual(env, want) {
		t.Errorf("configEnv = %q", env)
	}
	env, _ = configEnv(&pulumirpc.RunRequest{})
	if !reflect.DeepEqual(env, []string{"PULUMI_CONFIG={}", "PULUMI_CONFIG_SECRET_KEYS=[]"}) {
		t.Errorf("empty configEnv = %q", env)
	}
}

func TestPluginArgs(t *testing.T) {
	o := runtimeOptions{nodeargs: []string{"--import", "tsx"}}
	if got, want := pluginArgs(o, "/sdk", "analyzer", "/pack", []string{"127.0.0.1:9"}), []string{"--import", "tsx", "/sdk/cmd/run-policy-pack", "127.0.0.1:9", "/pack"}; !reflect.DeepEqual(got, want) {
		t.Errorf("analyzer: %q", got)
	}
	if got, want := pluginArgs(o, "/sdk", "resource", "/pkg", []string{"127.0.0.1:9"}), []string{"--import", "tsx", "/sdk/cmd/run-plugin", "/pkg", "127.0.0.1:9"}; !reflect.DeepEqual(got, want) {
		t.Errorf("resource: %q", got)
	}
}

// write writes files (path -> content) under dir.
func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, content := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestFindSDKAndInstallCommand(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"node_modules/@pulumi/pulumi/package.json": `{"name":"@pulumi/pulumi"}`, "a/b/x": ""})
	if got, err := findSDK(filepath.Join(dir, "a", "b")); err != nil || got != filepath.Join(dir, "node_modules", "@pulumi", "pulumi") {
		t.Errorf("findSDK from a nested directory = %q, %v", got, err)
	}
	if _, err := findSDK(t.TempDir()); err == nil || !strings.Contains(err.Error(), "@pulumi/pulumi is not installed") {
		t.Errorf("findSDK without one: %v", err)
	}
	if got := installCommand(runtimeOptions{}, dir); !reflect.DeepEqual(got, []string{"npm", "install"}) {
		t.Errorf("no lock file: %q", got)
	}
	write(t, dir, map[string]string{"yarn.lock": ""})
	if got := installCommand(runtimeOptions{}, dir); got[0] != "yarn" {
		t.Errorf("yarn.lock: %q", got)
	}
	if got := installCommand(runtimeOptions{packagemanager: "npm"}, dir); got[0] != "npm" {
		t.Errorf("the option wins over the lock file: %q", got)
	}
}

func names(pkgs []*pulumirpc.PackageDependency) []string {
	var out []string
	for _, p := range pkgs {
		out = append(out, p.Name+"@"+p.Version)
	}
	return out
}

func TestRequiredPackages(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"project/package.json": `{"name":"edge","dependencies":{"lib":"1"},"devDependencies":{"@pulumi/random":"4"}}`,
		// lib needs openstack (dependency), its own nested copy of a provider, and peers: aws required, azure optional.
		"project/node_modules/lib/package.json": `{"name":"lib","version":"1.0.0","dependencies":{"@pulumi/openstack":"3","nested":"1"},
			"peerDependencies":{"@pulumi/aws":"7","@pulumi/azure-native":"3"},"peerDependenciesMeta":{"@pulumi/azure-native":{"optional":true}}}`,
		"project/node_modules/lib/node_modules/nested/package.json": `{"name":"nested","version":"2.0.0","pulumi":{"resource":true,"name":"nested-plugin","version":"0.1.0","server":"https://example.invalid/plugins"}}`,
		"project/node_modules/@pulumi/openstack/package.json":       `{"name":"@pulumi/openstack","version":"v3.15.2","pulumi":{"resource":true,"name":"openstack"}}`,
		"project/node_modules/@pulumi/aws/package.json":             `{"name":"@pulumi/aws","version":"7.48.0","pulumi":{"resource":true}}`,
		// Installed, but only an optional peer of lib and nothing else's dependency: not required.
		"project/node_modules/@pulumi/azure-native/package.json": `{"name":"@pulumi/azure-native","version":"3.28.0","pulumi":{"resource":true,"name":"azure-native"}}`,
		// On disk, nobody's dependency (extraneous): not required.
		"project/node_modules/@pulumi/gcp/package.json": `{"name":"@pulumi/gcp","version":"8.0.0","pulumi":{"resource":true,"name":"gcp"}}`,
		// A dev dependency of the project is installed and counts; its parameterized plugin is passed on.
		"project/node_modules/@pulumi/random/package.json": `{"name":"@pulumi/random","version":"4.1.0","pulumi":{"resource":true,"name":"terraform-provider","version":"0.8.0",
			"parameterization":{"name":"random","version":"4.1.0","value":"eyJ4IjoxfQ=="}}}`,
		"project/src/index.ts": "",
	})
	pkgs, warnings := requiredPackages(filepath.Join(dir, "project", "src"))
	if len(warnings) != 0 {
		t.Errorf("warnings: %q", warnings)
	}
	want := []string{"aws@7.48.0", "nested-plugin@0.1.0", "openstack@3.15.2", "terraform-provider@0.8.0"}
	if got := names(pkgs); !reflect.DeepEqual(got, want) {
		t.Fatalf("required %q, want %q", got, want)
	}
	for _, p := range pkgs {
		if p.Kind != "resource" {
			t.Errorf("%s kind %q", p.Name, p.Kind)
		}
		switch p.Name {
		case "nested-plugin":
			if p.Server != "https://example.invalid/plugins" {
				t.Errorf("server %q", p.Server)
			}
		case "terraform-provider":
			if p.Parameterization == nil || p.Parameterization.Name != "random" || string(p.Parameterization.Value) != `{"x":1}` {
				t.Errorf("parameterization %v", p.Parameterization)
			}
		}
	}
}

func TestRequiredPackagesFollowsLinksAndWarns(t *testing.T) {
	dir := t.TempDir()
	// A package linked into the project (npm's file: dependency) finds its own dependencies where it really is.
	write(t, dir, map[string]string{
		"project/package.json":                               `{"name":"edge","dependencies":{"linked":"file:../linked","third":"1"}}`,
		"linked/package.json":                                `{"name":"linked","dependencies":{"@pulumi/openstack":"3"}}`,
		"linked/node_modules/@pulumi/openstack/package.json": `{"name":"@pulumi/openstack","version":"3.15.2","pulumi":{"resource":true}}`,
		"project/node_modules/third/package.json":            `{"name":"third","version":"1.0.0","pulumi":{"resource":true}}`,
	})
	if err := os.Symlink(filepath.Join(dir, "linked"), filepath.Join(dir, "project", "node_modules", "linked")); err != nil {
		t.Fatal(err)
	}
	pkgs, warnings := requiredPackages(filepath.Join(dir, "project"))
	if got := names(pkgs); !reflect.DeepEqual(got, []string{"openstack@3.15.2"}) {
		t.Errorf("required %q", got)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], `"third" has a resource plugin but no pulumi.name`) {
		t.Errorf("warnings %q", warnings)
	}
	if pkgs, warnings := requiredPackages(t.TempDir()); len(pkgs) != 0 || len(warnings) != 1 {
		t.Errorf("no package.json: %v %q", pkgs, warnings)
	}
}

// A stand-in @pulumi/pulumi: its cmd scripts write what they were given to report.json and exit with
// the code in EXIT_CODE.
const reporter = `const fs = require("fs");
fs.writeFileSync(process.env.REPORT, JSON.stringify({ argv: process.argv.slice(2), cwd: process.cwd(),
  config: process.env.PULUMI_CONFIG, typescript: process.env.PULUMI_NODEJS_TYPESCRIPT || "", title: process.title }));
console.log("4242");
process.exit(Number(process.env.EXIT_CODE || 0));
`

type report struct {
	Argv       []string
	Cwd        string
	Config     string
	Typescript string
	Title      string
}

func standIn(t *testing.T) (string, string) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"package.json": `{"name":"edge"}`,
		"node_modules/@pulumi/pulumi/package.json":                 `{"name":"@pulumi/pulumi","version":"3.248.0"}`,
		"node_modules/@pulumi/pulumi/cmd/run/index.js":             reporter,
		"node_modules/@pulumi/pulumi/cmd/run-plugin/index.js":      reporter,
		"node_modules/@pulumi/pulumi/cmd/run-policy-pack/index.js": reporter,
	})
	reportFile := filepath.Join(dir, "report.json")
	t.Setenv("REPORT", reportFile)
	return dir, reportFile
}

func readReport(t *testing.T, file string) report {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var r report
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestRunStartsCmdRun(t *testing.T) {
	dir, file := standIn(t)
	h := newHost("127.0.0.1:7")
	req := &pulumirpc.RunRequest{
		MonitorAddress: "127.0.0.1:8", Project: "edge", Stack: "dev", Pwd: dir, Config: map[string]string{"edge:x": "1"},
		Info: &pulumirpc.ProgramInfo{RootDirectory: dir, ProgramDirectory: dir, EntryPoint: ".", Options: options(t, map[string]any{"nodeargs": "--title=edge-program"})},
	}
	resp, err := h.Run(context.Background(), req)
	if err != nil || resp.Error != "" || resp.Bail {
		t.Fatalf("Run: %v %v", resp, err)
	}
	r := readReport(t, file)
	if r.Argv[0] != "--monitor=127.0.0.1:8" || r.Argv[1] != "--engine=127.0.0.1:7" || r.Argv[len(r.Argv)-1] != "." {
		t.Errorf("argv %q", r.Argv)
	}
	if r.Config != `{"edge:x":"1"}` || r.Typescript != "true" || r.Title != "edge-program" || r.Cwd != dir {
		t.Errorf("report %+v", r)
	}
	t.Setenv("EXIT_CODE", "32")
	if resp, _ := h.Run(context.Background(), req); !resp.Bail || resp.Error != "" {
		t.Errorf("exit 32 is reported already: %v", resp)
	}
	t.Setenv("EXIT_CODE", "3")
	if resp, _ := h.Run(context.Background(), req); resp.Bail || !strings.Contains(resp.Error, "exited with code 3") {
		t.Errorf("exit 3: %v", resp)
	}
}

// pluginStream collects what RunPlugin streams.
type pluginStream struct {
	grpc.ServerStream
	stdout, stderr string
	exit           *int32
}

func (s *pluginStream) Context() context.Context { return context.Background() }
func (s *pluginStream) Send(m *pulumirpc.RunPluginResponse) error {
	switch o := m.Output.(type) {
	case *pulumirpc.RunPluginResponse_Stdout:
		s.stdout += string(o.Stdout)
	case *pulumirpc.RunPluginResponse_Stderr:
		s.stderr += string(o.Stderr)
	case *pulumirpc.RunPluginResponse_Exitcode:
		s.exit = &o.Exitcode
	}
	return nil
}

func TestRunPluginStartsThePackOrProvider(t *testing.T) {
	dir, file := standIn(t)
	h := newHost("")
	for _, kind := range []string{"analyzer", "resource"} {
		t.Setenv("EXIT_CODE", map[string]string{"analyzer": "0", "resource": "5"}[kind])
		s := &pluginStream{}
		req := &pulumirpc.RunPluginRequest{Kind: kind, Pwd: os.TempDir(), Args: []string{"127.0.0.1:9"}, Env: []string{"EXTRA=1"},
			Info: &pulumirpc.ProgramInfo{ProgramDirectory: dir, RootDirectory: dir, EntryPoint: ".", Options: options(t, map[string]any{"typescript": false})}}
		if err := h.RunPlugin(req, s); err != nil {
			t.Fatal(err)
		}
		if s.stdout != "4242\n" || s.exit == nil {
			t.Fatalf("%s: stdout %q exit %v", kind, s.stdout, s.exit)
		}
		r := readReport(t, file)
		if r.Typescript != "" {
			t.Errorf("%s: typescript false still set PULUMI_NODEJS_TYPESCRIPT", kind)
		}
		if kind == "analyzer" && (!reflect.DeepEqual(r.Argv, []string{"127.0.0.1:9", dir}) || r.Cwd != dir || *s.exit != 0) {
			t.Errorf("analyzer: %+v exit %d", r, *s.exit)
		}
		if kind == "resource" && (!reflect.DeepEqual(r.Argv, []string{dir, "127.0.0.1:9"}) || r.Cwd != filepath.Clean(os.TempDir()) || *s.exit != 5) {
			t.Errorf("resource: %+v exit %d", r, *s.exit)
		}
	}
}
