package io.tollgate.flight.copy;

import org.apache.arrow.vector.DecimalVector;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * PostgreSQL's binary numeric: ndigits, weight, sign, dscale, then base-10000 digits. Written into
 * a decimal vector at the vector's scale: as a long unscaled value when it fits (the common case,
 * no objects at all), through BigDecimal otherwise.
 */
final class PgNumeric {
    static final int NEGATIVE = 0x4000;
    static final int NAN = 0xC000;
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private PgNumeric() {
    }

    /** Writes the numeric at {@code offset} into {@code vector} at {@code row}, rounding half up to its scale. */
    static void write(DecimalVector vector, int row, byte[] data, int offset) {
        int ndigits = BigEndian.getShort(data, offset) & 0xFFFF;
        int weight = BigEndian.getShort(data, offset + 2);
        int sign = BigEndian.getShort(data, offset + 4) & 0xFFFF;
        if (sign == NAN) {
            throw new ArithmeticException("NaN does not fit a decimal column");
        }
        // The digits stand for (digits as an integer) x 10^exponent; the vector wants x 10^-scale.
        int shift = 4 * (weight - ndigits + 1) + vector.getScale();
        if (ndigits <= 4 && shift > -POWERS_OF_TEN.length && shift < POWERS_OF_TEN.length) {
            long digits = 0;
            for (int i = 0; i < ndigits; i++) {
                digits = digits * 10_000 + BigEndian.getShort(data, offset + 8 + 2 * i);
            }
            long unscaled = scaled(digits, shift);
            if (unscaled >= 0 && fitsPrecision(unscaled, vector.getPrecision())) {
                vector.setSafe(row, sign == NEGATIVE ? -unscaled : unscaled);
                return;
            }
        }
        vector.setSafe(row, decode(data, offset, vector.getScale()));
    }

    /** digits x 10^shift, rounded half up; -1 when it does not fit a long. */
    private static long scaled(long digits, int shift) {
        if (shift >= 0) {
            long power = POWERS_OF_TEN[shift];
            long high = Math.multiplyHigh(digits, power);
            long product = digits * power;
            return high == 0 && product >= 0 ? product : -1;
        }
        long power = POWERS_OF_TEN[-shift];
        long quotient = digits / power;
        return digits % power * 2 >= power ? quotient + 1 : quotient;
    }

    private static boolean fitsPrecision(long unscaled, int precision) {
        return precision >= POWERS_OF_TEN.length || unscaled < POWERS_OF_TEN[precision];
    }

    /** The value as a BigDecimal with exactly {@code scale} decimals (rounding half up beyond it). */
    static BigDecimal decode(byte[] data, int offset, int scale) {
        int ndigits = BigEndian.getShort(data, offset) & 0xFFFF;
        int weight = BigEndian.getShort(data, offset + 2);
        int sign = BigEndian.getShort(data, offset + 4) & 0xFFFF;
        if (sign == NAN) {
            throw new ArithmeticException("NaN does not fit a decimal column");
        }
        BigInteger digits = BigInteger.ZERO;
        BigInteger base = BigInteger.valueOf(10_000);
        for (int i = 0; i < ndigits; i++) {
            digits = digits.multiply(base).add(BigInteger.valueOf(BigEndian.getShort(data, offset + 8 + 2 * i)));
        }
        BigDecimal result = new BigDecimal(digits, -4 * (weight - ndigits + 1));
        if (sign == NEGATIVE) {
            result = result.negate();
        }
        return result.setScale(scale, RoundingMode.HALF_UP);
    }
}
