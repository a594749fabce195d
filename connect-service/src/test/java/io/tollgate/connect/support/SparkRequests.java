package io.tollgate.connect.support;

import io.tollgate.connect.proto.ExecutePlanRequest;
import io.tollgate.connect.proto.Plan;
import io.tollgate.connect.proto.Relation;
import io.tollgate.connect.proto.SQL;
import io.tollgate.connect.proto.UserContext;

import java.util.UUID;

/** Requests as Spark's clients send them, with a claimed user that the gateway must not believe. */
public final class SparkRequests {
    public static final UserContext CLAIMED = UserContext.newBuilder().setUserId("root@other")
            .setUserName("root").addExtensions(com.google.protobuf.Any.pack(
                    com.google.protobuf.StringValue.of("claimed-extension"))).build();

    private SparkRequests() {
    }

    public static String newSession() {
        return UUID.randomUUID().toString();
    }

    /** An ExecutePlan of {@code select 1} whose client_type tells the backend double what to do. */
    public static ExecutePlanRequest execute(String sessionId, String command) {
        return ExecutePlanRequest.newBuilder().setSessionId(sessionId).setUserContext(CLAIMED)
                .setClientType(command)
                .setPlan(Plan.newBuilder().setRoot(Relation.newBuilder().setSql(SQL.newBuilder().setQuery("select 1"))))
                .build();
    }
}
