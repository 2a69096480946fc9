package dev.rankadaptor.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rankadaptor.common.UserInputException;
import io.airlift.compress.Decompressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads the rows of a Parquet file (as the Hugging Face hub stores datasets) into the same JSON
 * shape as the JSON Lines rows, so every task definition reads both the same way. The footer and
 * page headers are decoded with Apache's Thrift structures (parquet-format-structures), values and
 * nesting with Apache's column readers and record assembly (parquet-column); this class only
 * frames pages and decompresses them (Snappy, Zstd, LZ4 raw with aircompressor, gzip with the
 * JDK), which is what the Hadoop-bound parquet-hadoop module would add (docs/data-formats.md).
 */
public final class ParquetRows {
    /** Larger pages than this are taken as a corrupt header (writers cut pages at about 1 MB). */
    private static final int MAX_PAGE_BYTES = 256 << 20;

    private ParquetRows() {
    }

    /** Every row of the file, in file order; row numbers (1-based) are kept for messages. */
    public static List<DataRow> read(Path file) {
        String name = file.toString();
        ByteBuffer buf = TaskDataReader.mapLittleEndian(file);
        return TaskDataReader.decodeNamed(name, "Parquet file", () -> read(name, buf));
    }

    private static List<DataRow> read(String name, ByteBuffer buf) {
        int size = buf.capacity();
        if (size < 12 || buf.getInt(size - 4) != magic("PAR1")) {
            if (size >= 4 && buf.getInt(size - 4) == magic("PARE")) {
                throw new UserInputException(name + ": encrypted Parquet footer (expected a plain Parquet file)");
            }
            throw new UserInputException(name + ": truncated Parquet file (no \"PAR1\" footer magic at the end)");
        }
        int footerLength = buf.getInt(size - 8);
        if (footerLength <= 0 || footerLength > size - 12) {
            throw new UserInputException(name + ": Parquet footer length " + footerLength + " does not fit the file of "
                    + size + " bytes");
        }
        FileMetaData meta;
        try {
            meta = Util.readFileMetaData(stream(buf, size - 8 - footerLength, footerLength));
        } catch (IOException e) {
            throw new UserInputException(name + ": Parquet footer cannot be decoded (" + e.getMessage() + ")");
        }
        MessageType schema = ParquetSchemas.toMessageType(name, meta.getSchema());
        MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
        List<DataRow> rows = new ArrayList<>();
        int rowNo = 0;
        for (RowGroup group : meta.getRow_groups()) {
            if (group.getNum_rows() == 0) {
                continue;
            }
            GroupPages pages = new GroupPages(name, buf, schema, group);
            ParquetJsonRecords materializer = new ParquetJsonRecords(schema);
            RecordReader<JsonNode> reader = io.getRecordReader(pages, materializer);
            for (long i = 0; i < group.getNum_rows(); i++) {
                rowNo++;
                JsonNode node = reader.read();
                rows.add(new DataRow(name, rowNo, node, true));
            }
        }
        return rows;
    }

