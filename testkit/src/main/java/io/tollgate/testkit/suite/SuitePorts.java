package io.tollgate.testkit.suite;

import static io.tollgate.testkit.net.FreePorts.freePort;

/** The ports the suite's services listen on. */
public record SuitePorts(int authHttp, int authGrpc, int routerHttp, int routerGrpc, int flightHttp, int flight,
                         int catalogHttp) {

    /** The documented defaults, used by {@code ./tollgate up}. */
    public static SuitePorts defaults() {
        return new SuitePorts(8081, 50051, 8082, 50052, 8083, 32010, 8181);
    }

    /** Free ports, so that tests can run beside a running suite. */
    public static SuitePorts free() {
        return new SuitePorts(freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort());
    }
}
