package dev.rankadaptor.demo;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.rankadaptor.common.InvalidFieldException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our BPE trainer and encoder, and the tokenizer.json they produce as read by the HF library (via DJL). */
class BpeTokenizerTest {
    private static final String SAMPLE = "the cat sat on the mat. the cat ate the rat. the rat sat on the cat. ";

    @Test
    void firstMergeIsTheMostFrequentPair() {
        BpeModel m = new BpeTrainer(300).train(SAMPLE.repeat(20));
        assertEquals(List.of("<unk>", "<s>", "</s>"), m.tokens().subList(0, 3));
        // "at" occurs in cat, sat, mat, rat, ate: more often than any other pair
        assertEquals("a t", String.join(" ", m.merges().get(0)));
        assertTrue(m.vocabSize() <= 300);
    }

    @Test
    void trainingIsDeterministic() {
        BpeModel a = new BpeTrainer(320).train(SAMPLE.repeat(10));
        BpeModel b = new BpeTrainer(320).train(SAMPLE.repeat(10));
        assertEquals(a.tokens(), b.tokens());
        assertEquals(a.merges().size(), b.merges().size());
        for (int i = 0; i < a.merges().size(); i++) {
            assertArrayEquals(a.merges().get(i), b.merges().get(i));
        }
    }

    @Test
    void tooSmallVocabularyIsRejected() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> new BpeTrainer(100));
        assertEquals("vocabSize", e.field());
    }

    @Test
    void ownEncoderRoundTripsAndKeepsLeadingSpaceDistinct() {
        try (BpeTokenizer t = new BpeTokenizer(new BpeTrainer(400).train(SAMPLE.repeat(30) + "Answer: yes\nAnswer: no\n yes yes"))) {
            String text = "Question: the cat sat?\nAnswer: yes\n\nthe rat ate 42 mats, caf\u00e9!";
            assertEquals(text, t.decode(t.encode(text)));
            assertNotEquals(t.encode(" yes")[0], t.encode("yes")[0]);
        }
    }

    @Test
    void huggingFaceLoadsTheFileRoundTripsAndAgreesWithOurEncoder() throws Exception {
        Path project = DemoFixture.project();
        Path json = project.resolve("tokenizer.json");
        BpeModel model = TokenizerFiles.read(json);
        assertEquals(DemoFixture.SIZES.vocabSize(), model.vocabSize());
        List<String> lines = Files.readAllLines(project.resolve(DemoWorldWriter.CORPUS)).stream().filter(l -> !l.isBlank()).toList();
        Random rng = new Random(3);
        try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.builder().optTokenizerPath(json).optAddSpecialTokens(false)
                .optTruncation(false).optPadding(false).build();
             BpeTokenizer own = new BpeTokenizer(model)) {
            int last = model.vocabSize() - 1;
            assertEquals(own.decode(new int[] {last}), hf.decode(new long[] {last}, true), "the last id means the same");
            for (int i = 0; i < 300; i++) {
                String line = lines.get(rng.nextInt(lines.size()));
                if (i % 3 == 0) {
                    line = line + "\n" + lines.get(rng.nextInt(lines.size())) + "\n\n";
                }
                Encoding enc = hf.encode(line, false, false);
                long[] ids = enc.getIds();
                assertEquals(line, hf.decode(ids, true), "HF round trip");
                int[] ownIds = own.encode(line);
                assertArrayEquals(ids, Arrays.stream(ownIds).asLongStream().toArray(), "same ids for: " + line);
                assertEquals(line, own.decode(ownIds));
            }
            String odd = "Zebra-like \"quotes\" and tabs\there; numbers 123456 & symbols #@!";
            assertArrayEquals(hf.encode(odd, false, false).getIds(), Arrays.stream(own.encode(odd)).asLongStream().toArray());
            assertEquals(odd, hf.decode(hf.encode(odd, false, false).getIds(), true));
            assertNotEquals(hf.encode(" yes", false, false).getIds()[0], hf.encode("yes", false, false).getIds()[0]);
            assertEquals(1, hf.encode("the fox", true, false).getIds()[0], "<s> is added when special tokens are asked for");
        }
        try (HuggingFaceTokenizer plain = HuggingFaceTokenizer.newInstance(json)) {
            String text = "Question: What color is the fox?\nAnswer: red";
            assertEquals(text, plain.decode(plain.encode(text).getIds(), true), "the plain newInstance(Path) loads it too");
        }
    }
}
