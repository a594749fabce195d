package io.tollgate.connect.message;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.UnknownFieldSet;
import io.tollgate.connect.proto.Command;
import io.tollgate.connect.proto.ConfigRequest;
import io.tollgate.connect.proto.ExecutePlanRequest;
import io.tollgate.connect.proto.Plan;
import io.tollgate.connect.proto.Read;
import io.tollgate.connect.proto.Relation;
import io.tollgate.connect.proto.RelationCommon;
import io.tollgate.connect.proto.SQL;
import io.tollgate.connect.proto.SqlCommand;
import io.tollgate.connect.proto.UserContext;
import io.tollgate.connect.proto.WriteOperation;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The kind of an ExecutePlan's plan, read from real generated requests without parsing the plan. */
class PlanKindTest {
    private static final String SESSION = "6f1c1f5e-8a43-4c1e-9d8e-0c6a1b2c3d4e";
    private static final Relation SELECT = Relation.newBuilder()
            .setSql(SQL.newBuilder().setQuery("select secret_column from payroll where ssn = '123-45-6789'")).build();

    private static String kindOf(Plan plan) throws MalformedRequestException {
        return read(ExecutePlanRequest.newBuilder().setSessionId(SESSION).setPlan(plan).build().toByteArray()).planKind();
    }

    private static SparkRequest read(byte[] request) throws MalformedRequestException {
        return SparkRequest.read(SparkMethod.EXECUTE_PLAN, request);
    }

    @Test
    void aQueryARelationAndACommandAreNamedByTheirFields() throws Exception {
        assertEquals("root:sql", kindOf(Plan.newBuilder().setRoot(SELECT).build()));
        assertEquals("root:read", kindOf(Plan.newBuilder().setRoot(Relation.newBuilder()
                .setCommon(RelationCommon.newBuilder().setPlanId(7))
                .setRead(Read.newBuilder().setNamedTable(Read.NamedTable.newBuilder().setUnparsedIdentifier("t"))))
                .build()));
        assertEquals("command:write_operation", kindOf(Plan.newBuilder().setCommand(Command.newBuilder()
                .setWriteOperation(WriteOperation.newBuilder().setInput(SELECT).setSource("parquet").setPath("out")))
                .build()));
        assertEquals("command:sql_command", kindOf(Plan.newBuilder().setCommand(Command.newBuilder()
                .setSqlCommand(SqlCommand.newBuilder().setInput(SELECT))).build()));
        assertEquals("compressed_operation:relation", kindOf(Plan.newBuilder().setCompressedOperation(
                Plan.CompressedOperation.newBuilder().setOpType(Plan.CompressedOperation.OpType.OP_TYPE_RELATION)
                        .setData(ByteString.copyFromUtf8("not decompressed"))).build()));
    }

    @Test
    void aFieldTheseProtosDoNotKnowShowsAsItsNumber() throws Exception {
        UnknownFieldSet newRelation = UnknownFieldSet.newBuilder().addField(812, UnknownFieldSet.Field.newBuilder()
                .addLengthDelimited(ByteString.copyFromUtf8("x")).build()).build();
        assertEquals("root:812", kindOf(Plan.newBuilder().setRoot(Relation.newBuilder()
                .setCommon(RelationCommon.newBuilder().setPlanId(1)).setUnknownFields(newRelation)).build()));
        UnknownFieldSet newOperation = UnknownFieldSet.newBuilder().addField(9, UnknownFieldSet.Field.newBuilder()
                .addLengthDelimited(ByteString.copyFromUtf8("x")).build()).build();
        assertEquals("9", kindOf(Plan.newBuilder().setUnknownFields(newOperation).build()));
    }

    @Test
    void aTruncatedOrGarbledPlanIsUnknownAndTheRequestGoesOnAsSent() throws Exception {
        byte[] plan = Plan.newBuilder().setRoot(SELECT).build().toByteArray();
        for (byte[] broken : new byte[][]{Arrays.copyOf(plan, plan.length - 5), {0x0A, (byte) 0xFF, 0x01, 0x02}}) {
            byte[] sent = withPlanBytes(broken);

            SparkRequest request = read(sent);

            assertEquals(PlanKind.UNKNOWN, request.planKind());
            byte[] forwarded = request.withUser(UserContext.newBuilder().setUserId("alice@acme").build().toByteString())
                    .bytes();
            assertArrayEquals(broken, fieldThree(forwarded), "the plan goes on byte for byte");
        }
    }

    @Test
    void aSecondPlanIsReadAsProtobufMergesIt() throws Exception {
        byte[] query = ExecutePlanRequest.newBuilder().setSessionId(SESSION).setPlan(Plan.newBuilder().setRoot(SELECT))
                .build().toByteArray();
        byte[] write = ExecutePlanRequest.newBuilder().setPlan(Plan.newBuilder().setCommand(Command.newBuilder()
                .setWriteOperation(WriteOperation.newBuilder().setInput(SELECT).setPath("out")))).build().toByteArray();
        byte[] both = ByteString.copyFrom(query).concat(ByteString.copyFrom(write)).toByteArray();

        assertEquals(Plan.OpTypeCase.COMMAND, ExecutePlanRequest.parseFrom(both).getPlan().getOpTypeCase());
        assertEquals("command:write_operation", read(both).planKind());
    }

    @Test
    void aRequestWithoutAPlanHasNoneAndOtherMethodsHaveNoKind() throws Exception {
        assertEquals(PlanKind.NONE, read(ExecutePlanRequest.newBuilder().setSessionId(SESSION).build().toByteArray())
                .planKind());
        assertEquals("", SparkRequest.read(SparkMethod.CONFIG,
                ConfigRequest.newBuilder().setSessionId(SESSION).build().toByteArray()).planKind());
    }

    /** An ExecutePlan whose field 3 (the plan) is these bytes, whatever they are. */
    private static byte[] withPlanBytes(byte[] plan) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeString(1, SESSION);
        out.writeByteArray(3, plan);
        out.flush();
        return bytes.toByteArray();
    }

    private static byte[] fieldThree(byte[] request) throws IOException {
        return UnknownFieldSet.parseFrom(request).getField(3).getLengthDelimitedList().get(0).toByteArray();
    }
}
