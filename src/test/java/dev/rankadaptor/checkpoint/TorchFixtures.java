package dev.rankadaptor.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** The committed torch.save fixtures (made by tools/make_torch_fixtures.py), copied where a test may change them. */
public final class TorchFixtures {
    public static final String SAFETENSORS = "llama-safetensors";
    public static final String BIN = "llama-bin";
    public static final String SHARDED = "llama-bin-sharded";
    /** Where the malicious fixture's os.system command would create a file if it ever ran. */
    public static final Path MARKER = Path.of("/tmp/rankadaptor-malicious-pickle-ran");

    private TorchFixtures() {
    }

    /** The fixture path under src/test/resources/torch (read it, do not change it). */
    public static Path resource(String relative) {
        URL url = TorchFixtures.class.getResource("/torch/" + relative);
        if (url == null) {
            throw new IllegalStateException("missing test fixture torch/" + relative + ": run tools/make_torch_fixtures.py");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of a fixture folder (or file) under {@code into}. */
    public static Path copy(String relative, Path into) {
        Path src = resource(relative);
        Path dst = into.resolve(src.getFileName().toString());
        try {
            if (Files.isDirectory(src)) {
                Files.createDirectories(dst);
                try (Stream<Path> s = Files.list(src)) {
                    for (Path f : s.toList()) {
                        Files.copy(f, dst.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            } else {
                Files.createDirectories(into);
                Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dst;
    }
}
