package dev.rankadaptor.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Assembles Parquet records into the JSON shape of the Hugging Face JSON Lines rows: a struct is
 * an object, a LIST-annotated group (three-level or legacy two-level) and any other repeated
 * field an array, strings and numbers their JSON counterparts. Thus {@code choices} of ai2_arc
 * (a struct of two string lists) reads as {@code {"text": [...], "label": [...]}} in both formats.
 */
final class ParquetJsonRecords extends RecordMaterializer<JsonNode> {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final ObjectGroup root;
    private JsonNode current;

    ParquetJsonRecords(MessageType schema) {
        root = new ObjectGroup(schema, (i, v) -> current = v, 0);
    }

    @Override
    public JsonNode getCurrentRecord() {
        return current;
    }

    @Override
    public GroupConverter getRootConverter() {
        return root;
    }

    private interface Sink {
        void accept(int index, JsonNode value);
    }

    private static final class ObjectGroup extends GroupConverter implements Sink {
        private final GroupType type;
        private final Sink parent;
        private final int index;
        private final Converter[] children;
        private ObjectNode node;

        ObjectGroup(GroupType type, Sink parent, int index) {
            this.type = type;
            this.parent = parent;
            this.index = index;
            children = new Converter[type.getFieldCount()];
            for (int i = 0; i < children.length; i++) {
                Type f = type.getType(i);
                children[i] = f.isPrimitive() ? new Value(f, this, i) : new ObjectGroup(f.asGroupType(), this, i);
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return children[fieldIndex];
        }

        @Override
        public void start() {
            node = F.objectNode();
            for (Type f : type.getFields()) {
                if (f.isRepetition(Type.Repetition.REPEATED)) {
                    node.putArray(f.getName());
                }
            }
        }

        @Override
        public void end() {
            parent.accept(index, finish());
        }

        @Override
        public void accept(int i, JsonNode value) {
            Type f = type.getType(i);
            if (f.isRepetition(Type.Repetition.REPEATED)) {
                ((ArrayNode) node.get(f.getName())).add(value);
            } else {
                node.set(f.getName(), value);
            }
        }

        private JsonNode finish() {
            LogicalTypeAnnotation ann = type.getLogicalTypeAnnotation();
            if (!(ann instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) || type.getFieldCount() != 1) {
                return node;
            }
            Type repeated = type.getType(0);
            JsonNode items = node.get(repeated.getName());
            if (!(items instanceof ArrayNode arr)) {
                return F.arrayNode();
            }
            if (repeated.isPrimitive() || repeated.asGroupType().getFieldCount() != 1) {
                return arr;
            }
            String element = repeated.asGroupType().getType(0).getName();
            ArrayNode out = F.arrayNode(arr.size());
            for (JsonNode e : arr) {
                JsonNode v = e.get(element);
                out.add(v == null ? NullNode.getInstance() : v);
            }
            return out;
        }
    }

    private static final class Value extends PrimitiveConverter {
        private final Sink parent;
        private final int index;

        Value(Type type, Sink parent, int index) {
            this.parent = parent;
            this.index = index;
        }

        @Override
        public void addBinary(Binary value) {
            parent.accept(index, F.textNode(value.toStringUsingUTF8()));
        }

        @Override
        public void addBoolean(boolean value) {
            parent.accept(index, F.booleanNode(value));
        }

        @Override
        public void addDouble(double value) {
            parent.accept(index, F.numberNode(value));
        }

        @Override
        public void addFloat(float value) {
            parent.accept(index, F.numberNode(value));
        }

        @Override
        public void addInt(int value) {
            parent.accept(index, F.numberNode(value));
        }

        @Override
        public void addLong(long value) {
            parent.accept(index, F.numberNode(value));
        }
    }
}
