// pulumi-language-nodejs for portcatalog's live tier: a Node.js language host written for this
// project. It serves Pulumi's LanguageRuntime gRPC service (generated in github.com/pulumi/pulumi/sdk/v3)
// and runs programs and plugins with the @pulumi/pulumi the program itself installed (its cmd/run,
// cmd/run-plugin and cmd/run-policy-pack scripts). What it does and does not do: docs/live.md.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// The version this host reports: the CLI's, since it speaks that CLI's protocol.
const hostVersion = "3.248.0"

func main() {
	cl := parseCommandLine(os.Args[1:])
	if cl.version {
		fmt.Println(hostVersion)
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	h := newHost(cl.engine)
	if cl.engine != "" {
		// Exit when the engine stops answering its health check (it died without closing us).
		if err := rpcutil.Healthcheck(ctx, cl.engine, 5*time.Second, stop); err != nil {
			fail("could not start the health check: %v", err)
		}
	}
	shutdown := make(chan bool)
	go func() {
		<-ctx.Done()
		h.cancelChildren()
		close(shutdown)
	}()
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: shutdown,
		Init: func(s *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(s, h)
			return nil
		},
	})
	if err != nil {
		fail("could not start the language host: %v", err)
	}
	// The engine reads the port from the first line of stdout, as from every plugin.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fail("the language host stopped: %v", err)
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: "+format+"\n", args...)
	os.Exit(1)
}
