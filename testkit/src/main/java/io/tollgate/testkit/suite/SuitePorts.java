package io.tollgate.testkit.suite;

/**
 * The ports the suite's services listen on; {@link #ANY} lets a service's server bind whichever
 * port the kernel gives it, which the service then reports (see {@link ServiceProcess#port}).
 */
public record SuitePorts(int authHttp, int authGrpc, int routerHttp, int routerGrpc, int flightHttp, int flight,
                         int catalogHttp) {
    /** "Any free port", chosen by the kernel as the server binds: nothing can take it first. */
    public static final int ANY = 0;

    /** The documented defaults, used by {@code ./tollgate up}. */
    public static SuitePorts defaults() {
        return new SuitePorts(8081, 50051, 8082, 50052, 8083, 32010, 8181);
    }

    /** Every port left to the kernel, so that tests can run beside a running suite and each other. */
    public static SuitePorts any() {
        return new SuitePorts(ANY, ANY, ANY, ANY, ANY, ANY, ANY);
    }
}
