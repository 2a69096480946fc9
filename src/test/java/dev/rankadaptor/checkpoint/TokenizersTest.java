package dev.rankadaptor.checkpoint;

import dev.rankadaptor.common.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenizersTest {
    @TempDir
    Path dir;

    private static String special(int id, String content) {
        return "{\"id\":" + id + ",\"content\":\"" + content + "\",\"single_word\":false,\"lstrip\":false,"
                + "\"rstrip\":false,\"normalized\":false,\"special\":true}";
    }

    /** A WordLevel model with a Whitespace pre-tokenizer and a post-processor that would add &lt;s&gt;. */
    static String wordLevelJson() {
        return "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":["
                + special(0, "<unk>") + "," + special(1, "<s>") + "," + special(2, "</s>") + "],"
                + "\"normalizer\":null,\"pre_tokenizer\":{\"type\":\"Whitespace\"},"
                + "\"post_processor\":{\"type\":\"TemplateProcessing\","
                + "\"single\":[{\"SpecialToken\":{\"id\":\"<s>\",\"type_id\":0}},{\"Sequence\":{\"id\":\"A\",\"type_id\":0}}],"
                + "\"pair\":[{\"Sequence\":{\"id\":\"A\",\"type_id\":0}},{\"Sequence\":{\"id\":\"B\",\"type_id\":1}}],"
                + "\"special_tokens\":{\"<s>\":{\"id\":\"<s>\",\"ids\":[1],\"tokens\":[\"<s>\"]}}},"
                + "\"decoder\":null,"
                + "\"model\":{\"type\":\"WordLevel\",\"vocab\":{\"<unk>\":0,\"<s>\":1,\"</s>\":2,\"the\":3,\"cat\":4,"
                + "\"sat\":5,\"on\":6,\"mat\":7,\".\":8},\"unk_token\":\"<unk>\"}}";
    }

    @Test
    void hfTokenizerEncodesWithoutSpecialTokensOrTruncation() throws Exception {
        Files.writeString(dir.resolve("tokenizer.json"), wordLevelJson());
        try (TextTokenizer tok = Tokenizers.open(dir)) {
            assertTrue(tok instanceof HfTokenizer);
            assertArrayEquals(new int[]{3, 4, 5, 6, 3, 7, 8}, tok.encode("the cat sat on the mat."));
            assertArrayEquals(new int[]{3, 0, 4}, tok.encode("the dog cat"));
            assertEquals("the cat sat", tok.decode(new int[]{3, 4, 5}));
            assertEquals(9, tok.vocabSize());
            assertEquals(OptionalInt.of(1), tok.bosId());
            assertEquals(OptionalInt.of(2), tok.eosId());
            String longText = "the cat ".repeat(700);
            assertEquals(1400, tok.encode(longText).length, "no truncation at 512");
        }
    }

    @Test
    void corruptTokenizerJsonIsNamed() throws Exception {
        Path f = dir.resolve("tokenizer.json");
        Files.writeString(f, "{\"model\": {\"type\": \"WordLevel\"");
        UserInputException e = assertThrows(UserInputException.class, () -> Tokenizers.open(dir));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        Files.writeString(f, "{\"model\":{\"type\":\"NoSuchModel\",\"vocab\":{\"a\":0}}}");
        e = assertThrows(UserInputException.class, () -> Tokenizers.open(dir));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void absentTokenizer() {
        UserInputException e = assertThrows(UserInputException.class, () -> Tokenizers.open(dir));
        assertEquals("no tokenizer in " + dir + ": expected tokenizer.json or tokenizer.model", e.getMessage());
    }

    // --- SentencePiece: a tiny unigram ModelProto encoded by hand (protobuf wire format) ---

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static void tag(ByteArrayOutputStream out, int field, int wire) {
        varint(out, ((long) field << 3) | wire);
    }

    private static void bytesField(ByteArrayOutputStream out, int field, byte[] b) {
        tag(out, field, 2);
        varint(out, b.length);
        out.write(b, 0, b.length);
    }

    private static void intField(ByteArrayOutputStream out, int field, long v) {
        tag(out, field, 0);
        varint(out, v);
    }

    private static byte[] piece(String text, float score, int type) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        bytesField(p, 1, text.getBytes(StandardCharsets.UTF_8));
        tag(p, 2, 5);
        int bits = Float.floatToIntBits(score);
        for (int i = 0; i < 4; i++) {
            p.write((bits >>> (8 * i)) & 0xff);
        }
        intField(p, 3, type);
        return p.toByteArray();
    }

    static byte[] tinySentencePieceModel() {
        String[] normal = {"\u2581hello", "\u2581world", "\u2581", "h", "e", "l", "o", "w", "r", "d"};
        float[] scores = {-1f, -1f, -3f, -5f, -5f, -5f, -5f, -5f, -5f, -5f};
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        bytesField(m, 1, piece("<unk>", 0f, 2));
        bytesField(m, 1, piece("<s>", 0f, 3));
        bytesField(m, 1, piece("</s>", 0f, 3));
        for (int i = 0; i < normal.length; i++) {
            bytesField(m, 1, piece(normal[i], scores[i], 1));
        }
        ByteArrayOutputStream trainer = new ByteArrayOutputStream();
        intField(trainer, 3, 1); // UNIGRAM
        intField(trainer, 4, 3 + normal.length);
        intField(trainer, 40, 0);
        intField(trainer, 41, 1);
        intField(trainer, 42, 2);
        bytesField(m, 2, trainer.toByteArray());
        ByteArrayOutputStream norm = new ByteArrayOutputStream();
        bytesField(norm, 1, "identity".getBytes(StandardCharsets.UTF_8));
        intField(norm, 3, 1);
        intField(norm, 4, 1);
        intField(norm, 5, 1);
        bytesField(m, 3, norm.toByteArray());
        return m.toByteArray();
    }

    @Test
    void sentencePieceModelEncodesAndDecodes() throws Exception {
        Files.write(dir.resolve("tokenizer.model"), tinySentencePieceModel());
        try (TextTokenizer tok = Tokenizers.open(dir)) {
            assertTrue(tok instanceof SentencePieceTextTokenizer);
            assertArrayEquals(new int[]{3, 4}, tok.encode("hello world"));
            assertArrayEquals(new int[]{4, 3, 3}, tok.encode("world  hello hello"));
            assertEquals("hello world", tok.decode(new int[]{3, 4}));
            assertEquals(13, tok.vocabSize());
            assertEquals(OptionalInt.of(1), tok.bosId());
            assertEquals(OptionalInt.of(2), tok.eosId());
        }
    }

    @Test
    void tokenizerJsonIsPreferredOverSentencePiece() throws Exception {
        Files.write(dir.resolve("tokenizer.model"), tinySentencePieceModel());
        Files.writeString(dir.resolve("tokenizer.json"), wordLevelJson());
        try (TextTokenizer tok = Tokenizers.open(dir)) {
            assertTrue(tok instanceof HfTokenizer);
        }
    }

    @Test
    void corruptSentencePieceModelIsNamed() throws Exception {
        Path f = dir.resolve("tokenizer.model");
        Files.write(f, new byte[]{0x0a, 0x7f, 0x01, 0x02, 0x03});
        UserInputException e = assertThrows(UserInputException.class, () -> Tokenizers.open(dir));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        // well-formed protobuf that the native loader rejects (no <unk> piece)
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        bytesField(m, 1, piece("\u2581a", -1f, 1));
        Files.write(f, m.toByteArray());
        e = assertThrows(UserInputException.class, () -> Tokenizers.open(dir));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        Files.write(f, new byte[0]);
        e = assertThrows(UserInputException.class, () -> Tokenizers.open(dir));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("empty"), e.getMessage());
    }
}
