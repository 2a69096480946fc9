package dev.rankadaptor.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rankadaptor.common.Json;
import dev.rankadaptor.common.UserInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The bos/eos ids a checkpoint folder's tokenizer defines, read from its files (tokenizer.json with
 * tokenizer_config.json, else the SentencePiece tokenizer.model; the same preference and the same
 * token names as {@link Tokenizers}) without loading a native tokenizer, so that a checkpoint is
 * reconciled when it is opened. Old LLaMA-1 Hugging Face conversions, the paper's checkpoint among
 * them, declare bos 0 / eos 1 in config.json while their tokenizer has &lt;s&gt; = 1 and &lt;/s&gt; = 2:
 * trusting config.json would start every recovery example with &lt;unk&gt;. The tokenizer wins.
 */
record TokenizerSpecialIds(OptionalInt bos, OptionalInt eos, Path file) {

    /** The folder's tokenizer ids; empty when it has no tokenizer or the files cannot be read (opening the tokenizer will say why). */
    static Optional<TokenizerSpecialIds> read(Path folder) {
        Path json = folder.resolve(Tokenizers.HF_FILE);
        try {
            if (Files.isRegularFile(json)) {
                JsonNode root = Json.mapper().readTree(json.toFile());
                if (root == null || !root.isObject()) {
                    return Optional.empty();
                }
                Map<String, Integer> ids = HfTokenizer.tokenIds(root);
                Path config = folder.resolve("tokenizer_config.json");
                return Optional.of(new TokenizerSpecialIds(HfTokenizer.special(ids, config, "bos_token", HfTokenizer.BOS_NAMES),
                        HfTokenizer.special(ids, config, "eos_token", HfTokenizer.EOS_NAMES), json));
            }
            Path sp = folder.resolve(Tokenizers.SENTENCEPIECE_FILE);
            if (Files.isRegularFile(sp)) {
                Map<String, Integer> ids = SentencePieceTextTokenizer.pieceIds(Files.readAllBytes(sp), sp, Set.of("<s>", "</s>"));
                return Optional.of(new TokenizerSpecialIds(id(ids.get("<s>")), id(ids.get("</s>")), sp));
            }
        } catch (IOException | UserInputException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static OptionalInt id(Integer v) {
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    /**
     * The config with the tokenizer's bos/eos ids where they differ from the declared ones; each
     * difference is reported once to {@code warnings}, naming both files and both values.
     */
    static LlamaConfig reconcile(LlamaConfig declared, Path folder, Consumer<String> warnings) {
        Optional<TokenizerSpecialIds> found = read(folder);
        if (found.isEmpty()) {
            return declared;
        }
        TokenizerSpecialIds t = found.get();
        int bos = t.bos().orElse(declared.bosTokenId());
        int eos = t.eos().orElse(declared.eosTokenId());
        if (bos == declared.bosTokenId() && eos == declared.eosTokenId()) {
            return declared;
        }
        warnings.accept(folder.resolve(Checkpoint.CONFIG_FILE) + " declares bos_token_id " + declared.bosTokenId()
                + " and eos_token_id " + declared.eosTokenId() + ", but the tokenizer (" + t.file().getFileName()
                + ") has bos " + bos + " and eos " + eos + ": using the tokenizer's ids (old LLaMA-1 conversions "
                + "declare 0/1 in config.json)");
        return new LlamaConfig(declared.hiddenSize(), declared.intermediateSize(), declared.numAttentionHeads(),
                declared.numKeyValueHeads(), declared.numHiddenLayers(), declared.vocabSize(), declared.headDim(),
                declared.rmsNormEps(), declared.ropeTheta(), declared.tieWordEmbeddings(), declared.maxPositionEmbeddings(),
                bos, eos, declared.torchDtype());
    }
}
