package dev.rankadaptor.recover;

import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.train.TokenBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecoveryDataTest {
    @TempDir
    Path dir;

    @Test
    void readsJsonArrayAndJsonLines() throws IOException {
        Path json = Files.writeString(dir.resolve("a.json"),
                "[{\"instruction\":\"Say hi\",\"input\":\"\",\"output\":\"hi\"},{\"instruction\":\"Add\",\"input\":\"1 2\",\"output\":\"3\"}]");
        List<InstructionRecord> rows = AlpacaReader.read(json);
        assertEquals(2, rows.size());
        assertEquals("1 2", rows.get(1).input());
        Path jsonl = Files.writeString(dir.resolve("b.jsonl"),
                "{\"instruction\":\"Say hi\",\"output\":\"hi\"}\n\n{\"instruction\":\"x\",\"input\":\"y\",\"output\":\"z\"}\n");
        RecoveryData d = RecoveryData.read(jsonl);
        assertEquals(2, d.instructions().size());
        assertEquals("", d.instructions().get(0).input());
    }

    @Test
    void aMissingFieldNamesTheFileAndTheRow() throws IOException {
        Path json = Files.writeString(dir.resolve("bad.json"),
                "[{\"instruction\":\"a\",\"input\":\"\",\"output\":\"b\"},\n {\"instruction\":\"a\",\"input\":\"\"}]");
        UserInputException e = assertThrows(UserInputException.class, () -> AlpacaReader.read(json));
        assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("index 1")
                && e.getMessage().contains("\"output\""), e.getMessage());
        Path jsonl = Files.writeString(dir.resolve("bad.jsonl"),
                "{\"instruction\":\"a\",\"output\":\"b\"}\n{\"instruction\":\"a\",\"output\":\"b\"}\n{\"input\":\"a\",\"output\":\"b\"}\n");
        e = assertThrows(UserInputException.class, () -> AlpacaReader.read(jsonl));
        assertTrue(e.getMessage().contains("bad.jsonl") && e.getMessage().contains("line 3")
                && e.getMessage().contains("\"instruction\""), e.getMessage());
        Path broken = Files.writeString(dir.resolve("broken.jsonl"), "{\"instruction\":\"a\",\"output\":\"b\"}\n{oops\n");
        e = assertThrows(UserInputException.class, () -> AlpacaReader.read(broken));
        assertTrue(e.getMessage().contains("broken.jsonl") && e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void promptTemplatesWithAndWithoutInput() {
        String with = AlpacaPrompt.prompt(new InstructionRecord("Translate", "bonjour", "hello"));
        assertEquals("Below is an instruction that describes a task, paired with an input that provides further context. "
                + "Write a response that appropriately completes the request.\n\n### Instruction:\nTranslate\n\n"
                + "### Input:\nbonjour\n\n### Response:\n", with);
        String without = AlpacaPrompt.prompt(new InstructionRecord("Say hi", "", "hi"));
        assertEquals("Below is an instruction that describes a task. Write a response that appropriately completes the "
                + "request.\n\n### Instruction:\nSay hi\n\n### Response:\n", without);
    }

    @Test
    void tokenizationAddsBosEosMasksThePromptAndCuts() {
        HashedWordTokenizer tok = new HashedWordTokenizer(53);
        InstructionRecord r = new InstructionRecord("Say hi", "", "hi there");
        int promptLen = tok.encode(AlpacaPrompt.prompt(r)).length;
        int fullLen = tok.encode(AlpacaPrompt.full(r)).length;
        TokenBatch.Example e = RecoveryExamples.instructions(List.of(r), tok, 1, 2, 256, true).get(0);
        assertEquals(fullLen + 2, e.tokens().length);
        assertEquals(1, e.tokens()[0]);
        assertEquals(2, e.tokens()[e.tokens().length - 1]);
        for (int i = 0; i < e.tokens().length; i++) {
            assertEquals(i > promptLen, e.trained()[i], "token " + i);
        }
        TokenBatch.Example all = RecoveryExamples.instructions(List.of(r), tok, 1, 2, 256, false).get(0);
        assertTrue(all.trained()[1]);
        TokenBatch.Example cut = RecoveryExamples.instructions(List.of(r), tok, 1, 2, 10, false).get(0);
        assertEquals(10, cut.tokens().length);
        assertTrue(cut.tokens()[9] != 2, "no EOS when the cutoff truncates");
        List<TokenBatch.Example> text = RecoveryExamples.plainText("a b c d e f g", tok, 1, 4);
        assertEquals(3, text.size());
        assertEquals(4, text.get(0).tokens().length);
        assertEquals(1, text.get(2).tokens()[0]);
        assertEquals(2, text.get(2).tokens().length);
        assertFalse(text.isEmpty());
    }
}
