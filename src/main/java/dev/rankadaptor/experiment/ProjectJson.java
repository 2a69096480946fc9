package dev.rankadaptor.experiment;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.common.UserInputException;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * JSON conventions of project files: snake_case keys, strict types (no "5" for 5, no 2.5 for an
 * int), unknown keys refused, missing keys filled from the documented defaults, and every mapping
 * error turned into a message naming the field by its JSON path.
 */
final class ProjectJson {
    /** Keys without a default: a project must give them. */
    static final List<String> REQUIRED = List.of("name", "checkpoint", "pruning.calibration_file",
            "recovery.data_file", "evaluation.task_folder");

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ProjectJson() {
    }

    /** Every default value of the paper preset as a tree, with the required keys absent. */
    static ObjectNode defaultsTree() {
        return defaultsTree(Preset.PAPER, null);
    }

    /** Every default value of {@code preset} for a model of {@code layerCount} layers (null = unknown), required keys absent. */
    static ObjectNode defaultsTree(Preset preset, Integer layerCount) {
        ObjectNode tree = MAPPER.valueToTree(Project.withDefaults(preset, layerCount, "-", "-", "-", "-", "-"));
        for (String key : REQUIRED) {
            int dot = key.indexOf('.');
            if (dot < 0) {
                tree.remove(key);
            } else {
                ((ObjectNode) tree.get(key.substring(0, dot))).remove(key.substring(dot + 1));
            }
        }
        return tree;
    }

    /** Overlays {@code user} on {@code base}: objects merge key by key, everything else replaces. */
    static void overlay(ObjectNode base, ObjectNode user) {
        Iterator<Map.Entry<String, JsonNode>> it = user.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = base.get(e.getKey());
            if (existing instanceof ObjectNode eo && e.getValue() instanceof ObjectNode uo) {
                overlay(eo, uo);
            } else {
                base.set(e.getKey(), e.getValue());
            }
        }
    }

    /** Maps a complete tree (defaults already merged, schema_version removed) to a project. */
    static Project toProject(ObjectNode merged, Path file) {
        try {
            return MAPPER.treeToValue(merged, Project.class);
        } catch (JsonProcessingException e) {
            throw translate(e, file);
        } catch (IllegalArgumentException e) {
            throw translate(e, file);
        }
    }

    private static ProjectFileException translate(Exception e, Path file) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidFieldException f) {
                String msg = f.getMessage();
                String problem = msg.startsWith(f.field() + ": ") ? msg.substring(f.field().length() + 2) : msg;
                return new ProjectFileException(file, f.field(), problem, f);
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UserInputException u) {
                return new ProjectFileException(file, null, u.getMessage(), u);
            }
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return new ProjectFileException(file, path(u), "unknown field (known fields here: " + known + ")", e);
        }
        if (e instanceof MismatchedInputException m) {
            String type = m.getTargetType() == null ? "another type" : describe(m.getTargetType());
            return new ProjectFileException(file, path(m), "expected " + type, e);
        }
        if (e instanceof JsonMappingException m) {
            return new ProjectFileException(file, path(m), m.getOriginalMessage(), e);
        }
        return new ProjectFileException(file, null, e.getMessage(), e);
    }

    private static String describe(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }

    /** "search.candidate_ranks[2]" from Jackson's reference chain. */
    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }
}
