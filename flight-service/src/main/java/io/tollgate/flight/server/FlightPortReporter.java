package io.tollgate.flight.server;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.tollgate.common.ports.PortsReport;
import jakarta.inject.Singleton;

/**
 * Adds the Flight SQL endpoint's bound port to the ports report (as {@code flight}) once the
 * application has started; the endpoint itself is not a Micronaut server, so common's reporter
 * does not see it.
 */
@Singleton
@Requires(property = PortsReport.PROPERTY)
public class FlightPortReporter implements ApplicationEventListener<StartupEvent> {
    private final PortsReport report;
    private final FlightEndpointServer endpoint;

    public FlightPortReporter(PortsReport report, FlightEndpointServer endpoint) {
        this.report = report;
        this.endpoint = endpoint;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        report.put("flight", endpoint.port());
    }
}
