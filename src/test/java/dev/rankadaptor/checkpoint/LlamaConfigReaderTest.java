package dev.rankadaptor.checkpoint;

import dev.rankadaptor.common.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LlamaConfigReaderTest {
    @TempDir
    Path dir;

    private Path write(String json) throws Exception {
        Path f = dir.resolve("config.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void llama1StyleConfigGetsDefaults() throws Exception {
        LlamaConfig c = LlamaConfigReader.read(write("{\"architectures\":[\"LLaMAForCausalLM\"],\"hidden_size\":4096,"
                + "\"intermediate_size\":11008,\"num_attention_heads\":32,\"num_hidden_layers\":32,\"vocab_size\":32000,"
                + "\"rms_norm_eps\":1e-06,\"bos_token_id\":0,\"eos_token_id\":1}"));
        assertEquals(32, c.numKeyValueHeads());
        assertEquals(128, c.headDim());
        assertEquals(10000.0, c.ropeTheta());
        assertFalse(c.tieWordEmbeddings());
        assertEquals(2048, c.maxPositionEmbeddings());
        assertEquals(0, c.bosTokenId());
        assertEquals(1, c.eosTokenId());
        assertEquals("float32", c.torchDtype());
    }

    @Test
    void tinyLlamaGqaAndLlama3Fields() throws Exception {
        LlamaConfig c = LlamaConfigReader.read(write("{\"model_type\":\"llama\",\"hidden_size\":2048,"
                + "\"intermediate_size\":5632,\"num_attention_heads\":32,\"num_key_value_heads\":4,\"num_hidden_layers\":22,"
                + "\"vocab_size\":32000,\"rope_theta\":500000.0,\"eos_token_id\":[128001,128009],"
                + "\"torch_dtype\":\"bfloat16\",\"tie_word_embeddings\":true,\"max_position_embeddings\":4096}"));
        assertEquals(4, c.numKeyValueHeads());
        assertEquals(8, c.groupSize());
        assertEquals(64, c.headDim());
        assertEquals(500000.0, c.ropeTheta());
        assertEquals(128001, c.eosTokenId());
        assertEquals(1, c.bosTokenId());
        assertTrue(c.tieWordEmbeddings());
        assertEquals("bfloat16", c.torchDtype());
    }

    @Test
    void missingRequiredFieldNamesFileAndField() throws Exception {
        Path f = write("{\"model_type\":\"llama\",\"intermediate_size\":11008,\"num_attention_heads\":32,"
                + "\"num_hidden_layers\":32,\"vocab_size\":32000}");
        UserInputException e = assertThrows(UserInputException.class, () -> LlamaConfigReader.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("hidden_size"), e.getMessage());
    }

    @Test
    void wrongTypeNamesTheField() throws Exception {
        Path f = write("{\"model_type\":\"llama\",\"hidden_size\":\"4096\",\"intermediate_size\":11008,"
                + "\"num_attention_heads\":32,\"num_hidden_layers\":32,\"vocab_size\":32000}");
        UserInputException e = assertThrows(UserInputException.class, () -> LlamaConfigReader.read(f));
        assertTrue(e.getMessage().contains("\"hidden_size\" must be an integer"), e.getMessage());
    }

    @Test
    void invalidValueNamesTheField() throws Exception {
        Path f = write("{\"model_type\":\"llama\",\"hidden_size\":64,\"intermediate_size\":128,"
                + "\"num_attention_heads\":4,\"num_key_value_heads\":3,\"num_hidden_layers\":2,\"vocab_size\":10}");
        UserInputException e = assertThrows(UserInputException.class, () -> LlamaConfigReader.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("num_key_value_heads"), e.getMessage());
    }

    @Test
    void otherArchitecturesAreRefusedByName() throws Exception {
        Path f = write("{\"model_type\":\"mistral\",\"architectures\":[\"MistralForCausalLM\"],\"hidden_size\":4096}");
        UserInputException e = assertThrows(UserInputException.class, () -> LlamaConfigReader.read(f));
        assertTrue(e.getMessage().contains("mistral") && e.getMessage().contains("MistralForCausalLM")
                && e.getMessage().contains("unsupported"), e.getMessage());
    }

    @Test
    void llama2ConfigAsPublished() throws Exception {
        LlamaConfig c = LlamaConfigReader.read(write("{\"architectures\":[\"LlamaForCausalLM\"],\"bos_token_id\":1,"
                + "\"eos_token_id\":2,\"hidden_act\":\"silu\",\"hidden_size\":4096,\"initializer_range\":0.02,"
                + "\"intermediate_size\":11008,\"max_position_embeddings\":4096,\"model_type\":\"llama\","
                + "\"num_attention_heads\":32,\"num_hidden_layers\":32,\"num_key_value_heads\":32,\"pretraining_tp\":1,"
                + "\"rms_norm_eps\":1e-05,\"rope_scaling\":null,\"tie_word_embeddings\":false,\"torch_dtype\":\"float16\","
                + "\"transformers_version\":\"4.31.0.dev0\",\"use_cache\":true,\"vocab_size\":32000}"));
        assertEquals(new LlamaConfig(4096, 11008, 32, 32, 32, 32000, 128, 1e-5, 10000, false, 4096, 1, 2, "float16"), c);
        assertEquals(6_738_415_616L, c.nominalLayout().parameterCount(c));
    }

    @Test
    void variantsWithADifferentForwardAreRefused() throws Exception {
        String base = "\"model_type\":\"llama\",\"hidden_size\":64,\"intermediate_size\":128,"
                + "\"num_attention_heads\":4,\"num_hidden_layers\":2,\"vocab_size\":10";
        for (String extra : new String[]{"\"rope_scaling\":{\"rope_type\":\"llama3\",\"factor\":8.0}",
                "\"attention_bias\":true", "\"hidden_act\":\"gelu\""}) {
            Path f = write("{" + base + "," + extra + "}");
            UserInputException e = assertThrows(UserInputException.class, () -> LlamaConfigReader.read(f));
            assertTrue(e.getMessage().contains("not supported") && e.getMessage().contains(f.toString()), e.getMessage());
        }
    }

    @Test
    void notJson() throws Exception {
        Path f = write("{hidden_size: 3");
        UserInputException e = assertThrows(UserInputException.class, () -> LlamaConfigReader.read(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void writerRoundTrips() {
        LlamaConfig c = new LlamaConfig(96, 200, 6, 2, 3, 77, 16, 1e-5, 500000, true, 4096, 5, 6, "float16");
        Path f = dir.resolve("out").resolve("config.json");
        LlamaConfigWriter.write(c, f);
        assertEquals(c, LlamaConfigReader.read(f));
    }
}
