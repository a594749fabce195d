package io.tollgate.flight.support;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Parameter rows of (int, text) as an Arrow root, the way a Flight SQL client binds them. */
public final class Parameters {
    private Parameters() {
    }

    public record Row(Integer id, String text) {
    }

    public static VectorSchemaRoot intAndText(BufferAllocator allocator, Row... rows) {
        List<Field> fields = new ArrayList<>();
        fields.add(Field.nullable("id", new ArrowType.Int(32, true)));
        fields.add(Field.nullable("text", ArrowType.Utf8.INSTANCE));
        VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator);
        IntVector ids = (IntVector) root.getVector(0);
        VarCharVector texts = (VarCharVector) root.getVector(1);
        root.allocateNew();
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].id() == null) {
                ids.setNull(i);
            } else {
                ids.setSafe(i, rows[i].id());
            }
            if (rows[i].text() == null) {
                texts.setNull(i);
            } else {
                texts.setSafe(i, rows[i].text().getBytes(StandardCharsets.UTF_8));
            }
        }
        root.setRowCount(rows.length);
        return root;
    }

    public static VectorSchemaRoot ints(BufferAllocator allocator, int... values) {
        VectorSchemaRoot root = VectorSchemaRoot.create(
                new Schema(List.of(Field.nullable("id", new ArrowType.Int(32, true)))), allocator);
        IntVector ids = (IntVector) root.getVector(0);
        root.allocateNew();
        for (int i = 0; i < values.length; i++) {
            ids.setSafe(i, values[i]);
        }
        root.setRowCount(values.length);
        return root;
    }
}
