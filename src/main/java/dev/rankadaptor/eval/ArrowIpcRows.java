package dev.rankadaptor.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rankadaptor.common.UserInputException;
import org.apache.arrow.flatbuf.Field;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.FixedSizeList;
import org.apache.arrow.flatbuf.FloatingPoint;
import org.apache.arrow.flatbuf.Int;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.Precision;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.flatbuf.Schema;
import org.apache.arrow.flatbuf.Type;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the rows of an Arrow IPC stream (what the {@code datasets} library writes into its cache,
 * {@code <name>-<split>.arrow}) or IPC file into the JSON shape of the JSON Lines rows. Messages
 * are decoded with Apache Arrow's own flatbuffer bindings (arrow-format); the column buffers of
 * the types datasets uses (integers, floats, booleans, strings, lists, structs) are read here, so
 * no off-heap allocator (arrow-vector + arrow-memory, which need {@code --add-opens} on Java 17)
 * is involved. Columns of other fixed-layout types are skipped; layouts this reader cannot walk
 * (unions, views, run-end encoding, dictionaries, compressed bodies) are refused with a message.
 */
public final class ArrowIpcRows {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ArrowIpcRows() {
    }

    /** Every row of every record batch, in order; row numbers (1-based) are kept for messages. */
    public static List<DataRow> read(Path file) {
        String name = file.toString();
        ByteBuffer buf = TaskDataReader.mapLittleEndian(file);
        return TaskDataReader.decodeNamed(name, "Arrow IPC file", () -> read(name, buf));
    }

    private static List<DataRow> read(String name, ByteBuffer buf) {
        int pos = DataFormat.detect(name, head(buf), Math.min(buf.capacity(), 8)) == DataFormat.ARROW_FILE ? 8 : 0;
        List<DataRow> rows = new ArrayList<>();
        Schema schema = null;
        while (pos + 4 <= buf.capacity()) {
            int metaLength = buf.getInt(pos);
            pos += 4;
            if (metaLength == -1) {
                metaLength = buf.getInt(pos);
                pos += 4;
            }
            if (metaLength == 0) {
                break;
            }
            if (metaLength < 0 || pos + (long) metaLength > buf.capacity()) {
                throw new UserInputException(name + ": Arrow message of " + metaLength + " bytes at byte " + (pos - 8)
                        + " does not fit the file (truncated?)");
            }
            Message message = Message.getRootAsMessage(buf.slice(pos, metaLength).order(ByteOrder.LITTLE_ENDIAN));
            pos += metaLength;
            long bodyLength = message.bodyLength();
            if (bodyLength < 0 || pos + bodyLength > buf.capacity()) {
                throw new UserInputException(name + ": Arrow message body of " + bodyLength + " bytes does not fit the file (truncated?)");
            }
            ByteBuffer body = buf.slice(pos, (int) bodyLength).order(ByteOrder.LITTLE_ENDIAN);
            pos += (int) bodyLength;
            switch (message.headerType()) {
                case MessageHeader.Schema -> schema = (Schema) message.header(new Schema());
                case MessageHeader.RecordBatch -> {
                    if (schema == null) {
                        throw new UserInputException(name + ": Arrow record batch before the schema message");
                    }
                    readBatch(name, schema, (RecordBatch) message.header(new RecordBatch()), body, rows);
                }
                case MessageHeader.DictionaryBatch -> throw new UserInputException(name
                        + ": dictionary-encoded Arrow columns are not supported (expected plain columns as the datasets library writes)");
                default -> {
                    // tensors and unknown messages carry no rows
                }
            }
        }
        if (schema == null) {
            throw new UserInputException(name + ": no Arrow schema message (expected an Arrow IPC stream or file)");
        }
        return rows;
    }

    private static byte[] head(ByteBuffer buf) {
        byte[] h = new byte[Math.min(buf.capacity(), 8)];
        buf.get(0, h);
        return h;
    }

