package io.tollgate.bench;

import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.proto.router.v1.WatchTenantsRequest;
import io.tollgate.proto.router.v1.WatchTenantsResponse;
import io.tollgate.testkit.suite.Suite;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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

    static void run(Suite suite) throws Exception {
        Report.header("WatchTenants fan-out: " + SUBSCRIBERS + " subscribers, " + CHANGES + " changes (issue 4)");
        String admin = SuiteClients.login(suite, Suite.PLATFORM_ADMIN, suite.platformAdminPassword());
        long[] changeRevision = new long[CHANGES];
        long[] changeStart = new long[CHANGES];
        java.util.concurrent.atomic.AtomicInteger changesMade = new java.util.concurrent.atomic.AtomicInteger();
        long[] latencies = new long[SUBSCRIBERS * CHANGES];
        AtomicInteger recorded = new AtomicInteger();
        CountDownLatch allDelivered = new CountDownLatch(SUBSCRIBERS);
        long startRevision = SuiteClients.revision(SuiteClients.etag(suite, admin, "globex"));
        ManagedChannel channel = SuiteClients.channel(suite.ports().routerGrpc());
        try {
            RouterServiceGrpc.RouterServiceStub router = RouterServiceGrpc.newStub(channel);
            for (int s = 0; s < SUBSCRIBERS; s++) {
                router.watchTenants(WatchTenantsRequest.newBuilder().setAfterRevision(startRevision).build(),
                        new StreamObserver<>() {
                            private int next;

                            @Override
                            public void onNext(WatchTenantsResponse event) {
                                try {
                                    record(event);
                                } catch (RuntimeException e) {
                                    e.printStackTrace();
                                    throw e;
                                }
                            }

                            private void record(WatchTenantsResponse event) {
                                long received = System.nanoTime();
                                // Every change at or before this revision is now held by the subscriber;
                                // wait for the admin calls that made them to have reported their revisions.
                                while (next < CHANGES) {
                                    while (changesMade.get() <= next) {
                                        if (System.nanoTime() - received > 5_000_000_000L) {
                                            return;
                                        }
                                        Thread.onSpinWait();
                                    }
                                    if (changeRevision[next] > event.getRevision()) {
                                        break;
                                    }
                                    latencies[recorded.getAndIncrement()] = received - changeStart[next];
                                    next++;
                                }
                                if (next == CHANGES) {
                                    next++;
                                    allDelivered.countDown();
                                }
                            }

                            @Override
                            public void onError(Throwable t) {
                                if (allDelivered.getCount() > 0) {
                                    System.err.println("subscriber failed: " + t);
                                }
                            }

                            @Override
                            public void onCompleted() {
                            }
                        });
            }
            Thread.sleep(1_000); // let every subscriber open its stream
            long begin = System.nanoTime();
            for (int c = 0; c < CHANGES; c++) {
                changeStart[c] = System.nanoTime();
                changeRevision[c] = SuiteClients.tenantAction(suite, admin, "globex", c % 2 == 0 ? "suspend" : "resume");
                changesMade.incrementAndGet();
            }
            long writing = System.nanoTime() - begin;
            if (!allDelivered.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not every change reached every subscriber");
            }
            long[] sorted = Arrays.copyOf(latencies, recorded.get());
            Arrays.sort(sorted);
            Report.row("changes written per second (admin API, sequential)", CHANGES / (writing / 1e9), "changes/s");
            Report.row("deliveries measured", sorted.length, "");
            for (double p : List.of(50.0, 90.0, 99.0, 100.0)) {
                int index = (int) Math.min(sorted.length - 1, Math.floor(p / 100 * sorted.length));
                Report.row("delivery latency p" + (int) p + " (admin call start -> subscriber)", sorted[index] / 1e6, "ms");
            }
        } finally {
            // An even number of changes leaves the tenant active again.
            channel.shutdownNow();
        }
    }
}
