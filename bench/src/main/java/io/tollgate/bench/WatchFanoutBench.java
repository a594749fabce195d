package io.tollgate.bench;

import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.proto.router.v1.WatchTenantsRequest;
import io.tollgate.proto.router.v1.WatchTenantsResponse;
import io.tollgate.testkit.suite.Suite;

import java.util.Arrays;
import java.util.List;

/**
 * WatchTenants fan-out (issue 4): 100 subscribers, 1,000 registry changes made one after another
 * through the admin API (suspend / resume of one tenant); for every change and subscriber, the time
 * from the start of the admin call to the subscriber holding that change. router-service may merge
 * several quick changes of one tenant into its latest state, so a change counts as delivered when
 * the subscriber receives any revision at or after it.
 */
final class WatchFanoutBench {
    private static final int SUBSCRIBERS = 100;
    private static final int CHANGES = 1_000;

    private WatchFanoutBench() {
    }

    /** What one subscriber received: revisions and arrival times, appended in order. */
    private static final class Arrivals {
        final long[] revisions = new long[CHANGES * 2 + 16];
        final long[] times = new long[CHANGES * 2 + 16];
        volatile int count;
        volatile long last;
    }

    static void run(Suite suite) throws Exception {
        Report.header("WatchTenants fan-out: " + SUBSCRIBERS + " subscribers, " + CHANGES + " changes (issue 4)");
        String admin = SuiteClients.login(suite, Suite.PLATFORM_ADMIN, suite.platformAdminPassword());
        long startRevision = SuiteClients.revision(SuiteClients.etag(suite, admin, "globex"));
        Arrivals[] arrivals = new Arrivals[SUBSCRIBERS];
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        ManagedChannel channel = SuiteClients.routerChannel(suite);
        try {
            RouterServiceGrpc.RouterServiceStub router = RouterServiceGrpc.newStub(channel);
            for (int s = 0; s < SUBSCRIBERS; s++) {
                Arrivals mine = arrivals[s] = new Arrivals();
                router.watchTenants(WatchTenantsRequest.newBuilder().setAfterRevision(startRevision).build(),
                        new StreamObserver<>() {
                            @Override
                            public void onNext(WatchTenantsResponse event) {
                                // Only record: latencies are computed once every change is made.
                                int i = mine.count;
                                if (i < mine.revisions.length) {
                                    mine.revisions[i] = event.getRevision();
                                    mine.times[i] = System.nanoTime();
                                    mine.count = i + 1;
                                }
                                mine.last = event.getRevision();
                            }

                            @Override
                            public void onError(Throwable t) {
                                if (!done.get()) {
                                    System.err.println("subscriber failed: " + t.getMessage());
                                }
                            }

                            @Override
                            public void onCompleted() {
                            }
                        });
            }
            Thread.sleep(1_000); // let every subscriber open its stream
            long[] changeRevision = new long[CHANGES];
            long[] changeStart = new long[CHANGES];
            long begin = System.nanoTime();
            for (int c = 0; c < CHANGES; c++) {
                changeStart[c] = System.nanoTime();
                changeRevision[c] = SuiteClients.tenantAction(suite, admin, "globex", c % 2 == 0 ? "suspend" : "resume");
            }
            long writing = System.nanoTime() - begin;
            long finalRevision = changeRevision[CHANGES - 1];
            long deadline = System.nanoTime() + 60_000_000_000L;
            for (Arrivals a : arrivals) {
                while (a.last < finalRevision) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("a subscriber did not reach the last revision");
                    }
                    Thread.sleep(10);
                }
            }
            // A change is delivered when the subscriber first holds a revision at or after it
            // (router-service may merge quick changes of one tenant into its latest state).
            long[] latencies = new long[SUBSCRIBERS * CHANGES];
            int n = 0;
            for (Arrivals a : arrivals) {
                int arrival = 0;
                for (int c = 0; c < CHANGES; c++) {
                    while (a.revisions[arrival] < changeRevision[c]) {
                        arrival++;
                    }
                    latencies[n++] = a.times[arrival] - changeStart[c];
                }
            }
            Arrays.sort(latencies);
            Report.row("changes written per second (admin API, sequential)", CHANGES / (writing / 1e9), "changes/s");
            Report.row("deliveries measured", n, "");
            for (double p : List.of(50.0, 90.0, 99.0, 100.0)) {
                int index = (int) Math.min(n - 1, Math.floor(p / 100 * n));
                Report.row("delivery latency p" + (int) p + " (admin call start -> subscriber)", latencies[index] / 1e6, "ms");
            }
        } finally {
            // An even number of changes leaves the tenant active again.
            done.set(true);
            channel.shutdownNow();
        }
    }
}
