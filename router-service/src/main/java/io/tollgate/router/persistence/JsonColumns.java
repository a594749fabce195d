package io.tollgate.router.persistence;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.tollgate.router.domain.ContextVariable;
import io.tollgate.router.domain.Upstream;
import io.tollgate.router.domain.Warehouse;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Converts the registry tables' jsonb columns to and from domain values. */
@Singleton
class JsonColumns {
    private static final Argument<Map<String, String>> LABELS = Argument.mapOf(String.class, String.class);
    private static final Argument<List<ContextVariableJson>> CONTEXT_VARIABLES = Argument.listOf(ContextVariableJson.class);
    private static final Argument<List<UpstreamJson>> UPSTREAMS = Argument.listOf(UpstreamJson.class);
    private static final Argument<List<WarehouseJson>> WAREHOUSES = Argument.listOf(WarehouseJson.class);
    private static final Argument<Map<String, Object>> OBJECT = Argument.mapOf(String.class, Object.class);

    private final JsonMapper json;

    JsonColumns(JsonMapper json) {
        this.json = json;
    }

    String labels(Map<String, String> labels) {
        return write(labels);
    }

    Map<String, String> labels(String column) {
        return read(column, LABELS);
    }

    String contextVariables(List<ContextVariable> variables) {
        return write(variables.stream().map(ContextVariableJson::of).toList());
    }

    List<ContextVariable> contextVariables(String column) {
        return read(column, CONTEXT_VARIABLES).stream().map(ContextVariableJson::toDomain).toList();
    }

    String upstreams(List<Upstream> upstreams) {
        return write(upstreams.stream().map(UpstreamJson::of).toList());
    }

    List<Upstream> upstreams(String column) {
        return read(column, UPSTREAMS).stream().map(UpstreamJson::toDomain).toList();
    }

    String warehouses(List<Warehouse> warehouses) {
        return write(warehouses.stream().map(WarehouseJson::of).toList());
    }

    List<Warehouse> warehouses(String column) {
        return read(column, WAREHOUSES).stream().map(WarehouseJson::toDomain).toList();
    }

    String description(Map<String, Object> description) {
        return write(description);
    }

    Map<String, Object> description(String column) {
        return read(column, OBJECT);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode a jsonb column", e);
        }
    }

    private <T> T read(String column, Argument<T> type) {
        try {
            return json.readValue(column, type);
        } catch (IOException e) {
            throw new UncheckedIOException("could not decode a jsonb column", e);
        }
    }
}
