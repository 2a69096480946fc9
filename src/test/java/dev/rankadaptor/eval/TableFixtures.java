package dev.rankadaptor.eval;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON rows as real Parquet files (Apache parquet-hadoop's writer, the reference
 * implementation) and Arrow IPC stream / file (Apache arrow-vector's writers), with the schema
 * the Hugging Face tools give such rows: strings, int64, booleans, lists of strings and structs of
 * them (ai2_arc's {@code choices}). Only for tests: the product reads these with its own readers.
 */
public final class TableFixtures {
    private TableFixtures() {
    }

    public static List<JsonNode> jsonLines(Path file) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                rows.add(dev.rankadaptor.common.Json.compact().readTree(line));
            }
        }
        return rows;
    }

    // ---------- Parquet ----------

    public static void parquet(Path out, List<JsonNode> rows, CompressionCodecName codec, boolean pageV2) throws IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.deleteIfExists(out);
        MessageType schema = MessageTypeParser.parseMessageType("message row {\n" + groupFields(rows.get(0)) + "}");
        SimpleGroupFactory f = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(out))
                .withConf(new PlainParquetConfiguration()).withType(schema).withCompressionCodec(codec)
                .withWriterVersion(pageV2 ? ParquetProperties.WriterVersion.PARQUET_2_0 : ParquetProperties.WriterVersion.PARQUET_1_0)
                .build()) {
            for (JsonNode r : rows) {
                Group g = f.newGroup();
                fill(g, r);
                w.write(g);
            }
        }
    }

    private static String groupFields(JsonNode obj) {
        StringBuilder s = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            String n = e.getKey();
            if (v.isTextual()) {
                s.append("optional binary ").append(n).append(" (STRING);\n");
            } else if (v.isBoolean()) {
                s.append("optional boolean ").append(n).append(";\n");
            } else if (v.isIntegralNumber()) {
                s.append("optional int64 ").append(n).append(";\n");
            } else if (v.isArray()) {
                s.append("optional group ").append(n).append(" (LIST) { repeated group list { optional binary element (STRING); } }\n");
            } else if (v.isObject()) {
                s.append("optional group ").append(n).append(" {\n").append(groupFields(v)).append("}\n");
            } else {
                throw new IllegalArgumentException("fixture field " + n + ": " + v);
            }
        }
        return s.toString();
    }

    private static void fill(Group g, JsonNode obj) {
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            String n = e.getKey();
            if (v.isTextual()) {
                g.append(n, v.asText());
            } else if (v.isBoolean()) {
                g.append(n, v.booleanValue());
            } else if (v.isIntegralNumber()) {
                g.append(n, v.longValue());
            } else if (v.isArray()) {
                Group list = g.addGroup(n);
                for (JsonNode x : v) {
                    list.addGroup("list").append("element", x.asText());
                }
            } else {
                fill(g.addGroup(n), v);
            }
        }
    }

    // ---------- Arrow IPC ----------

    public static void arrowStream(Path out, List<JsonNode> rows) throws IOException {
        arrow(out, rows, false);
    }

    public static void arrowFile(Path out, List<JsonNode> rows) throws IOException {
        arrow(out, rows, true);
    }

    private static void arrow(Path out, List<JsonNode> rows, boolean fileFormat) throws IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (BufferAllocator al = new RootAllocator();
             VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields(rows.get(0))), al);
             OutputStream os = Files.newOutputStream(out)) {
            for (FieldVector v : root.getFieldVectors()) {
                v.allocateNew();
            }
            for (int i = 0; i < rows.size(); i++) {
                for (FieldVector v : root.getFieldVectors()) {
                    put(v, i, rows.get(i).get(v.getName()));
                }
            }
            root.setRowCount(rows.size());
            if (fileFormat) {
                try (ArrowFileWriter w = new ArrowFileWriter(root, null, Channels.newChannel(os))) {
                    w.start();
                    w.writeBatch();
                    w.end();
                }
            } else {
                try (ArrowStreamWriter w = new ArrowStreamWriter(root, null, os)) {
                    w.start();
                    w.writeBatch();
                    w.end();
                }
            }
        }
    }

    private static List<Field> fields(JsonNode obj) {
        List<Field> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.add(field(e.getKey(), e.getValue()));
        }
        return out;
    }

    private static Field field(String n, JsonNode v) {
        if (v.isTextual()) {
            return Field.nullable(n, new ArrowType.Utf8());
        }
        if (v.isBoolean()) {
            return Field.nullable(n, new ArrowType.Bool());
        }
        if (v.isIntegralNumber()) {
            return Field.nullable(n, new ArrowType.Int(64, true));
        }
        if (v.isArray()) {
            return new Field(n, FieldType.nullable(new ArrowType.List()), List.of(Field.nullable("item", new ArrowType.Utf8())));
        }
        return new Field(n, FieldType.nullable(new ArrowType.Struct()), fields(v));
    }

    private static void put(FieldVector v, int i, JsonNode value) {
        if (v instanceof VarCharVector s) {
            s.setSafe(i, value.asText().getBytes(StandardCharsets.UTF_8));
        } else if (v instanceof BitVector b) {
            b.setSafe(i, value.booleanValue() ? 1 : 0);
        } else if (v instanceof BigIntVector l) {
            l.setSafe(i, value.longValue());
        } else if (v instanceof ListVector l) {
            int start = l.startNewValue(i);
            VarCharVector items = (VarCharVector) l.getDataVector();
            for (int j = 0; j < value.size(); j++) {
                items.setSafe(start + j, value.get(j).asText().getBytes(StandardCharsets.UTF_8));
            }
            l.endValue(i, value.size());
        } else if (v instanceof StructVector s) {
            s.setIndexDefined(i);
            for (FieldVector c : s.getChildrenFromFields()) {
                put(c, i, value.get(c.getName()));
            }
        } else {
            throw new IllegalArgumentException("fixture vector " + v);
        }
    }
}
