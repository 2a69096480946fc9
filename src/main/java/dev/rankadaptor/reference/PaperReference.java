package dev.rankadaptor.reference;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.common.Json;
import dev.rankadaptor.common.UserInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The paper's published numbers (results tables and Table 10's rank configurations) loaded from
 * the {@code paper-reference} sample project, so reports and the workbench can show them as
 * reference rows without any computation. A copy of the files ships inside the jar
 * ({@link #bundled()}) so the application never depends on a folder outside itself.
 */
public final class PaperReference {
    /** The only schema version this loader understands. */
    public static final int SCHEMA_VERSION = 1;
    public static final String TABLES_FILE = "tables.json";
    public static final String RANK_CONFIGS_FILE = "rank-configs.json";
    private static final String RESOURCE_DIR = "/dev/rankadaptor/reference/";

    private final PaperTables tables;
    private final RankConfigTable rankConfigs;

    public PaperReference(PaperTables tables, RankConfigTable rankConfigs) {
        this.tables = tables;
        this.rankConfigs = rankConfigs;
    }

    /** Loads {@code tables.json} and {@code rank-configs.json} from a folder (the sample project). */
    public static PaperReference load(Path folder) {
        return new PaperReference(
                read(folder.resolve(TABLES_FILE), PaperTables.class),
                read(folder.resolve(RANK_CONFIGS_FILE), RankConfigTable.class));
    }

    /** The copy bundled in the application's resources. */
    public static PaperReference bundled() {
        return new PaperReference(
                readResource(TABLES_FILE, PaperTables.class),
                readResource(RANK_CONFIGS_FILE, RankConfigTable.class));
    }

    public PaperTables tables() {
        return tables;
    }

    public RankConfigTable rankConfigs() {
        return rankConfigs;
    }

    static void checkSchema(int version) {
        if (version != SCHEMA_VERSION) {
            throw new InvalidFieldException("schemaVersion", "must be " + SCHEMA_VERSION + " (the only version this build reads), was " + version);
        }
    }

    private static <T> T read(Path file, Class<T> type) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString(), type);
        } catch (NoSuchFileException e) {
            throw new UserInputException(file + ": file not found (expected the paper-reference " + file.getFileName() + ")", e);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static <T> T readResource(String name, Class<T> type) {
        try (InputStream in = PaperReference.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE_DIR + name + " is missing from the build");
            }
            return parse(in, "resource " + name, type);
        } catch (IOException e) {
            throw new UserInputException("resource " + name + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Parses one file; every failure names the file, the line if known, and what was expected. */
    static <T> T parse(InputStream in, String name, Class<T> type) throws IOException {
        ObjectMapper mapper = Json.mapper();
        try {
            T value = mapper.readValue(in, type);
            if (value == null) {
                throw new UserInputException(name + ": empty file, expected a JSON object");
            }
            return value;
        } catch (JsonProcessingException e) {
            InvalidFieldException field = findField(e);
            JsonLocation loc = e.getLocation();
            String where = loc == null || loc.getLineNr() < 0 ? "" : " (line " + loc.getLineNr() + ")";
            if (field != null) {
                throw new UserInputException(name + where + ": " + field.getMessage(), e);
            }
            throw new UserInputException(name + where + ": not a valid " + type.getSimpleName() + " file: " + e.getOriginalMessage(), e);
        }
    }

    private static InvalidFieldException findField(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InvalidFieldException f) {
                return f;
            }
        }
        return null;
    }
}
