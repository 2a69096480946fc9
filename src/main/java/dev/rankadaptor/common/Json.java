package dev.rankadaptor.common;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The one configured Jackson mapper, so every file the tool writes has the same conventions. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectMapper COMPACT = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {
    }

    /** Pretty-printing mapper for human-readable files (configs, results). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Single-line mapper for JSON Lines (journals). */
    public static ObjectMapper compact() {
        return COMPACT;
    }
}
