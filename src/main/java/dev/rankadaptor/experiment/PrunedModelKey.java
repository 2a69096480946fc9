package dev.rankadaptor.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rankadaptor.common.Sha256;
import dev.rankadaptor.common.UserInputException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a pruned model was made from, so a run can reuse an existing pruned model instead of
 * pruning again (minutes to hours for a 7B model) when nothing that matters changed: the checkpoint's
 * files, the calibration text, and the pruning settings. The checkpoint fingerprint covers the
 * files a checkpoint is made of (config.json, layout.json, weights, index and tokenizer files; not
 * a project.json living in the same folder) and hashes each one's name, size and its first and last
 * MiB (the whole file when small): it catches a replaced or re-converted checkpoint without reading
 * tens of gigabytes, but not an edit inside a shard that keeps its size and ends.
 *
 * @param checkpointFingerprint hex SHA-256 over the checkpoint files' names, sizes and sampled bytes
 * @param calibrationHash       hex SHA-256 of the calibration file
 * @param pruning               the pruning section as canonical JSON, calibration path left out
 * @param hash                  hex SHA-256 over the three; equal hash = reusable
 */
public record PrunedModelKey(String checkpointFingerprint, String calibrationHash, String pruning, String hash) {
    private static final int SAMPLE = 1 << 20;

    /** The key of a project's pruning inputs as they are on disk now. */
    public static PrunedModelKey of(ProjectFile project) {
        String ckpt = fingerprint(project.checkpointPath());
        String calib = Sha256.ofFile(project.calibrationPath(), "calibration file");
        ObjectNode pruning = ProjectJson.MAPPER.valueToTree(project.project().pruning());
        pruning.remove("calibration_file");
        pruning.put("preset", project.project().preset()); // the preset decides how a global ratio is met
        String json;
        try {
            json = ProjectJson.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(pruning);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new PrunedModelKey(ckpt, calib, json, Sha256.hex((ckpt + "\n" + calib + "\n" + json).getBytes(StandardCharsets.UTF_8)));
    }

    /** Fingerprint of a checkpoint folder (its checkpoint files, see {@link #isCheckpointFile}) or of a single file. */
    public static String fingerprint(Path checkpoint) {
        try {
            MessageDigest md = Sha256.digest();
            List<Path> files;
            if (Files.isDirectory(checkpoint)) {
                try (Stream<Path> s = Files.list(checkpoint)) {
                    files = s.filter(Files::isRegularFile)
                            .filter(p -> isCheckpointFile(p.getFileName().toString()))
                            .sorted().toList();
                }
            } else if (Files.isRegularFile(checkpoint)) {
                files = List.of(checkpoint);
            } else {
                throw new UserInputException(checkpoint + ": checkpoint not found");
            }
            for (Path f : files) {
                long size = Files.size(f);
                md.update((f.getFileName() + "\0" + size + "\0").getBytes(StandardCharsets.UTF_8));
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                    if (size <= 2L * SAMPLE) {
                        Sha256.update(md, ch, 0, size);
                    } else {
                        Sha256.update(md, ch, 0, SAMPLE);
                        Sha256.update(md, ch, size - SAMPLE, SAMPLE);
                    }
                }
            }
            return Sha256.hex(md);
        } catch (IOException e) {
            throw new UserInputException(checkpoint + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Files that make up a checkpoint: config, layout manifest, weights, shard indexes, tokenizer. */
    static boolean isCheckpointFile(String name) {
        return name.equals("config.json") || name.equals("layout.json") || name.endsWith(".safetensors")
                || name.endsWith(".bin") || name.endsWith(".index.json") || name.startsWith("tokenizer");
    }
}