    private static int magic(String s) {
        return ByteBuffer.wrap(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private static InputStream stream(ByteBuffer buf, long offset, long length) {
        if (offset < 0 || length < 0 || offset + length > buf.capacity()) {
            throw new IllegalArgumentException("byte range " + offset + "+" + length + " lies outside the file of "
                    + buf.capacity() + " bytes");
        }
        byte[] b = new byte[Math.toIntExact(length)];
        buf.slice((int) offset, (int) length).get(b);
        return new ByteArrayInputStream(b);
    }

    /** The pages of one row group, one reader per column, read when the record reader asks. */
    private static final class GroupPages implements PageReadStore {
        private final long rowCount;
        private final Map<String, ColumnPages> byPath = new HashMap<>();

        GroupPages(String name, ByteBuffer buf, MessageType schema, RowGroup group) {
            this.rowCount = group.getNum_rows();
            for (ColumnChunk chunk : group.getColumns()) {
                ColumnMetaData m = chunk.getMeta_data();
                if (m == null) {
                    throw new UserInputException(name + ": a column chunk has no metadata (column data in another file is not supported)");
                }
                String path = String.join(".", m.getPath_in_schema());
                ColumnDescriptor d = schema.getColumnDescription(m.getPath_in_schema().toArray(new String[0]));
                byPath.put(path, new ColumnPages(name, buf, d, m));
            }
        }

        @Override
        public PageReader getPageReader(ColumnDescriptor d) {
            ColumnPages p = byPath.get(String.join(".", d.getPath()));
            if (p == null) {
                throw new ParquetDecodingException("no column chunk for " + Arrays.toString(d.getPath()));
            }
            return p;
        }

        @Override
        public long getRowCount() {
            return rowCount;
        }
    }

    /** Decodes the page headers of one column chunk and hands out its (decompressed) pages in order. */
    private static final class ColumnPages implements PageReader {
        private final long totalValues;
        private final Deque<DataPage> pages = new ArrayDeque<>();
        private DictionaryPage dictionary;

        ColumnPages(String name, ByteBuffer buf, ColumnDescriptor d, ColumnMetaData m) {
            this.totalValues = m.getNum_values();
            long start = m.getData_page_offset();
            if (m.isSetDictionary_page_offset() && m.getDictionary_page_offset() > 0 && m.getDictionary_page_offset() < start) {
                start = m.getDictionary_page_offset();
            }
            String column = String.join(".", m.getPath_in_schema());
            InputStream in = stream(buf, start, m.getTotal_compressed_size());
            long seen = 0;
            Statistics<?> noStats = Statistics.getBuilderForReading(d.getPrimitiveType()).build();
            try {
                while (seen < totalValues) {
                    PageHeader h = Util.readPageHeader(in);
                    byte[] body = in.readNBytes(h.getCompressed_page_size());
                    if (body.length != h.getCompressed_page_size()) {
                        throw new UserInputException(name + ": column '" + column + "' ends inside a page (truncated file?)");
                    }
                    switch (h.getType()) {
                        case DICTIONARY_PAGE -> dictionary = new DictionaryPage(BytesInput.from(
                                decompress(name, column, m.getCodec(), body, h.getUncompressed_page_size())),
                                h.getDictionary_page_header().getNum_values(),
                                encoding(h.getDictionary_page_header().getEncoding()));
                        case DATA_PAGE -> {
                            DataPageHeader dh = h.getData_page_header();
                            byte[] data = decompress(name, column, m.getCodec(), body, h.getUncompressed_page_size());
                            pages.add(new DataPageV1(BytesInput.from(data), dh.getNum_values(), data.length, noStats,
                                    encoding(dh.getRepetition_level_encoding()), encoding(dh.getDefinition_level_encoding()),
                                    encoding(dh.getEncoding())));
                            seen += dh.getNum_values();
                        }
                        case DATA_PAGE_V2 -> {
                            DataPageHeaderV2 dh = h.getData_page_header_v2();
                            int rl = dh.getRepetition_levels_byte_length();
                            int dl = dh.getDefinition_levels_byte_length();
                            byte[] values = Arrays.copyOfRange(body, rl + dl, body.length);
                            boolean compressed = !dh.isSetIs_compressed() || dh.isIs_compressed();
                            byte[] data = compressed
                                    ? decompress(name, column, m.getCodec(), values, h.getUncompressed_page_size() - rl - dl)
                                    : values;
                            pages.add(DataPageV2.uncompressed(dh.getNum_rows(), dh.getNum_nulls(), dh.getNum_values(),
                                    BytesInput.from(body, 0, rl), BytesInput.from(body, rl, dl), encoding(dh.getEncoding()),
                                    BytesInput.from(data), noStats));
                            seen += dh.getNum_values();
                        }
                        default -> {
                            // index pages and unknown page types carry no values
                        }
                    }
                }
            } catch (IOException e) {
                throw new UserInputException(name + ": column '" + column + "': page header cannot be decoded ("
                        + e.getMessage() + ")");
            }
        }

        @Override
        public DictionaryPage readDictionaryPage() {
            DictionaryPage d = dictionary;
            dictionary = null;
            return d;
        }

        @Override
        public long getTotalValueCount() {
            return totalValues;
        }

        @Override
        public DataPage readPage() {
            return pages.poll();
        }
    }

    private static Encoding encoding(org.apache.parquet.format.Encoding e) {
        return Encoding.valueOf(e.name());
    }

    private static byte[] decompress(String name, String column, CompressionCodec codec, byte[] in, int uncompressedSize) {
        if (codec == CompressionCodec.UNCOMPRESSED) {
            return in;
        }
        if (codec == CompressionCodec.GZIP) {
            try (GZIPInputStream z = new GZIPInputStream(new ByteArrayInputStream(in))) {
                return z.readAllBytes();
            } catch (IOException e) {
                throw new UserInputException(name + ": column '" + column + "': gzip page cannot be decompressed (" + e.getMessage() + ")");
            }
        }
        Decompressor d = switch (codec) {
            case SNAPPY -> new SnappyDecompressor();
            case ZSTD -> new ZstdDecompressor();
            case LZ4_RAW -> new Lz4Decompressor();
            default -> throw new UserInputException(name + ": column '" + column + "' is compressed with " + codec
                    + " (readable: UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW)");
        };
        if (uncompressedSize < 0 || uncompressedSize > MAX_PAGE_BYTES) {
            throw new UserInputException(name + ": column '" + column + "': page header gives " + uncompressedSize
                    + " uncompressed bytes (expected 0.." + MAX_PAGE_BYTES + "; corrupt file?)");
        }
        byte[] out = new byte[uncompressedSize];
        int n;
        try {
            n = d.decompress(in, 0, in.length, out, 0, out.length);
        } catch (RuntimeException e) {
            throw new UserInputException(name + ": column '" + column + "': " + codec + " page cannot be decompressed ("
                    + e.getMessage() + ")");
        }
        if (n != uncompressedSize) {
            throw new UserInputException(name + ": column '" + column + "': " + codec + " page decompressed to " + n
                    + " bytes, header says " + uncompressedSize);
        }
        return out;
    }
}
