package io.tollgate.catalog.rest;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.rest.RESTSerializers;

/**
 * Iceberg's REST model to and from JSON with Iceberg's own serializers, configured as Iceberg's
 * client and reference server configure theirs (kebab-case names, unknown fields ignored); Micronaut's
 * serde knows none of these types. A body that does not parse is the client's error (400), said
 * without the parser's text.
 */
@Singleton
public class IcebergJson {
    private final ObjectMapper mapper = new ObjectMapper()
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setPropertyNamingStrategy(new PropertyNamingStrategies.KebabCaseStrategy());

    public IcebergJson() {
        RESTSerializers.registerAll(mapper);
    }

    /** The request body as Iceberg's type. */
    public <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw new BadRequestException("Missing request body");
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw new BadRequestException("Missing request body");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new BadRequestException("Malformed request body for %s", type.getSimpleName());
        }
    }

    /** A 200 answer carrying an Iceberg response. */
    public MutableHttpResponse<String> ok(Object response) {
        return HttpResponse.ok(write(response)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** A 200 answer carrying JSON already written. */
    public MutableHttpResponse<byte[]> ok(byte[] body) {
        return HttpResponse.ok(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** An Iceberg response as JSON, in UTF-8 (written straight to bytes, without a String between). */
    public byte[] writeBytes(Object response) {
        try {
            return mapper.writeValueAsBytes(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + response.getClass().getSimpleName(), e);
        }
    }

    /** An Iceberg response as JSON. */
    public String write(Object response) {
        try {
            return mapper.writeValueAsString(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + response.getClass().getSimpleName(), e);
        }
    }
}
