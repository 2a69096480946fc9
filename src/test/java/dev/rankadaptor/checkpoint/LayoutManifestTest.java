package dev.rankadaptor.checkpoint;

import dev.rankadaptor.common.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayoutManifestTest {
    @TempDir
    Path dir;

    @Test
    void roundTrip() {
        LayerLayout layout = new LayerLayout(List.of(new LayerLayout.Layer(8, 8, 100), new LayerLayout.Layer(6, 3, 77)));
        LayoutManifest m = new LayoutManifest(layout, 64, 8, Map.of("base", "llama-7b", "ratio", "0.2"));
        Path f = dir.resolve(LayoutManifest.FILE);
        m.write(f);
        assertEquals(m, LayoutManifest.read(f));
        assertTrue(LayoutManifest.existsIn(dir));
    }

    private UserInputException bad(String json, String mustContain) throws Exception {
        Path f = dir.resolve(LayoutManifest.FILE);
        Files.writeString(f, json);
        UserInputException e = assertThrows(UserInputException.class, () -> LayoutManifest.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains(mustContain), e.getMessage());
        return e;
    }

    @Test
    void badManifestsAreNamed() throws Exception {
        bad("{\"layers\":[]}", "format");
        bad("{\"format\":\"rankadaptor-layout\",\"version\":9,\"layers\":[]}", "version");
        bad("{\"format\":\"rankadaptor-layout\",\"version\":1,\"layers\":[]}", "layers");
        bad("{\"format\":\"rankadaptor-layout\",\"version\":1,\"layers\":[{\"heads\":4,\"kv_heads\":4}]}", "mlp_width");
        bad("{\"format\":\"rankadaptor-layout\",\"version\":1,\"layers\":[{\"heads\":4,\"kv_heads\":3,\"mlp_width\":5}]}",
                "layers[0]");
    }
}
