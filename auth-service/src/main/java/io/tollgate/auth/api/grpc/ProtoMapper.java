package io.tollgate.auth.api.grpc;

import com.google.protobuf.Timestamp;
import io.tollgate.auth.domain.IssuedToken;
import io.tollgate.auth.domain.Revocation;
import io.tollgate.auth.domain.RevocationTarget;
import io.tollgate.common.auth.Principal;
import io.tollgate.proto.auth.v1.AuthenticateResponse;
import io.tollgate.proto.auth.v1.ExchangeClientCredentialsResponse;
import io.tollgate.proto.auth.v1.IntrospectResponse;
import io.tollgate.proto.auth.v1.SubjectRef;

import java.time.Instant;

/** Domain types to and from the AuthService v1 wire types. */
final class ProtoMapper {
    private static final String TOKEN_TYPE = "Bearer";

    private ProtoMapper() {
    }

    static AuthenticateResponse toResponse(IssuedToken token) {
        return AuthenticateResponse.newBuilder()
                .setAccessToken(token.accessToken())
                .setTokenType(TOKEN_TYPE)
                .setExpiresInSeconds(token.expiresIn().toSeconds())
                .setPrincipal(toProto(token.principal()))
                .build();
    }

    static ExchangeClientCredentialsResponse toExchangeResponse(IssuedToken token) {
        return ExchangeClientCredentialsResponse.newBuilder()
                .setAccessToken(token.accessToken())
                .setTokenType(TOKEN_TYPE)
                .setExpiresInSeconds(token.expiresIn().toSeconds())
                .setPrincipal(toProto(token.principal()))
                .build();
    }

    static IntrospectResponse toIntrospectResponse(Principal principal) {
        return IntrospectResponse.newBuilder()
                .setActive(true)
                .setPrincipal(toProto(principal))
                .setTokenId(principal.tokenId())
                .setIssuedAt(toProto(principal.issuedAt()))
                .setExpiresAt(toProto(principal.expiresAt()))
                .build();
    }

    static io.tollgate.proto.auth.v1.Principal toProto(Principal principal) {
        return io.tollgate.proto.auth.v1.Principal.newBuilder()
                .setSubject(principal.subject())
                .setTenantId(principal.tenantId())
                .addAllRoles(principal.roles().stream().sorted().toList())
                .addAllScopes(principal.scopes().stream().sorted().toList())
                .build();
    }

    static io.tollgate.proto.auth.v1.Revocation toProto(Revocation revocation) {
        return io.tollgate.proto.auth.v1.Revocation.newBuilder()
                .setSequence(revocation.sequence())
                .setTarget(toProto(revocation.target()))
                .setRevokedAt(toProto(revocation.revokedAt()))
                .setExpiresAt(toProto(revocation.expiresAt()))
                .build();
    }

    static io.tollgate.proto.auth.v1.RevocationTarget toProto(RevocationTarget target) {
        var proto = io.tollgate.proto.auth.v1.RevocationTarget.newBuilder();
        if (target instanceof RevocationTarget.Token token) {
            proto.setTokenId(token.tokenId());
        } else if (target instanceof RevocationTarget.Subject subject) {
            proto.setSubject(SubjectRef.newBuilder().setTenantId(subject.tenantId()).setSubject(subject.subject()));
        } else if (target instanceof RevocationTarget.Tenant tenant) {
            proto.setTenantId(tenant.tenantId());
        }
        return proto.build();
    }

    /**
     * The domain target of a request's target.
     *
     * @throws IllegalArgumentException when it is empty or malformed
     */
    static RevocationTarget toDomain(io.tollgate.proto.auth.v1.RevocationTarget target) {
        return switch (target.getTargetCase()) {
            case TOKEN_ID -> new RevocationTarget.Token(target.getTokenId(), null);
            case SUBJECT -> new RevocationTarget.Subject(target.getSubject().getTenantId(),
                    target.getSubject().getSubject());
            case TENANT_ID -> new RevocationTarget.Tenant(target.getTenantId());
            case TARGET_NOT_SET -> throw new IllegalArgumentException("a revocation target is required");
        };
    }

    static Timestamp toProto(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
