package dev.rankadaptor.prune;

import dev.rankadaptor.common.Sha256;
import dev.rankadaptor.common.UserInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * SHA-256 of a checkpoint's weight files, recorded in a pruned model's provenance so that anyone
 * can check which exact base weights it was cut from.
 */
final class FileHashes {
    private FileHashes() {
    }

    /** File name -> lowercase hex SHA-256 of every *.safetensors file (and the shard index) in the folder. */
    static Map<String, String> weightFiles(Path folder) {
        Map<String, String> out = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> {
                String n = p.getFileName().toString();
                return Files.isRegularFile(p) && (n.endsWith(".safetensors") || n.endsWith(".safetensors.index.json")
                        || n.endsWith(".bin") || n.endsWith(".pth") || n.endsWith(".bin.index.json"));
            }).sorted().toList();
        } catch (IOException e) {
            throw new UserInputException("cannot list checkpoint folder " + folder + ": " + e.getMessage(), e);
        }
        for (Path f : files) {
            out.put(f.getFileName().toString(), Sha256.ofFile(f, "weight file"));
        }
        return out;
    }
}
