package io.tollgate.connect.grpc;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.tollgate.common.ports.PortsReport;
import jakarta.inject.Singleton;

/**
 * Adds the Spark Connect endpoint's bound port to the ports report (as {@code spark-connect}) once
 * the application has started; the endpoint is not a Micronaut server, so common's reporter does
 * not see it.
 */
@Singleton
@Requires(property = PortsReport.PROPERTY)
public class ConnectPortReporter implements ApplicationEventListener<StartupEvent> {
    private final PortsReport report;
    private final ConnectServer endpoint;

    public ConnectPortReporter(PortsReport report, ConnectServer endpoint) {
        this.report = report;
        this.endpoint = endpoint;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        report.put("spark-connect", endpoint.port());
    }
}
