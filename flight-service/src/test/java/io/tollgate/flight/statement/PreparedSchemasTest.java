package io.tollgate.flight.statement;

import com.google.protobuf.ByteString;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreparedSchemasTest {
    private final PreparedSchemas schemas = new PreparedSchemas();
    private final Schema orders = new Schema(List.of(Field.nullable("id", new ArrowType.Int(64, true))));

    private static ByteString bytes(String text) {
        return ByteString.copyFrom(text, StandardCharsets.UTF_8);
    }

    @Test
    void aSchemaIsFoundByItsDigestForTheTenantThatPreparedIt() {
        byte[] digest = schemas.remember("acme", orders, bytes("orders"));
        assertEquals(32, digest.length);
        assertEquals(Optional.of(orders), schemas.find("acme", digest));
    }

    @Test
    void anotherTenantOrAnUnknownDigestFindsNothing() {
        byte[] digest = schemas.remember("acme", orders, bytes("orders"));
        assertTrue(schemas.find("globex", digest).isEmpty(), "digests are kept per tenant");
        byte[] other = digest.clone();
        other[0] ^= 1;
        assertTrue(schemas.find("acme", other).isEmpty());
        assertTrue(schemas.find("acme", new byte[0]).isEmpty());
    }

    @Test
    void theDigestFollowsTheSerializedSchema() {
        assertEquals(ByteString.copyFrom(schemas.remember("acme", orders, bytes("a"))),
                ByteString.copyFrom(schemas.remember("acme", orders, bytes("a"))));
        assertNotEquals(ByteString.copyFrom(schemas.remember("acme", orders, bytes("a"))),
                ByteString.copyFrom(schemas.remember("acme", orders, bytes("b"))));
    }
}
