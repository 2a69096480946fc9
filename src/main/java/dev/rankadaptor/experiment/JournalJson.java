package dev.rankadaptor.experiment;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * JSON conventions of journal lines: snake_case, one line per record, NaN written as the string
 * "NaN" (valid JSON), unknown keys ignored so that a newer build's extra fields do not make an
 * older journal unreadable.
 */
final class JournalJson {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();

    private JournalJson() {
    }
}
