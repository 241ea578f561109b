package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
)

// @pulumi/pulumi's cmd/run exits with 32 when it has already shown the user the error.
const exitAlreadyReported = 32

// host serves the LanguageRuntime methods the engine calls for Node.js programs and plugins; the
// others (code generation, packing, linking, about, …) answer Unimplemented.
type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	mu       sync.Mutex
	engine   string
	children map[*exec.Cmd]struct{} // running node processes, interrupted on Cancel
}

func newHost(engine string) *host {
	return &host{engine: engine, children: map[*exec.Cmd]struct{}{}}
}

func (h *host) engineAddress() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.engine
}

func (h *host) Handshake(_ context.Context, req *pulumirpc.LanguageHandshakeRequest) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.mu.Lock()
	h.engine = req.GetEngineAddress()
	h.mu.Unlock()
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: hostVersion}, nil
}

func (h *host) GetRequiredPackages(_ context.Context, req *pulumirpc.GetRequiredPackagesRequest) (*pulumirpc.GetRequiredPackagesResponse, error) {
	pkgs, warnings := requiredPackages(req.GetInfo().GetProgramDirectory())
	for _, w := range warnings {
		fmt.Fprintf(os.Stderr, "warning: %s\n", w)
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: pkgs}, nil
}

// GetRequiredPlugins is the older form of GetRequiredPackages, still called by older callers.
func (h *host) GetRequiredPlugins(ctx context.Context, req *pulumirpc.GetRequiredPluginsRequest) (*pulumirpc.GetRequiredPluginsResponse, error) {
	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = req.GetPwd()
	}
	pkgs, warnings := requiredPackages(dir)
	for _, w := range warnings {
		fmt.Fprintf(os.Stderr, "warning: %s\n", w)
	}
	var plugins []*pulumirpc.PluginDependency
	for _, p := range pkgs {
		plugins = append(plugins, &pulumirpc.PluginDependency{Name: p.Name, Kind: p.Kind, Version: p.Version, Server: p.Server})
	}
	return &pulumirpc.GetRequiredPluginsResponse{Plugins: plugins}, nil
}

// Run runs a program: node with @pulumi/pulumi's cmd/run, talking to the engine's monitor directly.
func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	opts, err := parseRuntimeOptions(req.GetInfo().GetOptions().AsMap())
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	sdk, err := findSDK(req.GetInfo().GetProgramDirectory())
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	config, err := configEnv(req)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	cmd := exec.Command("node", runArgs(opts, sdk+"/cmd/run", h.engineAddress(), req)...)
	cmd.Dir = req.GetPwd()
	cmd.Env = append(append(os.Environ(), config...), opts.env()...)
	// Through pipes, not our own stdout/stderr files: node may make the descriptors it is given non-blocking.
	cmd.Stdout, cmd.Stderr = struct{ io.Writer }{os.Stdout}, struct{ io.Writer }{os.Stderr}
	code, err := h.runChild(ctx, cmd)
	switch {
	case err != nil:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run node: %v", err)}, nil
	case code == exitAlreadyReported:
		return &pulumirpc.RunResponse{Bail: true}, nil
	case code != 0:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("the program exited with code %d", code)}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

// RunPlugin runs a plugin written in Node.js (a policy pack or a component provider) in its directory,
// streaming its output to the engine (which reads the plugin's port from it) and then its exit code.
func (h *host) RunPlugin(req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer) error {
	opts, err := parseRuntimeOptions(req.GetInfo().GetOptions().AsMap())
	if err != nil {
		return err
	}
	dir := req.GetInfo().GetProgramDirectory()
	sdk, err := findSDK(dir)
	if err != nil {
		return err
	}
	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(server, false)
	if err != nil {
		return err
	}
	defer closer.Close()
	cmd := exec.Command("node", pluginArgs(opts, sdk, req.GetKind(), dir, req.GetArgs())...)
	// A policy pack runs in its own directory (as Pulumi's own hosts always ran it); a provider where the engine runs.
	cmd.Dir = req.GetPwd()
	if req.GetKind() == "analyzer" || cmd.Dir == "" {
		cmd.Dir = dir
	}
	cmd.Env = append(append(os.Environ(), req.GetEnv()...), opts.env()...)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	code, err := h.runChild(server.Context(), cmd)
	if err != nil {
		return fmt.Errorf("could not run node for plugin %s: %w", req.GetName(), err)
	}
	if err := closer.Close(); err != nil {
		return err
	}
	return server.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: int32(code)}})
}

// InstallDependencies runs the package manager's install in the program's (or plugin's) directory,
// streaming its output; a directory without a package.json has nothing to install.
func (h *host) InstallDependencies(req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer) error {
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.GetIsTerminal())
	if err != nil {
		return err
	}
	defer closer.Close()
	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = req.GetDirectory()
	}
	if _, err := os.Stat(dir + "/package.json"); err != nil {
		fmt.Fprintf(stdout, "no package.json in %s: nothing to install\n", dir)
		return closer.Close()
	}
	opts, err := parseRuntimeOptions(req.GetInfo().GetOptions().AsMap())
	if err != nil {
		return err
	}
	command := installCommand(opts, dir)
	fmt.Fprintf(stdout, "installing dependencies in %s: %v\n", dir, command)
	cmd := exec.Command(command[0], command[1:]...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = stdout, stderr
	code, err := h.runChild(server.Context(), cmd)
	if err != nil {
		return fmt.Errorf("could not run %v: %w", command, err)
	}
	if code != 0 {
		return fmt.Errorf("%v in %s exited with code %d", command, dir, code)
	}
	return closer.Close()
}

// Cancel interrupts every node process this host runs: the engine is shutting down.
func (h *host) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	h.cancelChildren()
	return &emptypb.Empty{}, nil
}

// runChild runs cmd to its end and returns its exit code; the request ending or Cancel interrupts it
// (SIGINT, then SIGKILL after 5 s).
func (h *host) runChild(ctx context.Context, cmd *exec.Cmd) (int, error) {
	cmd.WaitDelay = 5 * time.Second // output still held open by a grandchild does not hold us
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	h.mu.Lock()
	h.children[cmd] = struct{}{}
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		delete(h.children, cmd)
		h.mu.Unlock()
	}()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var err error
	select {
	case err = <-done:
	case <-ctx.Done():
		interrupt(cmd)
		err = <-done
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode(), nil
	}
	return 0, err
}

func (h *host) cancelChildren() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for cmd := range h.children {
		interrupt(cmd)
	}
}

func interrupt(cmd *exec.Cmd) {
	p := cmd.Process
	_ = p.Signal(syscall.SIGINT)
	time.AfterFunc(5*time.Second, func() { _ = p.Kill() })
}
