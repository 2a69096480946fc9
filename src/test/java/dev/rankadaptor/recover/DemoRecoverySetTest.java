package dev.rankadaptor.recover;

import dev.rankadaptor.checkpoint.TextTokenizer;
import dev.rankadaptor.checkpoint.Tokenizers;
import dev.rankadaptor.train.TokenBatch;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo project's shipped recovery set reads and tokenizes within the demo cutoff. */
class DemoRecoverySetTest {
    static final Path DEMO = Path.of("sample-projects", "tiny-llama-demo");

    @Test
    void everyRowBecomesAResponseTrainedExample() {
        RecoveryData data = RecoveryData.read(DEMO.resolve("data").resolve("recovery_alpaca.json"));
        assertEquals(2000, data.instructions().size());
        int cutoff = RecoveryConfig.demo().cutoffLength();
        try (TextTokenizer tok = Tokenizers.open(DEMO)) {
            List<TokenBatch.Example> ex = RecoveryExamples.of(data, tok, 1, 2, cutoff, true);
            assertEquals(2000, ex.size());
            int withEos = 0;
            long trained = 0;
            long total = 0;
            for (TokenBatch.Example e : ex) {
                assertEquals(1, e.tokens()[0]);
                withEos += e.tokens()[e.tokens().length - 1] == 2 ? 1 : 0;
                for (int i = 0; i < e.tokens().length; i++) {
                    trained += e.trained()[i] ? 1 : 0;
                }
                total += e.tokens().length;
            }
            System.out.printf("demo recovery set: %d examples, %.1f tokens each, %.0f%% trained, %d untruncated%n",
                    ex.size(), total / (double) ex.size(), 100.0 * trained / total, withEos);
            assertTrue(withEos > 0.95 * ex.size(), "the demo cutoff should rarely truncate: " + withEos);
        }
    }
}
