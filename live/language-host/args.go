package main

// The pure parts of the host, tested without an engine: the command line it is started with, the
// runtime options of Pulumi.yaml, and the node command lines and environments it builds.

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/google/shlex"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

type commandLine struct {
	engine  string // the engine's gRPC address, the last positional argument
	version bool
}

// Flags that take their value as the next argument (`--tracing ADDR`, as the CLI passes it).
var flagsWithValue = map[string]bool{"tracing": true, "runtime": true}

// parseCommandLine accepts whatever flags a caller passes: the CLI passes `[--logtostderr] [-v=N]
// [--tracing ADDR] ENGINE`, while older callers (pulumi-yaml starts this host itself) pass flags such
// as `-root=DIR -opt=k=v`. None of them changes what this host does, so unknown flags are ignored
// rather than refused; the engine's address is the last positional argument.
func parseCommandLine(args []string) commandLine {
	var cl commandLine
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") || a == "-" {
			cl.engine = a
			continue
		}
		name := strings.TrimLeft(a, "-")
		if name == "version" {
			cl.version = true
		}
		if !strings.Contains(name, "=") && flagsWithValue[name] && i+1 < len(args) {
			i++ // skip the flag's value
		}
	}
	return cl
}

// runtimeOptions are the `runtime.options` of Pulumi.yaml (or PulumiPlugin.yaml, PulumiPolicy.yaml)
// this host acts on.
type runtimeOptions struct {
	typescript     bool     // run .ts through the ts-node @pulumi/pulumi bundles (default true)
	tsconfig       string   // PULUMI_NODEJS_TSCONFIG_PATH
	nodeargs       []string // arguments for node before the script, e.g. `--import tsx`
	packagemanager string   // npm, yarn, pnpm or bun; "" = chosen from the lock file
}

var packageManagers = map[string]bool{"npm": true, "yarn": true, "pnpm": true, "bun": true}

// parseRuntimeOptions reads the options, refusing a value of the wrong type with the option's name.
// Options it does not know are ignored, as Pulumi ignores them.
func parseRuntimeOptions(options map[string]any) (runtimeOptions, error) {
	o := runtimeOptions{typescript: true}
	if v, ok := options["typescript"]; ok {
		b, isBool := v.(bool)
		if !isBool {
			return o, fmt.Errorf("runtime option typescript must be true or false, got %v", v)
		}
		o.typescript = b
	}
	if v, ok := options["tsconfig"]; ok {
		s, isString := v.(string)
		if !isString {
			return o, fmt.Errorf("runtime option tsconfig must be a path, got %v", v)
		}
		o.tsconfig = s
	}
	if v, ok := options["nodeargs"]; ok {
		s, isString := v.(string)
		if !isString {
			return o, fmt.Errorf("runtime option nodeargs must be a string of node arguments, got %v", v)
		}
		args, err := shlex.Split(s)
		if err != nil {
			return o, fmt.Errorf("runtime option nodeargs %q: %w", s, err)
		}
		o.nodeargs = args
	}
	if v, ok := options["packagemanager"]; ok {
		s, isString := v.(string)
		if !isString || (s != "auto" && !packageManagers[s]) {
			return o, fmt.Errorf("runtime option packagemanager must be one of auto, npm, yarn, pnpm, bun, got %v", v)
		}
		if s != "auto" {
			o.packagemanager = s
		}
	}
	return o, nil
}

// env is what the options add to the environment of node.
func (o runtimeOptions) env() []string {
	var env []string
	if o.typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if o.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+o.tsconfig)
	}
	return env
}

// runArgs is node's command line for a program: nodeargs, @pulumi/pulumi's cmd/run with the flags it
// reads (see its usage), the entry point, then the program's own arguments.
func runArgs(o runtimeOptions, runScript, engine string, req *pulumirpc.RunRequest) []string {
	args := append(append([]string{}, o.nodeargs...), runScript)
	flag := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name+"="+value)
		}
	}
	flag("monitor", req.GetMonitorAddress())
	flag("engine", engine)
	flag("organization", req.GetOrganization())
	flag("project", req.GetProject())
	flag("stack", req.GetStack())
	flag("root-directory", req.GetInfo().GetRootDirectory())
	flag("pwd", req.GetInfo().GetProgramDirectory())
	flag("parallel", strconv.Itoa(int(req.GetParallel())))
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	entry := req.GetInfo().GetEntryPoint()
	if entry == "" {
		entry = "."
	}
	args = append(args, entry)
	return append(args, req.GetArgs()...)
}

// configEnv is the stack's configuration as @pulumi/pulumi reads it: PULUMI_CONFIG, a JSON object of
// "<namespace>:<key>" to the value as text, and PULUMI_CONFIG_SECRET_KEYS, a JSON list of the secret keys.
func configEnv(req *pulumirpc.RunRequest) ([]string, error) {
	cfg := req.GetConfig()
	if cfg == nil {
		cfg = map[string]string{}
	}
	secrets := req.GetConfigSecretKeys()
	if secrets == nil {
		secrets = []string{}
	}
	c, err := json.Marshal(cfg)
	if err != nil {
		return nil, err
	}
	s, err := json.Marshal(secrets)
	if err != nil {
		return nil, err
	}
	return []string{"PULUMI_CONFIG=" + string(c), "PULUMI_CONFIG_SECRET_KEYS=" + string(s)}, nil
}

// pluginArgs is node's command line for a plugin in dir: a policy pack (kind analyzer) runs through
// cmd/run-policy-pack, whose arguments are the engine's then the pack's directory; any other plugin
// (a component provider) through cmd/run-plugin, with its directory first, then the engine's arguments.
func pluginArgs(o runtimeOptions, sdk, kind, dir string, engineArgs []string) []string {
	args := append([]string{}, o.nodeargs...)
	if kind == "analyzer" {
		args = append(args, filepath.Join(sdk, "cmd", "run-policy-pack"))
		args = append(args, engineArgs...)
		return append(args, dir)
	}
	args = append(args, filepath.Join(sdk, "cmd", "run-plugin"), dir)
	return append(args, engineArgs...)
}

// findSDK finds the @pulumi/pulumi a program in dir loads, the way Node resolves a package name: in
// node_modules of dir, then of each parent directory.
func findSDK(dir string) (string, error) {
	for d := dir; ; d = filepath.Dir(d) {
		candidate := filepath.Join(d, "node_modules", "@pulumi", "pulumi")
		if st, err := os.Stat(filepath.Join(candidate, "package.json")); err == nil && !st.IsDir() {
			return candidate, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("@pulumi/pulumi is not installed for %s (no node_modules/@pulumi/pulumi in it or a parent directory): run npm install there", dir)
		}
	}
}

// installCommand is the package manager's install command for dir: the one the options name, else
// the one whose lock file is there, else npm.
func installCommand(o runtimeOptions, dir string) []string {
	pm := o.packagemanager
	if pm == "" {
		pm = "npm"
		for _, lock := range []struct{ file, pm string }{
			{"yarn.lock", "yarn"}, {"pnpm-lock.yaml", "pnpm"}, {"bun.lock", "bun"}, {"bun.lockb", "bun"},
		} {
			if _, err := os.Stat(filepath.Join(dir, lock.file)); err == nil {
				pm = lock.pm
				break
			}
		}
	}
	return []string{pm, "install"}
}
