package io.tollgate.connect.message;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.WireFormat;
import io.tollgate.connect.proto.Command;
import io.tollgate.connect.proto.Plan;
import io.tollgate.connect.proto.Relation;

import java.io.IOException;
import java.util.Locale;

/**
 * The kind of plan a request carries, for the audit trail: {@code root:sql}, {@code root:read},
 * {@code command:write_operation}, {@code command:sql_command}, {@code compressed_operation:relation}
 * (a compressed plan is not decompressed: only its declared type is read). Read from the plan's
 * bytes two levels deep, tag by tag, every other field skipped: a plan of any size or depth costs
 * a scan of its top two levels, and nothing of its text (SQL, literals, paths) is ever read.
 *
 * <p>Names come from the descriptors of the Spark protos generated in this module; a field they do
 * not know (a newer Spark's) shows as its number ({@code root:812}). Bytes that do not parse make
 * the kind {@value #UNKNOWN}: the call goes on as sent, and Spark answers it as it will. Repeated
 * occurrences of the plan are read as protobuf merges them (the last op type set wins), so a kind
 * cannot be disguised by sending a second plan.
 */
final class PlanKind {
    /** The request carries no plan, or the plan sets no operation. */
    static final String NONE = "none";
    /** The plan's bytes do not parse. */
    static final String UNKNOWN = "unknown";
    private static final Descriptor PLAN = Plan.getDescriptor();
    private static final String COMPRESSED_TYPE_PREFIX = "op_type_";

    private int op;
    private String type = NONE;
    private boolean garbled;

    /** Reads one occurrence of the request's plan field: {@code length} bytes of {@code bytes} from {@code offset}. */
    void read(byte[] bytes, int offset, int length) {
        if (garbled) {
            return;
        }
        try {
            CodedInputStream plan = CodedInputStream.newInstance(bytes, offset, length);
            for (int tag = plan.readTag(); tag != 0; tag = plan.readTag()) {
                if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    // Protobuf keeps a field of an unexpected wire type as unknown: it sets no operation.
                    if (!plan.skipField(tag)) {
                        throw new IOException("end group in a plan");
                    }
                    continue;
                }
                int field = WireFormat.getTagFieldNumber(tag);
                int size = plan.readRawVarint32();
                int start = offset + plan.getTotalBytesRead();
                plan.skipRawBytes(size);
                if (field != op) {
                    op = field; // another op type replaces the one before, as a oneof does
                    type = NONE;
                }
                if (PLAN.findFieldByNumber(field) != null) {
                    readOperation(bytes, start, size);
                }
            }
        } catch (IOException e) {
            garbled = true;
        }
    }

    /** The kind of the plan(s) read; {@value #NONE} when none was. */
    String kind() {
        if (garbled) {
            return UNKNOWN;
        }
        if (op == 0) {
            return NONE;
        }
        FieldDescriptor operation = PLAN.findFieldByNumber(op);
        return operation == null ? String.valueOf(op) : operation.getName() + ":" + type;
    }

    private void readOperation(byte[] bytes, int offset, int length) throws IOException {
        CodedInputStream input = CodedInputStream.newInstance(bytes, offset, length);
        for (int tag = input.readTag(); tag != 0; tag = input.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            int wireType = WireFormat.getTagWireType(tag);
            if (op == Plan.ROOT_FIELD_NUMBER && wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED
                    && field != Relation.COMMON_FIELD_NUMBER) {
                type = nameIn(Relation.getDescriptor(), field);
            } else if (op == Plan.COMMAND_FIELD_NUMBER && wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                type = nameIn(Command.getDescriptor(), field);
            } else if (op == Plan.COMPRESSED_OPERATION_FIELD_NUMBER && wireType == WireFormat.WIRETYPE_VARINT
                    && field == Plan.CompressedOperation.OP_TYPE_FIELD_NUMBER) {
                type = compressedType(input.readEnum());
                continue;
            }
            if (!input.skipField(tag)) {
                throw new IOException("end group in a plan");
            }
        }
    }

    private static String nameIn(Descriptor message, int field) {
        FieldDescriptor known = message.findFieldByNumber(field);
        return known == null ? String.valueOf(field) : known.getName();
    }

    private static String compressedType(int number) {
        EnumValueDescriptor value = Plan.CompressedOperation.OpType.getDescriptor().findValueByNumber(number);
        if (value == null) {
            return String.valueOf(number);
        }
        String name = value.getName().toLowerCase(Locale.ROOT);
        return name.startsWith(COMPRESSED_TYPE_PREFIX) ? name.substring(COMPRESSED_TYPE_PREFIX.length()) : name;
    }
}
