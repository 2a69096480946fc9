package dev.rankadaptor.prune;

import dev.rankadaptor.common.UserInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
            out.put(f.getFileName().toString(), sha256(f));
        }
        return out;
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + " to hash it: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
