package io.tollgate.auth.api.grpc;

import com.google.rpc.Code;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.service.auth.v3.AttributeContext;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.envoyproxy.envoy.service.auth.v3.DeniedHttpResponse;
import io.envoyproxy.envoy.service.auth.v3.OkHttpResponse;
import io.envoyproxy.envoy.type.v3.HttpStatus;
import io.envoyproxy.envoy.type.v3.StatusCode;
import io.tollgate.auth.service.extauthz.AuthzDecision;
import io.tollgate.auth.service.extauthz.AuthzRequest;

import java.util.HashMap;
import java.util.Map;

/** Envoy's CheckRequest to our request, our decision to Envoy's CheckResponse. */
final class ExtAuthzProtoMapper {

    private ExtAuthzProtoMapper() {
    }

    static AuthzRequest toRequest(CheckRequest check) {
        AttributeContext attributes = check.getAttributes();
        AttributeContext.HttpRequest http = attributes.getRequest().getHttp();
        Map<String, String> headers = new HashMap<>(http.getHeadersMap());
        // Envoy sends header_map instead of headers when encode_raw_headers is set.
        for (HeaderValue header : http.getHeaderMap().getHeadersList()) {
            String value = header.getValue().isEmpty() ? header.getRawValue().toStringUtf8() : header.getValue();
            headers.merge(header.getKey(), value, (a, b) -> a + "," + b);
        }
        String address = attributes.getSource().getAddress().getSocketAddress().getAddress();
        return new AuthzRequest(headers, http.getMethod(), http.getHost(), http.getPath(),
                address.isEmpty() ? null : address, attributes.getContextExtensionsMap());
    }

    static CheckResponse toResponse(AuthzDecision decision) {
        if (decision instanceof AuthzDecision.Allow allow) {
            OkHttpResponse.Builder ok = OkHttpResponse.newBuilder();
            allow.headersToSet().forEach((name, value) -> ok.addHeaders(HeaderValueOption.newBuilder()
                    .setHeader(HeaderValue.newBuilder().setKey(name).setValue(value))
                    // Replaces every copy the client sent (Envoy's setCopy).
                    .setAppendAction(HeaderValueOption.HeaderAppendAction.OVERWRITE_IF_EXISTS_OR_ADD)));
            ok.addAllHeadersToRemove(allow.headersToRemove());
            return CheckResponse.newBuilder()
                    .setStatus(com.google.rpc.Status.newBuilder().setCode(Code.OK_VALUE))
                    .setOkResponse(ok)
                    .build();
        }
        AuthzDecision.Deny deny = (AuthzDecision.Deny) decision;
        DeniedHttpResponse.Builder denied = DeniedHttpResponse.newBuilder()
                .setStatus(HttpStatus.newBuilder().setCode(StatusCode.forNumber(deny.httpStatus())))
                .addHeaders(header("content-type", "application/json"))
                .addHeaders(header("cache-control", "no-store"))
                .setBody("{\"error\":\"" + deny.error() + "\",\"error_description\":\"" + deny.description() + "\"}");
        deny.challenge().ifPresent(challenge -> denied.addHeaders(header("www-authenticate", challenge)));
        return CheckResponse.newBuilder()
                .setStatus(com.google.rpc.Status.newBuilder().setCode(code(deny)).setMessage(deny.description()))
                .setDeniedResponse(denied)
                .build();
    }

    private static int code(AuthzDecision.Deny deny) {
        return switch (deny.httpStatus()) {
            case 401 -> Code.UNAUTHENTICATED_VALUE;
            case 503 -> Code.UNAVAILABLE_VALUE;
            default -> Code.PERMISSION_DENIED_VALUE;
        };
    }

    private static HeaderValueOption header(String name, String value) {
        return HeaderValueOption.newBuilder().setHeader(HeaderValue.newBuilder().setKey(name).setValue(value)).build();
    }
}
