package dev.rankadaptor.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BankModelCheckTest {
    private static final Path DEMO_BANK = Path.of("sample-projects/trial-banks/tiny-llama-demo-run.jsonl");
    private static final Path PAPER_BANK = Path.of("sample-projects/trial-banks/paper-llama7b.jsonl");

    @Test
    void theBundledBanksGetPerGroupMetricsForTheModelAndBothBaselines(@TempDir Path tmp) throws Exception {
        List<BankModelCheck.Result> results = BankModelCheck.run(List.of(DEMO_BANK, PAPER_BANK), null, 5, 42);
        assertEquals(1 + 26, results.size(), "one demo group and the paper's 26 (rate, task) groups");
        BankModelCheck.Result demo = results.get(0);
        assertEquals("tiny-llama-demo/block-50%", demo.group());
        assertTrue(demo.n() >= 10, "n = " + demo.n());
        for (String m : List.of("mlp", "mean", "ridge")) {
            assertTrue(Double.isFinite(demo.cv().models().get(m).rmse()), m);
        }
        assertTrue(Double.isFinite(demo.cv().models().get("mlp").spearman()));
        assertEquals(0, results.get(1).cv().folds(), "two configurations per paper group: nothing to cross-validate");
        String text = BankModelCheck.text(results);
        assertTrue(text.contains("group tiny-llama-demo/block-50%: n = " + demo.n()), text);
        Path json = tmp.resolve("check.json");
        BankModelCheck.writeJson(json, results);
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        JsonNode g = root.get("groups").get(0);
        assertEquals(demo.n(), g.get("n").asInt());
        assertTrue(g.get("models").get("mlp").get("spearman").isNumber());
        assertTrue(g.get("models").get("ridge").get("kendall").isNumber());
        assertTrue(root.get("groups").get(1).get("models").get("mean").get("rmse").isNull());
    }
}
