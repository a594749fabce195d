package io.tollgate.bench;

import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Touches every value of a row or a batch, with the typed accessor a client would use, so that no
 * reader can win by not decoding. Returns a checksum so that nothing is optimised away.
 */
final class Values {
    private Values() {
    }

    static long touchRow(ResultSet rs) throws SQLException {
        long sum = rs.getLong(1) + rs.getInt(2) + (long) rs.getDouble(3);
        String t = rs.getString(4);
        sum += t == null ? 0 : t.length();
        java.sql.Timestamp ts = rs.getTimestamp(5);
        sum += ts == null ? 0 : ts.getTime();
        java.math.BigDecimal n = rs.getBigDecimal(6);
        sum += n == null ? 0 : n.scale();
        return sum + (rs.getBoolean(7) ? 1 : 0);
    }

    static long touchBatch(VectorSchemaRoot root) {
        long sum = 0;
        int rows = root.getRowCount();
        for (FieldVector vector : root.getFieldVectors()) {
            for (int r = 0; r < rows; r++) {
                if (vector.isNull(r)) {
                    continue;
                }
                if (vector instanceof BigIntVector v) {
                    sum += v.get(r);
                } else if (vector instanceof IntVector v) {
                    sum += v.get(r);
                } else if (vector instanceof Float8Vector v) {
                    sum += (long) v.get(r);
                } else if (vector instanceof VarCharVector v) {
                    sum += v.get(r).length;
                } else if (vector instanceof TimeStampVector v) {
                    sum += v.get(r);
                } else if (vector instanceof DecimalVector v) {
                    sum += v.getObject(r).scale();
                } else if (vector instanceof BitVector v) {
                    sum += v.get(r);
                } else {
                    Object value = vector.getObject(r);
                    sum += value == null ? 0 : value.hashCode();
                }
            }
        }
        return sum;
    }
}
