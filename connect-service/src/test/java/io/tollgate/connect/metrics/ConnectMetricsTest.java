package io.tollgate.connect.metrics;

import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.tollgate.common.metrics.ScrapeListener;
import io.tollgate.connect.proto.ConfigRequest;
import io.tollgate.connect.proto.ExecutePlanResponse;
import io.tollgate.connect.proto.ReleaseSessionRequest;
import io.tollgate.connect.support.ConnectTokens;
import io.tollgate.connect.support.SharedNeighbours;
import io.tollgate.connect.support.SparkRequests;
import io.tollgate.testkit.await.Await;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's series, read as Prometheus reads them (a scrape of its metrics port) around real
 * Spark Connect calls: calls by RPC, status and verified tenant, message bytes each way, the
 * sessions a tenant holds; a refused caller counts under no tenant. Test classes share the gateway
 * and run one after another, so each assertion compares a series before and after its own calls.
 */
class ConnectMetricsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final SharedNeighbours shared = SharedNeighbours.get();
    private final String token = ConnectTokens.spark("alice", "acme");

    @Test
    void anExecutePlanCountsAsACallOfItsTenantWithItsBytesEachWay() throws Exception {
        String calls = "tollgate_connect_calls_seconds_count{method=\"ExecutePlan\",status=\"OK\",tenant=\"acme\"}";
        String received = "tollgate_connect_message_bytes_total{direction=\"received\",tenant=\"acme\"}";
        String sent = "tollgate_connect_message_bytes_total{direction=\"sent\",tenant=\"acme\"}";
        List<String> before = scrape();

        String session = SparkRequests.newSession();
        Iterator<ExecutePlanResponse> responses = shared.gateway.blocking("authorization", token)
                .executePlan(SparkRequests.execute(session, "rows:3"));
        List<ExecutePlanResponse> all = new ArrayList<>();
        responses.forEachRemaining(all::add);
        long sentBytes = all.stream().mapToLong(r -> r.getSerializedSize()).sum();
        long requestBytes = SparkRequests.execute(session, "rows:3").getSerializedSize();

        List<String> after = scrape();
        assertEquals(1, value(after, calls) - value(before, calls));
        assertEquals(sentBytes, value(after, sent) - value(before, sent), "the backend's responses, as sent");
        assertEquals(requestBytes, value(after, received) - value(before, received), "the client's request, as received");
    }

    @Test
    void aCallerRefusedBeforeItHasATenantCountsUnderNone() throws Exception {
        String refused = "tollgate_connect_calls_seconds_count{method=\"Config\",status=\"UNAUTHENTICATED\",tenant=\"_none\"}";
        List<String> before = scrape();

        assertThrows(StatusRuntimeException.class, () -> shared.gateway.blocking("authorization", "not-a-token")
                .config(ConfigRequest.newBuilder().setSessionId(SparkRequests.newSession()).build()));

        assertEquals(1, value(scrape(), refused) - value(before, refused));
    }

    @Test
    void aBackendErrorCountsUnderItsStatusAndTenant() throws Exception {
        String failed = "tollgate_connect_calls_seconds_count{method=\"ExecutePlan\",status=\"INTERNAL\",tenant=\"acme\"}";
        List<String> before = scrape();

        assertThrows(StatusRuntimeException.class, () -> shared.gateway.blocking("authorization", token)
                .executePlan(SparkRequests.execute(SparkRequests.newSession(), "fail")).forEachRemaining(r -> { }));

        assertEquals(1, value(scrape(), failed) - value(before, failed));
    }

    @Test
    void theSessionsGaugeFollowsASessionFromItsFirstCallToItsRelease() throws Exception {
        String sessions = "tollgate_connect_sessions{tenant=\"acme\"}";
        String session = SparkRequests.newSession();
        shared.gateway.blocking("authorization", token).config(ConfigRequest.newBuilder().setSessionId(session).build());
        double open = value(scrape(), sessions);

        shared.gateway.blocking("authorization", token).releaseSession(
                ReleaseSessionRequest.newBuilder().setSessionId(session).build());

        assertTrue(open >= 1, "the open session is counted");
        // The release's answer can reach the client just before its call lets go of the session.
        Await.until(() -> value(scrape(), sessions) == open - 1, Duration.ofSeconds(10),
                "the released session is no longer counted");
        assertFalse(scrape().stream().anyMatch(line -> line.contains("session=") || line.contains(session)),
                "no session id is ever a tag");
    }

    @Test
    void theOperationsGaugeCountsARunningOperationUntilItsClientCancels() {
        String operations = "tollgate_connect_operations{tenant=\"acme\"}";
        String cancelled = "tollgate_connect_calls_seconds_count{method=\"ExecutePlan\",status=\"CANCELLED\",tenant=\"acme\"}";
        List<String> before = scrape();
        Context.CancellableContext client = Context.current().withCancellation();
        client.run(() -> shared.gateway.async(token).executePlan(SparkRequests.execute(SparkRequests.newSession(), "hang"),
                new StreamObserver<>() {
                    @Override
                    public void onNext(ExecutePlanResponse response) {
                    }

                    @Override
                    public void onError(Throwable t) {
                    }

                    @Override
                    public void onCompleted() {
                    }
                }));
        Await.until(() -> value(scrape(), operations) == value(before, operations) + 1, Duration.ofSeconds(10),
                "the running operation is counted");

        client.cancel(null);

        Await.until(() -> value(scrape(), operations) == value(before, operations), Duration.ofSeconds(10),
                "the cancelled operation no longer is");
        assertEquals(1, value(scrape(), cancelled) - value(before, cancelled), "the call counts as cancelled");
    }

    private List<String> scrape() {
        try {
            return scrapeOnce();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<String> scrapeOnce() throws IOException, InterruptedException {
        int port = shared.gateway.bean(ScrapeListener.class).port();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body().lines().toList();
    }

    /** A series' value in a scrape; 0 when it has none yet (a counter not yet incremented). */
    private static double value(List<String> scrape, String series) {
        return scrape.stream().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .findFirst().orElse(0);
    }
}
