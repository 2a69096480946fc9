package dev.rankadaptor.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rankadaptor.common.UserInputException;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every task reads the same items from its Hugging Face JSON Lines rows, from Parquet and Arrow IPC
 * files made by the Apache reference writers, from the hub / datasets cache layouts and from its
 * original release (fixtures under src/test/resources/datafmt); bad input names file, row and field.
 */
class TaskFormatsTest {
    @TempDir
    Path dir;

    static Path res(String p) {
        try {
            return Path.of(TaskFormatsTest.class.getResource("/datafmt/" + p).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<EvalItem> jsonlItems(TaskKind k) {
        return TaskData.load(k, res("hf/" + k.fileName())).items();
    }

    private static List<JsonNode> rows(TaskKind k) throws IOException {
        return TableFixtures.jsonLines(res("hf/" + k.fileName()));
    }

    private static String base(TaskKind k) {
        return k.fileName().replace(".jsonl", "");
    }

    @ParameterizedTest
    @EnumSource(TaskKind.class)
    void parquetAndArrowFilesGiveTheJsonlItems(TaskKind k) throws IOException {
        List<EvalItem> expected = jsonlItems(k);
        assertEquals(3, expected.size());

        TableFixtures.parquet(dir.resolve("snappy").resolve(base(k) + ".parquet"), rows(k), CompressionCodecName.SNAPPY, false);
        TaskData pq = TaskFolder.load(dir.resolve("snappy"), k);
        assertEquals(expected, pq.items());
        assertEquals("Parquet", pq.format().split(",")[0]);

        // content, not the extension, decides: a Parquet file (v2 pages, zstd) named .jsonl
        TableFixtures.parquet(dir.resolve("v2").resolve(base(k) + ".jsonl"), rows(k), CompressionCodecName.ZSTD, true);
        assertEquals(expected, TaskFolder.load(dir.resolve("v2"), k).items());
        TableFixtures.parquet(dir.resolve("gzip").resolve(base(k) + ".parquet"), rows(k), CompressionCodecName.GZIP, false);
        assertEquals(expected, TaskFolder.load(dir.resolve("gzip"), k).items());

        TableFixtures.arrowStream(dir.resolve("stream").resolve(base(k) + ".arrow"), rows(k));
        TaskData stream = TaskFolder.load(dir.resolve("stream"), k);
        assertEquals(expected, stream.items());
        assertTrue(stream.format().startsWith("Arrow IPC stream"), stream.format());
        TableFixtures.arrowFile(dir.resolve("file").resolve(base(k) + ".arrow"), rows(k));
        assertEquals(expected, TaskFolder.load(dir.resolve("file"), k).items());
    }

    @ParameterizedTest
    @EnumSource(TaskKind.class)
    void originalReleasesGiveTheJsonlItems(TaskKind k) {
        TaskData original = TaskFolder.load(res("original"), k);
        assertEquals(jsonlItems(k), original.items());
        String expectedLayout = switch (k) {
            case ARC_EASY, ARC_CHALLENGE -> "original ARC release";
            case OPENBOOKQA -> "original OpenBookQA release";
            case PIQA -> "original PIQA release (labels file)";
            case BOOLQ -> "BoolQ release (answer true/false)";
            default -> null;
        };
        assertEquals("JSON Lines" + (expectedLayout == null ? "" : ", " + expectedLayout), original.format());
    }

    @Test
    void hubCacheSnapshotPicksConfigSplitAndSnapshotOfRefsMain() throws IOException {
        Path repo = dir.resolve("hub").resolve("datasets--allenai--ai2_arc");
        Path blobs = Files.createDirectories(repo.resolve("blobs"));
        Path snap = repo.resolve("snapshots").resolve("4a3b2c1d");
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs").resolve("main"), "4a3b2c1d");
        // the hub stores content in blobs/ and links it from the snapshot
        Path easyBlob = blobs.resolve("e1");
        TableFixtures.parquet(easyBlob, rows(TaskKind.ARC_EASY), CompressionCodecName.SNAPPY, false);
        Files.createDirectories(snap.resolve("ARC-Easy"));
        Files.createSymbolicLink(snap.resolve("ARC-Easy").resolve("test-00000-of-00001.parquet"), easyBlob);
        TableFixtures.parquet(snap.resolve("ARC-Easy").resolve("validation-00000-of-00001.parquet"),
                rows(TaskKind.ARC_CHALLENGE), CompressionCodecName.SNAPPY, false);
        TableFixtures.parquet(snap.resolve("ARC-Challenge").resolve("test-00000-of-00001.parquet"),
                rows(TaskKind.ARC_CHALLENGE), CompressionCodecName.SNAPPY, false);
        TableFixtures.parquet(snap.resolve("ARC-Challenge").resolve("train-00000-of-00001.parquet"),
                rows(TaskKind.ARC_EASY), CompressionCodecName.SNAPPY, false);
        Files.writeString(snap.resolve("README.md"), "---\ndataset_info: {}\n---\n");
        // an older snapshot with other content must not be used
        TableFixtures.parquet(repo.resolve("snapshots").resolve("0ld").resolve("ARC-Easy").resolve("test-00000-of-00001.parquet"),
                rows(TaskKind.ARC_CHALLENGE), CompressionCodecName.SNAPPY, false);

        assertEquals(jsonlItems(TaskKind.ARC_EASY), TaskFolder.load(dir.resolve("hub"), TaskKind.ARC_EASY).items());
        assertEquals(jsonlItems(TaskKind.ARC_CHALLENGE), TaskFolder.load(dir.resolve("hub"), TaskKind.ARC_CHALLENGE).items());
        assertEquals(snap.resolve("ARC-Easy").resolve("test-00000-of-00001.parquet"), TaskFolder.locate(dir.resolve("hub"), TaskKind.ARC_EASY));
    }

    @Test
    void shardsOfOneSplitAreReadInOrderAndOtherConfigsIgnored() throws IOException {
        Path main = dir.resolve("datasets--allenai--openbookqa").resolve("snapshots").resolve("h").resolve("main");
        List<JsonNode> r = rows(TaskKind.OPENBOOKQA);
        TableFixtures.parquet(main.resolve("test-00001-of-00002.parquet"), r.subList(2, 3), CompressionCodecName.SNAPPY, false);
        TableFixtures.parquet(main.resolve("test-00000-of-00002.parquet"), r.subList(0, 2), CompressionCodecName.SNAPPY, false);
        TableFixtures.parquet(main.getParent().resolve("additional").resolve("test-00000-of-00001.parquet"), r.subList(1, 2),
                CompressionCodecName.SNAPPY, false);
        TaskData data = TaskFolder.load(dir, TaskKind.OPENBOOKQA);
        assertEquals(jsonlItems(TaskKind.OPENBOOKQA), data.items());
        assertEquals("Parquet, 2 files", data.format());
    }

    @Test
    void datasetsCacheArrowFilesPickTheSplitAndSkipCacheFiles() throws IOException {
        Path v = dir.resolve("allenai___ai2_arc").resolve("ARC-Easy").resolve("0.0.0").resolve("210d026faf9955653af8916fad021475a3f00453");
        TableFixtures.arrowStream(v.resolve("ai2_arc-test.arrow"), rows(TaskKind.ARC_EASY));
        TableFixtures.arrowStream(v.resolve("ai2_arc-validation.arrow"), rows(TaskKind.ARC_CHALLENGE));
        TableFixtures.arrowStream(v.resolve("cache-5e4b1f3c2a.arrow"), rows(TaskKind.ARC_CHALLENGE));
        Files.writeString(v.resolve("dataset_info.json"), "{\"splits\": {}}");
        Path hs = dir.resolve("Rowan___hellaswag").resolve("default").resolve("0.1.0").resolve("abc");
        TableFixtures.arrowStream(hs.resolve("hellaswag-validation.arrow"), rows(TaskKind.HELLASWAG));
        TableFixtures.arrowStream(hs.resolve("hellaswag-train.arrow"), rows(TaskKind.HELLASWAG).subList(0, 1));
        assertEquals(jsonlItems(TaskKind.ARC_EASY), TaskFolder.load(dir, TaskKind.ARC_EASY).items());
        assertEquals(jsonlItems(TaskKind.HELLASWAG), TaskFolder.load(dir, TaskKind.HELLASWAG).items());
    }

    @Test
    void filesFromIndependentWritersReadTheSame() {
        // written by Apache Arrow JS and the Rust arrow-rs Parquet writer (parquet-wasm): datafmt/js/make-fixtures.mjs
        List<EvalItem> expected = jsonlItems(TaskKind.ARC_EASY);
        assertEquals(expected, TaskData.load(TaskKind.ARC_EASY, res("js/ai2_arc-test.arrow")).items());
        assertEquals(expected, TaskData.load(TaskKind.ARC_EASY, res("js/test-00000-of-00001.parquet")).items());
        assertEquals("Parquet", TaskData.load(TaskKind.ARC_EASY, res("js/test-00000-of-00001.parquet")).format());
    }

    // ---------- bad input: a UserInputException naming file, row and field ----------

    @Test
    void parquetRowMissingAFieldNamesFileRowAndField() throws IOException {
        List<JsonNode> r = rows(TaskKind.ARC_EASY);
        for (JsonNode n : r) {
            ((ObjectNode) n).remove("question");
        }
        Path f = dir.resolve("arc_easy.parquet");
        TableFixtures.parquet(f, r, CompressionCodecName.SNAPPY, false);
        UserInputException e = assertThrows(UserInputException.class, () -> TaskFolder.load(dir, TaskKind.ARC_EASY));
        assertEquals(f + " row 1: field 'question' missing (expected string)", e.getMessage());
    }

    @Test
    void arrowFieldOfTheWrongTypeNamesFileRowAndField() throws IOException {
        List<JsonNode> r = rows(TaskKind.PIQA);
        for (JsonNode n : r) {
            ((ObjectNode) n).put("label", n.get("label").asInt() == 1);
        }
        Path f = dir.resolve("piqa.arrow");
        TableFixtures.arrowStream(f, r);
        UserInputException e = assertThrows(UserInputException.class, () -> TaskFolder.load(dir, TaskKind.PIQA));
        assertTrue(e.getMessage().startsWith(f + " row 1: field 'label' has the wrong type: boolean"), e.getMessage());
    }

    @Test
    void truncatedParquetAndArrowFilesAreNamedErrors() throws IOException {
        Path pq = dir.resolve("whole.parquet");
        TableFixtures.parquet(pq, rows(TaskKind.BOOLQ), CompressionCodecName.SNAPPY, false);
        Path cut = dir.resolve("boolq.parquet");
        byte[] b = Files.readAllBytes(pq);
        Files.write(cut, Arrays.copyOf(b, b.length - 20));
        UserInputException e = assertThrows(UserInputException.class, () -> TaskFolder.load(dir, TaskKind.BOOLQ));
        assertTrue(e.getMessage().startsWith(cut + ": truncated Parquet file"), e.getMessage());

        // a footer whose page offsets point into garbage
        byte[] bad = b.clone();
        Arrays.fill(bad, 4, Math.min(bad.length - 200, 400), (byte) 0x7f);
        Files.write(cut, bad);
        e = assertThrows(UserInputException.class, () -> TaskFolder.load(dir, TaskKind.BOOLQ));
        assertTrue(e.getMessage().startsWith(cut + ": "), e.getMessage());

        Path ar = dir.resolve("whole.arrow");
        TableFixtures.arrowStream(ar, rows(TaskKind.WINOGRANDE));
        Path arCut = dir.resolve("winogrande.arrow");
        byte[] a = Files.readAllBytes(ar);
        Files.write(arCut, Arrays.copyOf(a, a.length / 2));
        e = assertThrows(UserInputException.class, () -> TaskFolder.load(dir, TaskKind.WINOGRANDE));
        assertTrue(e.getMessage().startsWith(arCut + ": ") && e.getMessage().contains("Arrow"), e.getMessage());
    }

    @Test
    void corruptingAnyByteGivesRowsOrANamedErrorNeverACrash() throws IOException {
        Path pq = dir.resolve("src.parquet");
        TableFixtures.parquet(pq, rows(TaskKind.OPENBOOKQA), CompressionCodecName.SNAPPY, false);
        Path ar = dir.resolve("src.arrow");
        TableFixtures.arrowStream(ar, rows(TaskKind.OPENBOOKQA));
        for (Path src : List.of(pq, ar)) {
            byte[] b = Files.readAllBytes(src);
            Path target = dir.resolve("openbookqa" + src.getFileName().toString().substring(3));
            for (int i = 0; i < b.length; i += 7) {
                byte[] c = b.clone();
                c[i] ^= (byte) 0x5a;
                Files.write(target, c);
                try {
                    TaskData.load(TaskKind.OPENBOOKQA, target);
                } catch (UserInputException e) {
                    assertTrue(e.getMessage().startsWith(target.toString()), "byte " + i + ": " + e.getMessage());
                }
            }
        }
    }

    @Test
    void unknownContentIsRefusedWhateverTheExtension() throws IOException {
        Path f = dir.resolve("hellaswag.parquet");
        Files.write(f, new byte[] {0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0});
        UserInputException e = assertThrows(UserInputException.class, () -> TaskFolder.load(dir, TaskKind.HELLASWAG));
        assertEquals(f + ": not a data file this tool reads (expected JSON Lines, a JSON array, Parquet or Arrow IPC; "
                + "the file starts with 0x504b030400000000)", e.getMessage());
    }

    @Test
    void originalArcChoiceWithoutTextNamesTheEntry() throws IOException {
        Path f = dir.resolve("arc_challenge.jsonl");
        Files.writeString(f, "{\"id\":\"x\",\"question\":{\"stem\":\"Q?\",\"choices\":[{\"text\":\"a\",\"label\":\"A\"},{\"label\":\"B\"}]},\"answerKey\":\"A\"}\n");
        UserInputException e = assertThrows(UserInputException.class, () -> TaskFolder.load(dir, TaskKind.ARC_CHALLENGE));
        assertEquals(f + ":1: field 'question.choices[1].text' missing (expected a string)", e.getMessage());
    }

    @Test
    void piqaLabelsFileProblemsNameTheFileAndLine() throws IOException {
        Path data = dir.resolve("piqa.jsonl");
        Files.writeString(data, "{\"goal\":\"g\",\"sol1\":\"a\",\"sol2\":\"b\"}\n{\"goal\":\"h\",\"sol1\":\"a\",\"sol2\":\"b\"}\n");
        UserInputException e = assertThrows(UserInputException.class, () -> TaskFolder.load(dir, TaskKind.PIQA));
        assertTrue(e.getMessage().startsWith(data + ":1: field 'label' missing"), e.getMessage());
        Path labels = dir.resolve("piqa-labels.lst");
        Files.writeString(labels, "1\n");
        e = assertThrows(UserInputException.class, () -> TaskFolder.load(dir, TaskKind.PIQA));
        assertEquals(labels + ": has 1 labels but " + data + " has 2 rows (expected one 0/1 label per row)", e.getMessage());
        Files.writeString(labels, "1\nyes\n");
        e = assertThrows(UserInputException.class, () -> TaskFolder.load(dir, TaskKind.PIQA));
        assertEquals(labels + ":2: label 'yes' (expected 0 or 1)", e.getMessage());
    }

    @Test
    void datasetFolderWithoutTheSplitSaysWhatItSaw() throws IOException {
        Path snap = dir.resolve("datasets--ybisk--piqa").resolve("snapshots").resolve("h").resolve("plain_text");
        TableFixtures.parquet(snap.resolve("train-00000-of-00001.parquet"), rows(TaskKind.PIQA), CompressionCodecName.SNAPPY, false);
        UserInputException e = assertThrows(UserInputException.class, () -> TaskFolder.load(dir, TaskKind.PIQA));
        assertTrue(e.getMessage().startsWith(dir.resolve("datasets--ybisk--piqa") + ": no validation split of PIQA found"), e.getMessage());
        assertTrue(e.getMessage().endsWith("data files seen: [plain_text/train-00000-of-00001.parquet])"), e.getMessage());
    }
}
