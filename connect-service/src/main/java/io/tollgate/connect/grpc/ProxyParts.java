package io.tollgate.connect.grpc;

import io.tollgate.connect.limits.CallLimits;
import io.tollgate.connect.routing.BackendChannels;
import io.tollgate.connect.session.CallGateway;
import io.tollgate.connect.session.OpenCalls;
import jakarta.inject.Singleton;

/** What every proxied call works with, injected once. */
@Singleton
record ProxyParts(CallGateway gateway, BackendChannels channels, BackendInterrupts interrupts, OpenCalls openCalls,
                  BackendHeaders headers, CallLimits limits) {
}
