package io.tollgate.common.ports;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Reports the port of every {@link ReportedEndpoint} once the application has started: those
 * endpoints are not Micronaut servers, so {@link ServerPortsReporter} does not see them.
 */
@Singleton
@Requires(property = PortsReport.PROPERTY)
public class EndpointPortsReporter implements ApplicationEventListener<StartupEvent> {
    private final PortsReport report;
    private final List<ReportedEndpoint> endpoints;

    public EndpointPortsReporter(PortsReport report, List<ReportedEndpoint> endpoints) {
        this.report = report;
        this.endpoints = endpoints;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        endpoints.forEach(endpoint -> report.put(endpoint.portName(), endpoint.port()));
    }
}