    private static void readBatch(String name, Schema schema, RecordBatch batch, ByteBuffer body, List<DataRow> rows) {
        if (batch.compression() != null) {
            throw new UserInputException(name + ": compressed Arrow record batches are not supported (write the table uncompressed)");
        }
        // counts come from the file: bound them by what the batch can hold before allocating for them
        if (schema.fieldsLength() > batch.nodesLength()) {
            throw new UserInputException(name + ": Arrow schema has " + schema.fieldsLength() + " fields but the record batch only "
                    + batch.nodesLength() + " field nodes (corrupt file?)");
        }
        if (batch.length() < 0 || batch.length() > 8L * body.capacity() + 64) {
            throw new UserInputException(name + ": Arrow record batch claims " + batch.length() + " rows in a body of "
                    + body.capacity() + " bytes (corrupt file?)");
        }
        int[] cursor = {0, 0};
        Column[] cols = new Column[schema.fieldsLength()];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = column(name, schema.fields(i), batch, body, cursor);
        }
        int first = rows.size();
        for (long r = 0; r < batch.length(); r++) {
            ObjectNode row = F.objectNode();
            for (Column c : cols) {
                if (c.readable()) {
                    row.set(c.name, c.value(r));
                }
            }
            rows.add(new DataRow(name, first + (int) r + 1, row, true));
        }
    }

    private static Column column(String file, Field f, RecordBatch batch, ByteBuffer body, int[] cursor) {
        if (f.dictionary() != null) {
            throw new UserInputException(file + ": Arrow column '" + f.name() + "' is dictionary-encoded (not supported)");
        }
        if (cursor[0] >= batch.nodesLength()) {
            throw new UserInputException(file + ": Arrow record batch has fewer field nodes than the schema has fields");
        }
        FieldNode node = batch.nodes(cursor[0]++);
        byte type = f.typeType();
        int buffers = switch (type) {
            case Type.Null -> 0;
            case Type.Struct_, Type.FixedSizeList -> 1;
            case Type.Binary, Type.Utf8, Type.LargeBinary, Type.LargeUtf8 -> 3;
            case Type.Int, Type.FloatingPoint, Type.Bool, Type.Decimal, Type.Date, Type.Time, Type.Timestamp, Type.Interval,
                 Type.Duration, Type.FixedSizeBinary, Type.List, Type.LargeList, Type.Map -> 2;
            default -> throw new UserInputException(file + ": Arrow column '" + f.name() + "' has type "
                    + Type.name(type) + ", whose layout this reader does not walk");
        };
        ByteBuffer[] b = new ByteBuffer[buffers];
        for (int i = 0; i < buffers; i++) {
            if (cursor[1] >= batch.buffersLength()) {
                throw new UserInputException(file + ": Arrow record batch has fewer buffers than its columns need");
            }
            org.apache.arrow.flatbuf.Buffer d = batch.buffers(cursor[1]++);
            if (d.offset() < 0 || d.length() < 0 || d.offset() + d.length() > body.capacity()) {
                throw new UserInputException(file + ": Arrow column '" + f.name() + "': buffer " + d.offset() + "+"
                        + d.length() + " lies outside the message body of " + body.capacity() + " bytes");
            }
            b[i] = body.slice((int) d.offset(), (int) d.length()).order(ByteOrder.LITTLE_ENDIAN);
        }
        if (f.childrenLength() > batch.nodesLength() - cursor[0]) {
            throw new UserInputException(file + ": Arrow column '" + f.name() + "' has " + f.childrenLength()
                    + " children but the record batch only " + (batch.nodesLength() - cursor[0]) + " more field nodes (corrupt file?)");
        }
        Column[] children = new Column[f.childrenLength()];
        for (int i = 0; i < children.length; i++) {
            children[i] = column(file, f.children(i), batch, body, cursor);
        }
        return new Column(f, type, node.nullCount(), b, children);
    }

    /** One column of one record batch: its buffers and child columns, read on demand. */
    private static final class Column {
        final String name;
        final byte type;
        final long nullCount;
        final ByteBuffer[] buffers;
        final Column[] children;
        final int bitWidth;
        final boolean signed;
        final short precision;
        final int listSize;

        Column(Field f, byte type, long nullCount, ByteBuffer[] buffers, Column[] children) {
            this.name = f.name();
            this.type = type;
            this.nullCount = nullCount;
            this.buffers = buffers;
            this.children = children;
            Int i = type == Type.Int ? (Int) f.type(new Int()) : null;
            bitWidth = i == null ? 0 : i.bitWidth();
            signed = i != null && i.isSigned();
            precision = type == Type.FloatingPoint ? ((FloatingPoint) f.type(new FloatingPoint())).precision() : 0;
            listSize = type == Type.FixedSizeList ? ((FixedSizeList) f.type(new FixedSizeList())).listSize() : 0;
        }

        /** False for fixed-layout types without a JSON counterpart here (dates, decimals…): skipped. */
        boolean readable() {
            return switch (type) {
                case Type.Null, Type.Int, Type.FloatingPoint, Type.Bool, Type.Binary, Type.Utf8, Type.LargeBinary,
                     Type.LargeUtf8, Type.List, Type.LargeList, Type.FixedSizeList, Type.Struct_ -> true;
                default -> false;
            };
        }

        JsonNode value(long row) {
            if (type == Type.Null || isNull(row)) {
                return NullNode.getInstance();
            }
            int r = Math.toIntExact(row);
            ByteBuffer data = buffers.length > 1 ? buffers[1] : null;
            return switch (type) {
                case Type.Int -> F.numberNode(integer(data, r));
                case Type.FloatingPoint -> switch (precision) {
                    case Precision.DOUBLE -> F.numberNode(data.getDouble(r * 8));
                    case Precision.SINGLE -> F.numberNode(data.getFloat(r * 4));
                    default -> F.numberNode(halfToFloat(data.getShort(r * 2)));
                };
                case Type.Bool -> F.booleanNode((data.get(r >>> 3) >> (r & 7) & 1) == 1);
                case Type.Utf8, Type.Binary -> F.textNode(text(data.getInt(r * 4), data.getInt(r * 4 + 4)));
                case Type.LargeUtf8, Type.LargeBinary -> F.textNode(text(data.getLong(r * 8), data.getLong(r * 8 + 8)));
                case Type.List -> list(data.getInt(r * 4), data.getInt(r * 4 + 4));
                case Type.LargeList -> list(data.getLong(r * 8), data.getLong(r * 8 + 8));
                case Type.FixedSizeList -> list((long) r * listSize, (long) (r + 1) * listSize);
                case Type.Struct_ -> {
                    ObjectNode o = F.objectNode();
                    for (Column c : children) {
                        if (c.readable()) {
                            o.set(c.name, c.value(row));
                        }
                    }
                    yield o;
                }
                default -> NullNode.getInstance();
            };
        }

        private boolean isNull(long row) {
            if (nullCount == 0 || buffers.length == 0 || buffers[0].capacity() == 0) {
                return false;
            }
            int r = Math.toIntExact(row);
            return (buffers[0].get(r >>> 3) >> (r & 7) & 1) == 0;
        }

        private long integer(ByteBuffer data, int r) {
            return switch (bitWidth) {
                case 8 -> signed ? data.get(r) : data.get(r) & 0xffL;
                case 16 -> signed ? data.getShort(r * 2) : data.getShort(r * 2) & 0xffffL;
                case 32 -> signed ? data.getInt(r * 4) : data.getInt(r * 4) & 0xffffffffL;
                default -> data.getLong(r * 8);
            };
        }

        private String text(long from, long to) {
            ByteBuffer values = buffers[2];
            if (from < 0 || to < from || to > values.capacity()) {
                throw new IndexOutOfBoundsException("column '" + name + "': string offsets " + from + ".." + to
                        + " outside its " + values.capacity() + " data bytes");
            }
            byte[] b = new byte[(int) (to - from)];
            values.get((int) from, b);
            return new String(b, StandardCharsets.UTF_8);
        }

        private ArrayNode list(long from, long to) {
            if (children.length != 1 || from < 0 || to < from) {
                throw new IndexOutOfBoundsException("column '" + name + "': list offsets " + from + ".." + to + " are invalid");
            }
            ArrayNode a = F.arrayNode();
            for (long i = from; i < to; i++) {
                a.add(children[0].value(i));
            }
            return a;
        }

        private static float halfToFloat(short h) {
            int bits = h & 0xffff;
            int sign = (bits & 0x8000) << 16;
            int exp = (bits >>> 10) & 0x1f;
            int mant = bits & 0x3ff;
            if (exp == 0) {
                return (sign != 0 ? -1 : 1) * mant * 0x1p-24f;
            }
            if (exp == 31) {
                return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
            }
            return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
        }
    }
}
