package io.tollgate.flight.copy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;

/**
 * PostgreSQL's binary numeric: ndigits, weight, sign, dscale, then base-10000 digits. Decoded to
 * the unscaled value at a target scale, in a long when it fits (the common case) and a BigDecimal
 * otherwise.
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

    /** The value as a BigDecimal with exactly {@code scale} decimals (rounding half up beyond it). */
    static BigDecimal decode(ByteBuffer value, int scale) {
        int ndigits = value.getShort() & 0xFFFF;
        int weight = value.getShort();
        int sign = value.getShort() & 0xFFFF;
        value.getShort(); // dscale: the target scale decides
        if (sign == NAN) {
            throw new ArithmeticException("NaN does not fit a decimal column");
        }
        long unscaled = 0;
        boolean fits = ndigits <= 4;
        BigInteger big = null;
        for (int i = 0; i < ndigits; i++) {
            int digit = value.getShort();
            if (fits) {
                unscaled = unscaled * 10_000 + digit;
            } else {
                big = (big == null ? BigInteger.valueOf(unscaled) : big).multiply(BigInteger.valueOf(10_000))
                        .add(BigInteger.valueOf(digit));
            }
        }
        // The digits read stand for (digits) x 10000^(weight - ndigits + 1).
        int exponent = 4 * (weight - ndigits + 1);
        BigDecimal result = big == null ? BigDecimal.valueOf(unscaled, -exponent) : new BigDecimal(big, -exponent);
        if (sign == NEGATIVE) {
            result = result.negate();
        }
        return result.setScale(scale, java.math.RoundingMode.HALF_UP);
    }
}
