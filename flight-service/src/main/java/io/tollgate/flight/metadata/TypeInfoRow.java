package io.tollgate.flight.metadata;

import java.util.List;

/**
 * One data type the tenant's role may use, described as JDBC's {@code getTypeInfo} (and Flight
 * SQL's GetXdbcTypeInfo) describe types. Nullable components are unknown or not applicable.
 */
public record TypeInfoRow(String typeName, int dataType, Integer columnSize, String literalPrefix,
                          String literalSuffix, List<String> createParams, boolean caseSensitive,
                          Boolean unsigned, boolean fixedPrecisionScale, Integer minimumScale,
                          Integer maximumScale, Integer numPrecRadix) {
}
