/**
 * How a started service tells whoever launched it which ports it got: when
 * {@code tollgate.report-ports-to} names a file, every server that binds (HTTP, gRPC, Flight)
 * writes its actual port there (a service's own gRPC endpoints through {@link
 * io.tollgate.common.ports.ReportedEndpoint}), so that launchers (the test suite) can let servers
 * bind port 0 instead of guessing a free port that someone else may take first. Off by default; production
 * uses fixed ports. Knows Micronaut's server events; must not import any service's code or a
 * wire library's types.
 */
package io.tollgate.common.ports;
