package io.tollgate.connect.message;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * One Spark Connect request as it came off the wire, read only at its top level: every request has
 * {@code session_id} as field 1 and {@code user_context} as field 2; some carry an operation id or
 * artifact bytes; an ExecutePlan's plan is looked into only as far as its kind ({@link PlanKind}). Every id it reads (session, operation, a clone's new session) must be a canonical
 * UUID, as Spark's protocol says: the gateway keeps session ids in its limits and writes ids to its
 * logs, so a longer or stranger one is refused before it is held anywhere (an empty
 * {@code new_session_id} is none, as Spark reads it). {@link #withUser} writes it back with the
 * client's user context (extensions included) replaced by the verified one, {@link #withNewSessionId}
 * with the clone's id the gateway chose; every other field is copied byte for byte.
 */
public final class SparkRequest {
    static final int SESSION_ID = 1;
    static final int USER_CONTEXT = 2;
    private static final int UUID_LENGTH = 36;

    private final byte[] bytes;
    private final SparkMethod method;
    private final String sessionId;
    private final String operationId;
    private final String newSessionId;
    private final long artifactBytes;
    private final String planKind;

    private SparkRequest(byte[] bytes, SparkMethod method, String sessionId, String operationId, String newSessionId,
                         long artifactBytes, String planKind) {
        this.bytes = bytes;
        this.method = method;
        this.sessionId = sessionId;
        this.operationId = operationId;
        this.newSessionId = newSessionId;
        this.artifactBytes = artifactBytes;
        this.planKind = planKind;
    }

    /**
     * Reads a request of {@code method}.
     *
     * @throws MalformedRequestException when the bytes are not a protobuf message, lack a session id,
     *                                   or carry an id that is not a canonical UUID
     */
    public static SparkRequest read(SparkMethod method, byte[] bytes) throws MalformedRequestException {
        CodedInputStream input = CodedInputStream.newInstance(bytes);
        String sessionId = "";
        String operationId = "";
        String newSessionId = "";
        long artifactBytes = 0;
        PlanKind plan = new PlanKind();
        try {
            for (int tag = input.readTag(); tag != 0; tag = input.readTag()) {
                int field = WireFormat.getTagFieldNumber(tag);
                boolean delimited = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
                if (field == SESSION_ID && delimited) {
                    sessionId = readUuid(input, "session_id");
                } else if (field == method.operationIdField() && delimited) {
                    operationId = readUuid(input, "operation_id");
                } else if (field == method.newSessionIdField() && delimited) {
                    // Empty means none, as Spark reads it (it then chooses an id itself).
                    int length = input.readRawVarint32();
                    newSessionId = length == 0 ? "" : readUuid(input, length, "new_session_id");
                } else if (delimited && method.artifactFields().contains(field)) {
                    int length = input.readRawVarint32();
                    input.skipRawBytes(length);
                    artifactBytes += length;
                } else if (field == method.planField() && delimited) {
                    int length = input.readRawVarint32();
                    int start = input.getTotalBytesRead();
                    input.skipRawBytes(length);
                    plan.read(bytes, start, length);
                } else if (!input.skipField(tag)) {
                    break;
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedRequestException("malformed Spark Connect request");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (sessionId.isEmpty()) {
            throw new MalformedRequestException("the request has no session_id");
        }
        if (newSessionId.equals(sessionId)) {
            throw new MalformedRequestException("new_session_id must differ from session_id");
        }
        return new SparkRequest(bytes, method, sessionId, operationId, newSessionId, artifactBytes,
                method.carriesPlan() ? plan.kind() : "");
    }

    /** A length-delimited field that must be a canonical UUID, checked by its length before it is read. */
    private static String readUuid(CodedInputStream input, String field) throws IOException, MalformedRequestException {
        return readUuid(input, input.readRawVarint32(), field);
    }

    /** The UUID of a field whose length was read already. */
    private static String readUuid(CodedInputStream input, int length, String field)
            throws IOException, MalformedRequestException {
        if (length != UUID_LENGTH) {
            throw new MalformedRequestException(field + " must be a UUID");
        }
        byte[] raw = input.readRawBytes(UUID_LENGTH);
        for (int i = 0; i < UUID_LENGTH; i++) {
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? raw[i] != '-' : Character.digit(raw[i], 16) < 0) {
                throw new MalformedRequestException(field + " must be a UUID");
            }
        }
        return new String(raw, StandardCharsets.US_ASCII);
    }

    public SparkMethod method() {
        return method;
    }

    public String sessionId() {
        return sessionId;
    }

    /** The operation the request names or runs; empty when none (see {@link #withUser}). */
    public String operationId() {
        return operationId;
    }

    /** The id of the session a CloneSession creates; empty when the request names none. */
    public String newSessionId() {
        return newSessionId;
    }

    /**
     * The kind of plan the request runs, for the audit trail (e.g. {@code root:sql},
     * {@code command:write_operation}; {@code unknown} when its bytes do not parse, which does not
     * refuse the request); empty for a method that carries no plan ({@link SparkMethod#carriesPlan}).
     */
    public String planKind() {
        return planKind;
    }

    /** Bytes of artifact payload this request uploads (AddArtifacts). */
    public long artifactBytes() {
        return artifactBytes;
    }

    /**
     * This request with {@code userContext} (a serialized {@code UserContext}) in place of whatever
     * the client sent as field 2, and, for an ExecutePlan without one, a new operation id, so that
     * the gateway can interrupt it by id. {@link #operationId()} of the result is the id it carries.
     */
    public SparkRequest withUser(ByteString userContext) {
        String assigned = method.assignsOperationId() && operationId.isEmpty() ? UUID.randomUUID().toString() : "";
        int extra = CodedOutputStream.computeBytesSize(USER_CONTEXT, userContext)
                + (assigned.isEmpty() ? 0 : CodedOutputStream.computeStringSize(method.operationIdField(), assigned));
        byte[] out = new byte[bytes.length + extra];
        CodedOutputStream output = CodedOutputStream.newInstance(out);
        try {
            copyAllBut(USER_CONTEXT, output);
            output.writeBytes(USER_CONTEXT, userContext);
            if (!assigned.isEmpty()) {
                output.writeString(method.operationIdField(), assigned);
            }
        } catch (IOException e) {
            // The bytes were read once already by read(): they parse.
            throw new UncheckedIOException(e);
        }
        byte[] written = Arrays.copyOf(out, out.length - output.spaceLeft());
        return new SparkRequest(written, method, sessionId, assigned.isEmpty() ? operationId : assigned, newSessionId,
                artifactBytes, planKind);
    }

    /**
     * This CloneSession with {@code id} as its one {@code new_session_id}, whatever the client sent
     * there (the gateway chooses or checks the id, so that the clone is counted and lives where its
     * later calls will be routed).
     */
    public SparkRequest withNewSessionId(String id) {
        int field = method.newSessionIdField();
        if (field == 0) {
            throw new IllegalStateException(method.rpcName() + " creates no session");
        }
        byte[] out = new byte[bytes.length + CodedOutputStream.computeStringSize(field, id)];
        CodedOutputStream output = CodedOutputStream.newInstance(out);
        try {
            copyAllBut(field, output);
            output.writeString(field, id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SparkRequest(Arrays.copyOf(out, out.length - output.spaceLeft()), method, sessionId, operationId, id,
                artifactBytes, planKind);
    }

    /** Copies every top-level field of this request but {@code field}, byte for byte. */
    private void copyAllBut(int field, CodedOutputStream output) throws IOException {
        CodedInputStream input = CodedInputStream.newInstance(bytes);
        int start = 0;
        for (int tag = input.readTag(); tag != 0; tag = input.readTag()) {
            input.skipField(tag);
            int end = input.getTotalBytesRead();
            if (WireFormat.getTagFieldNumber(tag) != field) {
                output.writeRawBytes(bytes, start, end - start);
            }
            start = end;
        }
    }

    /** The request's bytes, to send on. */
    public byte[] bytes() {
        return bytes;
    }
}
