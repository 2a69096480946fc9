package dev.rankadaptor.checkpoint;

import ai.djl.sentencepiece.SpProcessor;
import ai.djl.sentencepiece.SpTokenizer;
import dev.rankadaptor.common.UserInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A SentencePiece tokenizer.model (the original LLaMA / Vicuna tokenizer) through DJL's
 * sentencepiece binding, which ships its native library. SentencePiece's encode adds no bos/eos,
 * matching {@link TextTokenizer}'s contract; bos/eos ids come from the model's &lt;s&gt; and &lt;/s&gt; pieces.
 */
public final class SentencePieceTextTokenizer implements TextTokenizer {
    private final SpTokenizer tokenizer;
    private final SpProcessor processor;
    private final int vocabSize;
    private final OptionalInt bos;
    private final OptionalInt eos;

    private SentencePieceTextTokenizer(SpTokenizer tokenizer, int vocabSize) {
        this.tokenizer = tokenizer;
        this.processor = tokenizer.getProcessor();
        this.vocabSize = vocabSize;
        this.bos = piece("<s>");
        this.eos = piece("</s>");
    }

    public static SentencePieceTextTokenizer open(Path modelFile) {
        if (!Files.isRegularFile(modelFile)) {
            throw new UserInputException("SentencePiece model " + modelFile + " does not exist");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(modelFile);
        } catch (java.io.IOException e) {
            throw new UserInputException("cannot read SentencePiece model " + modelFile + ": " + e.getMessage(), e);
        }
        if (bytes.length == 0) {
            throw new UserInputException("SentencePiece model " + modelFile + " is empty");
        }
        // count the pieces (and reject non-protobuf bytes) before the native library sees the file
        int pieces = countPieces(bytes, modelFile);
        SpTokenizer tok;
        try {
            tok = new SpTokenizer(bytes);
        } catch (RuntimeException e) {
            throw new UserInputException("SentencePiece model " + modelFile + " could not be loaded (corrupt or not a "
                    + "SentencePiece model): " + e.getMessage(), e);
        }
        try {
            return new SentencePieceTextTokenizer(tok, pieces);
        } catch (RuntimeException e) {
            tok.close();
            throw new UserInputException("SentencePiece model " + modelFile + " is unusable: " + e.getMessage(), e);
        }
    }

    /**
     * Walks the top level of the ModelProto (protobuf wire format) and counts field 1, the pieces:
     * the binding exposes no vocabulary size.
     */
    static int countPieces(byte[] b, Path file) {
        return walkPieces(b, file, Map.of());
    }

    /**
     * The ids of the named pieces (e.g. "&lt;s&gt;"), read from the model bytes without the native
     * library; a name that is not a piece is absent from the result.
     */
    static Map<String, Integer> pieceIds(byte[] b, Path file, Set<String> names) {
        Map<String, Integer> found = new HashMap<>();
        for (String n : names) {
            found.put(n, -1);
        }
        walkPieces(b, file, found);
        found.values().removeIf(v -> v < 0);
        return found;
    }

    /** Counts the pieces; fills {@code wanted}'s values (piece text -> id) for the names it holds. */
    private static int walkPieces(byte[] b, Path file, Map<String, Integer> wanted) {
        int pos = 0;
        int pieces = 0;
        try {
            while (pos < b.length) {
                long[] tag = varint(b, pos);
                pos = (int) tag[1];
                int field = (int) (tag[0] >>> 3);
                int wire = (int) (tag[0] & 7);
                switch (wire) {
                    case 0:
                        pos = (int) varint(b, pos)[1];
                        break;
                    case 1:
                        pos += 8;
                        break;
                    case 2: {
                        long[] len = varint(b, pos);
                        if (len[0] < 0 || len[1] + len[0] > b.length) {
                            throw new IllegalStateException("field " + field + " runs past the end");
                        }
                        pos = (int) (len[1] + len[0]);
                        if (field == 1) {
                            if (!wanted.isEmpty()) {
                                String text = pieceText(b, (int) len[1], pos);
                                if (text != null && wanted.containsKey(text) && wanted.get(text) < 0) {
                                    wanted.put(text, pieces);
                                }
                            }
                            pieces++;
                        }
                        break;
                    }
                    case 5:
                        pos += 4;
                        break;
                    default:
                        throw new IllegalStateException("unknown wire type " + wire);
                }
                if (pos > b.length) {
                    throw new IllegalStateException("truncated");
                }
            }
        } catch (IllegalStateException e) {
            throw new UserInputException("SentencePiece model " + file + " is corrupt or not a SentencePiece model ("
                    + e.getMessage() + ")");
        }
        if (pieces == 0) {
            throw new UserInputException("SentencePiece model " + file + " holds no pieces");
        }
        return pieces;
    }

    /** Field 1 (the piece's text) of a SentencePiece message in b[start, end), or null. */
    private static String pieceText(byte[] b, int start, int end) {
        int pos = start;
        while (pos < end) {
            long[] tag = varint(b, pos);
            pos = (int) tag[1];
            int wire = (int) (tag[0] & 7);
            if (wire == 2) {
                long[] len = varint(b, pos);
                int from = (int) len[1];
                pos = from + (int) len[0];
                if (pos > end) {
                    return null;
                }
                if ((tag[0] >>> 3) == 1) {
                    return new String(b, from, (int) len[0], java.nio.charset.StandardCharsets.UTF_8);
                }
            } else if (wire == 0) {
                pos = (int) varint(b, pos)[1];
            } else if (wire == 5) {
                pos += 4;
            } else if (wire == 1) {
                pos += 8;
            } else {
                return null;
            }
        }
        return null;
    }

    private static long[] varint(byte[] b, int pos) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= b.length) {
                throw new IllegalStateException("truncated varint");
            }
            int x = b[pos++];
            v |= (long) (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                return new long[]{v, pos};
            }
        }
        throw new IllegalStateException("varint too long");
    }

    private OptionalInt piece(String piece) {
        int id = processor.getId(piece);
        return id >= 0 && piece.equals(processor.getToken(id)) ? OptionalInt.of(id) : OptionalInt.empty();
    }

    @Override
    public int[] encode(String text) {
        return processor.encode(text);
    }

    @Override
    public String decode(int[] ids) {
        return processor.decode(ids);
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public OptionalInt bosId() {
        return bos;
    }

    @Override
    public OptionalInt eosId() {
        return eos;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
