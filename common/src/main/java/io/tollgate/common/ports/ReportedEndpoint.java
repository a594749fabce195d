package io.tollgate.common.ports;

/**
 * A server of a service's own that is not a Micronaut server (e.g. the Flight SQL or Spark Connect
 * endpoint), whose bound port {@link EndpointPortsReporter} adds to the ports report once the
 * application has started. Implemented by the endpoint's bean.
 */
public interface ReportedEndpoint {

    /** The name the port is reported under, e.g. {@code flight}. */
    String portName();

    /** The port actually bound. */
    int port();
}
