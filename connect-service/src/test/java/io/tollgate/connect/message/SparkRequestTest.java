package io.tollgate.connect.message;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import io.tollgate.connect.proto.AddArtifactsRequest;
import io.tollgate.connect.proto.CloneSessionRequest;
import io.tollgate.connect.proto.ConfigRequest;
import io.tollgate.connect.proto.ExecutePlanRequest;
import io.tollgate.connect.proto.Relation;
import io.tollgate.connect.proto.ReattachExecuteRequest;
import io.tollgate.connect.proto.Filter;
import io.tollgate.connect.proto.SQL;
import io.tollgate.connect.proto.SparkConnectServiceGrpc;
import io.tollgate.connect.proto.UserContext;
import io.grpc.MethodDescriptor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading the few fields the gateway needs, and rewriting the user, without touching the rest. */
class SparkRequestTest {
    private static final String S1 = "6f1c1f5e-8a43-4c1e-9d8e-0c6a1b2c3d4e";
    private static final String OP1 = "0b7e8f5a-1c2d-4e3f-8a9b-0c1d2e3f4a5b";
    private static final String S2 = "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a";
    private static final UserContext VERIFIED = UserContext.newBuilder().setUserId("alice@acme").setUserName("alice").build();
    private static final UserContext CLAIMED = UserContext.newBuilder().setUserId("root").setUserName("root")
            .addExtensions(com.google.protobuf.Any.pack(com.google.protobuf.StringValue.of("x"))).build();

    @Test
    void theUserIsReplacedAndEveryOtherFieldKeptAsSent() throws Exception {
        ExecutePlanRequest sent = ExecutePlanRequest.newBuilder().setSessionId(S1).setUserContext(CLAIMED)
                .setOperationId(OP1).setClientType("spark/4.1").addTags("t")
                .setPlan(io.tollgate.connect.proto.Plan.newBuilder().setRoot(Relation.newBuilder()
                        .setSql(SQL.newBuilder().setQuery("select 1"))))
                .build();

        SparkRequest read = SparkRequest.read(SparkMethod.EXECUTE_PLAN, sent.toByteArray());
        ExecutePlanRequest forwarded = ExecutePlanRequest.parseFrom(read.withUser(VERIFIED.toByteString()).bytes());

        assertEquals(S1, read.sessionId());
        assertEquals(OP1, read.operationId());
        assertEquals(sent.toBuilder().setUserContext(VERIFIED).build(), forwarded);
    }

    @Test
    void aUserContextSentTwiceIsDroppedBothTimes() throws Exception {
        byte[] twice = ByteString.copyFrom(ExecutePlanRequest.newBuilder().setSessionId(S1).setUserContext(CLAIMED).build()
                .toByteArray()).concat(ByteString.copyFrom(ExecutePlanRequest.newBuilder().setUserContext(
                        UserContext.newBuilder().setUserId("admin")).build().toByteArray())).toByteArray();

        ExecutePlanRequest forwarded = ExecutePlanRequest.parseFrom(
                SparkRequest.read(SparkMethod.EXECUTE_PLAN, twice).withUser(VERIFIED.toByteString()).bytes());

        assertEquals(VERIFIED, forwarded.getUserContext(), "a second field 2 is not merged into ours");
    }

    @Test
    void anExecutePlanWithoutAnOperationIdGetsOneOtherRequestsDoNot() throws Exception {
        SparkRequest execute = SparkRequest.read(SparkMethod.EXECUTE_PLAN,
                ExecutePlanRequest.newBuilder().setSessionId(S1).build().toByteArray()).withUser(VERIFIED.toByteString());
        assertEquals(ExecutePlanRequest.parseFrom(execute.bytes()).getOperationId(), execute.operationId());
        assertEquals(36, execute.operationId().length());

        SparkRequest reattach = SparkRequest.read(SparkMethod.REATTACH_EXECUTE,
                ReattachExecuteRequest.newBuilder().setSessionId(S1).setOperationId(OP1).build().toByteArray());
        assertEquals(OP1, reattach.withUser(VERIFIED.toByteString()).operationId());
    }

    @Test
    void artifactBytesAreCountedFromThePayload() throws Exception {
        AddArtifactsRequest chunk = AddArtifactsRequest.newBuilder().setSessionId(S1)
                .setChunk(AddArtifactsRequest.ArtifactChunk.newBuilder().setData(ByteString.copyFrom(new byte[1000])))
                .build();
        SparkRequest read = SparkRequest.read(SparkMethod.ADD_ARTIFACTS, chunk.toByteArray());
        assertEquals(chunk.getChunk().getSerializedSize(), read.artifactBytes());
    }

