// Command ferretdb runs FerretDB (the MongoDB wire protocol over SQLite) for the local
// production profile and the engine tests. FerretDB is embedded through its own package
// rather than installed, so the Go module proxy is all it needs.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	port := flag.Int("port", 27017, "TCP port on 127.0.0.1")
	dataDir := flag.String("data", "data", "directory of the SQLite files (created if missing)")
	verbose := flag.Bool("verbose", false, "log every connection and command, not only errors")
	flag.Parse()

	if err := run(*port, *dataDir, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb:", err)
		os.Exit(1)
	}
}

func run(port int, dataDir string, verbose bool) error {
	// FerretDB logs every command that answers an error (even "collection already exists")
	// in full at WARN, so only errors and panics are kept by default.
	level := slog.LevelError
	if verbose {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	dir, err := filepath.Abs(dataDir)
	if err != nil {
		return err
	}
	if err = os.MkdirAll(dir, 0o700); err != nil {
		return err
	}

	// The embedded package turns telemetry off by itself; loopback only, never a wider bind.
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: net.JoinHostPort("127.0.0.1", strconv.Itoa(port))},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + dir + "/", // a directory URI: one SQLite file per database
	})
	if err != nil {
		return err
	}

	// TERM (stop_engine) and INT end Run, which closes connections and the SQLite files.
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	go indexIDs(ctx, dir, logger)
	return f.Run(ctx)
}
