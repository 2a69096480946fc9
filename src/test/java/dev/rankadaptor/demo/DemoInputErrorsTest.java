package dev.rankadaptor.demo;

import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.common.UserInputException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad sizes, targets and tokenizer files give messages that name the field or file. */
class DemoInputErrorsTest {
    @Test
    void sizesAreValidated() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> new DemoWorldWriter.Sizes(0, 10, 10, 10, 500));
        assertEquals("corpusChars", e.field());
        assertEquals("evalRows", assertThrows(InvalidFieldException.class,
                () -> new DemoWorldWriter.Sizes(10, 10, 10, 5000, 500)).field());
    }

    @Test
    void aFileInsteadOfAFolderIsRejected() throws Exception {
        Path file = Files.createTempFile("not-a-folder", ".txt");
        UserInputException e = assertThrows(UserInputException.class, () -> DemoWorldWriter.write(file, 1));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void brokenTokenizerFilesNameTheFile() throws Exception {
        Path dir = Files.createTempDirectory("tok");
        Path json = dir.resolve("tokenizer.json");
        Files.writeString(json, "{\"model\": {\"type\": \"Unigram\"}}");
        UserInputException e = assertThrows(UserInputException.class, () -> TokenizerFiles.read(json));
        assertTrue(e.getMessage().startsWith(json.toString()) && e.getMessage().contains("BPE"), e.getMessage());
        Files.writeString(json, "{not json");
        assertThrows(UserInputException.class, () -> TokenizerFiles.read(json));
    }

    @Test
    void heldOutMatchesSentencesWhateverTheirLabelOrCase() {
        HeldOut h = new HeldOut();
        h.add("What color is the fox?");
        assertTrue(h.touches("Some text.\nQuestion: what color is the FOX?\nAnswer: red"));
        assertTrue(h.touches("Q: What color is the fox?"));
        assertFalse(h.touches("The fox is red. What color is the frog?"));
        h.add("Tom drops the cup. What happens to the cup?");
        assertTrue(h.touches("Question: Tom drops the cup. What happens to the cup?\nAnswer: it breaks"), "two-sentence keys");
    }
}