    @Test
    void aPlanDeeperThanProtobufsDefaultLimitPassesUnparsed() throws Exception {
        Relation relation = Relation.newBuilder().setSql(SQL.newBuilder().setQuery("select 1")).build();
        for (int i = 0; i < 300; i++) {
            relation = Relation.newBuilder().setFilter(Filter.newBuilder().setInput(relation)).build();
        }
        ExecutePlanRequest deep = ExecutePlanRequest.newBuilder().setSessionId(S1).setOperationId(OP1)
                .setPlan(io.tollgate.connect.proto.Plan.newBuilder().setRoot(relation)).build();

        byte[] forwarded = SparkRequest.read(SparkMethod.EXECUTE_PLAN, deep.toByteArray())
                .withUser(VERIFIED.toByteString()).bytes();

        CodedInputStream input = CodedInputStream.newInstance(forwarded);
        input.setRecursionLimit(10_000);
        assertEquals(deep.toBuilder().setUserContext(VERIFIED).build(), ExecutePlanRequest.parseFrom(input));
    }

    @Test
    void bytesThatAreNotAMessageOrLackASessionAreRefused() {
        assertThrows(MalformedRequestException.class,
                () -> SparkRequest.read(SparkMethod.CONFIG, new byte[]{(byte) 0x0a, (byte) 0xff}));
        MalformedRequestException noSession = assertThrows(MalformedRequestException.class,
                () -> SparkRequest.read(SparkMethod.CONFIG, new byte[0]));
        assertEquals("the request has no session_id", noSession.getMessage());
    }

    @Test
    void idsThatAreNotCanonicalUuidsAreRefusedBeforeTheyAreRead() {
        MalformedRequestException huge = assertThrows(MalformedRequestException.class, () -> SparkRequest.read(
                SparkMethod.CONFIG, ConfigRequest.newBuilder().setSessionId("x".repeat(10 << 20)).build().toByteArray()));
        assertEquals("session_id must be a UUID", huge.getMessage());
        MalformedRequestException forged = assertThrows(MalformedRequestException.class, () -> SparkRequest.read(
                SparkMethod.REATTACH_EXECUTE, ReattachExecuteRequest.newBuilder().setSessionId(S1)
                        .setOperationId(OP1.substring(0, 35) + "\n").build().toByteArray()));
        assertEquals("operation_id must be a UUID", forged.getMessage());
        assertThrows(MalformedRequestException.class, () -> SparkRequest.read(SparkMethod.CLONE_SESSION,
                CloneSessionRequest.newBuilder().setSessionId(S1).setNewSessionId("clone-1").build().toByteArray()));
        assertThrows(MalformedRequestException.class, () -> SparkRequest.read(SparkMethod.CONFIG,
                ConfigRequest.newBuilder().setSessionId(S1.replace('-', 'x')).build().toByteArray()));
    }

    @Test
    void aClonesNewSessionIdIsRead() throws Exception {
        SparkRequest clone = SparkRequest.read(SparkMethod.CLONE_SESSION,
                CloneSessionRequest.newBuilder().setSessionId(S1).setNewSessionId(OP1).build().toByteArray());
        assertEquals(OP1, clone.newSessionId());
    }

    @Test
    void anEmptyNewSessionIdIsNoneAndTheIdTheGatewayGivesIsTheOnlyOneSentOn() throws Exception {
        CloneSessionRequest unnamed = CloneSessionRequest.newBuilder().setSessionId(S1).setClientType("spark/4.1")
                .setNewSessionId("").build();
        assertEquals("", SparkRequest.read(SparkMethod.CLONE_SESSION, unnamed.toByteArray()).newSessionId());

        byte[] twice = ByteString.copyFrom(CloneSessionRequest.newBuilder().setNewSessionId(OP1).build()
                .toByteArray()).concat(ByteString.copyFrom(unnamed.toByteArray())).toByteArray();
        SparkRequest read = SparkRequest.read(SparkMethod.CLONE_SESSION, twice);
        assertEquals("", read.newSessionId(), "the last one counts, as protobuf (and Spark) read it");

        SparkRequest chosen = read.withNewSessionId(S2);
        CloneSessionRequest expected = unnamed.toBuilder().setNewSessionId(S2).build();
        assertEquals(S2, chosen.newSessionId());
        assertEquals(expected, CloneSessionRequest.parseFrom(chosen.bytes()));
        assertEquals(expected.getSerializedSize(), chosen.bytes().length, "no other new_session_id is left in it");
    }

    @Test
    void aCloneUnderItsSourcesOwnIdIsRefused() {
        MalformedRequestException same = assertThrows(MalformedRequestException.class, () -> SparkRequest.read(
                SparkMethod.CLONE_SESSION, CloneSessionRequest.newBuilder().setSessionId(S1).setNewSessionId(S1).build()
                        .toByteArray()));
        assertEquals("new_session_id must differ from session_id", same.getMessage());
    }

    @Test
    void everyRpcOfSparksServiceIsKnownToTheGateway() {
        for (MethodDescriptor<?, ?> method : SparkConnectServiceGrpc.getServiceDescriptor().getMethods()) {
            assertTrue(SparkMethod.of(method.getBareMethodName()).isPresent(), method.getFullMethodName());
        }
        assertEquals(SparkMethod.values().length, SparkConnectServiceGrpc.getServiceDescriptor().getMethods().size());
    }
}
