package io.tollgate.auth.service.extauthz;

import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.service.auth.v3.AttributeContext;
import io.envoyproxy.envoy.service.auth.v3.AuthorizationGrpc;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.grpc.ManagedChannel;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Envoy's side of ext_authz over gRPC, built from Envoy's published API stubs: a CheckRequest as
 * Envoy's ext_authz filter fills it in, and the upstream request Envoy would send once it applies
 * the answer (headers set first, then the removals, as Envoy's filter does).
 */
final class EnvoyCheck {
    static final String CLIENT_ADDRESS = "203.0.113.7";

    private final AuthorizationGrpc.AuthorizationBlockingStub stub;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, String> contextExtensions = new HashMap<>();
    private String method = "POST";
    private String path = "/v1/statement";

    private EnvoyCheck(ManagedChannel channel) {
        this.stub = AuthorizationGrpc.newBlockingStub(channel);
    }

    static EnvoyCheck on(ManagedChannel channel) {
        return new EnvoyCheck(channel);
    }

    EnvoyCheck bearer(String token) {
        return header("authorization", "Bearer " + token);
    }

    EnvoyCheck header(String name, String value) {
        headers.put(name.toLowerCase(Locale.ROOT), value);
        return this;
    }

    EnvoyCheck route(String key, String value) {
        contextExtensions.put(key, value);
        return this;
    }

    EnvoyCheck request(String method, String path) {
        this.method = method;
        this.path = path;
        return this;
    }

    CheckResponse check() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put(":authority", "trino.example");
        all.put(":method", method);
        all.put(":path", path);
        all.put(":scheme", "https");
        all.putAll(headers);
        CheckRequest request = CheckRequest.newBuilder().setAttributes(AttributeContext.newBuilder()
                .setSource(AttributeContext.Peer.newBuilder().setAddress(Address.newBuilder()
                        .setSocketAddress(SocketAddress.newBuilder().setAddress(CLIENT_ADDRESS).setPortValue(51234))))
                .setRequest(AttributeContext.Request.newBuilder().setHttp(AttributeContext.HttpRequest.newBuilder()
                        .setMethod(method).setHost("trino.example").setPath(path).setScheme("https")
                        .setProtocol("HTTP/1.1").putAllHeaders(all)))
                .putAllContextExtensions(contextExtensions))
                .build();
        return stub.withDeadlineAfter(30, TimeUnit.SECONDS).check(request);
    }

    /** The headers of the upstream request Envoy would send with this answer (none when denied). */
    Map<String, String> upstream(CheckResponse response) {
        Map<String, String> upstream = new LinkedHashMap<>(headers);
        for (HeaderValueOption option : response.getOkResponse().getHeadersList()) {
            upstream.put(option.getHeader().getKey().toLowerCase(Locale.ROOT), option.getHeader().getValue());
        }
        for (String removed : response.getOkResponse().getHeadersToRemoveList()) {
            upstream.remove(removed.toLowerCase(Locale.ROOT));
        }
        return upstream;
    }

    /** The upstream headers the answer sets. */
    static Map<String, String> set(CheckResponse response) {
        Map<String, String> set = new LinkedHashMap<>();
        response.getOkResponse().getHeadersList()
                .forEach(option -> set.put(option.getHeader().getKey(), option.getHeader().getValue()));
        return set;
    }

    static List<String> removed(CheckResponse response) {
        return response.getOkResponse().getHeadersToRemoveList();
    }

    static boolean allowed(CheckResponse response) {
        return response.getStatus().getCode() == com.google.rpc.Code.OK_VALUE && response.hasOkResponse()
                && !response.hasDeniedResponse();
    }

    /** The HTTP status Envoy would answer the client with, 0 when allowed. */
    static int deniedStatus(CheckResponse response) {
        return allowed(response) ? 0 : response.getDeniedResponse().getStatus().getCodeValue();
    }
}
