package io.tollgate.router.api;

import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tollgate.router.BootstrapFiles;
import io.tollgate.router.RouterServiceTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

@MicronautTest
class HealthTest extends RouterServiceTest {
    @Inject
    @Client("/")
    HttpClient http;

    @Override
    protected String bootstrapJson() {
        return BootstrapFiles.minimalTenants("acme");
    }

    @Test
    void theStandardGrpcHealthServiceAnswersServing() {
        HealthCheckResponse response = HealthGrpc.newBlockingStub(channel())
                .check(HealthCheckRequest.getDefaultInstance());

        assertEquals(HealthCheckResponse.ServingStatus.SERVING, response.getStatus());
    }

    @Test
    void theHttpHealthEndpointSaysUp() {
        HttpResponse<Map<String, Object>> response = http.toBlocking()
                .exchange(HttpRequest.GET("/health"), Argument.mapOf(String.class, Object.class));

        assertEquals(HttpStatus.OK, response.getStatus());
        assertEquals("UP", response.body().get("status"));
    }
}
