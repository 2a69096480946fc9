package dev.rankadaptor.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.rankadaptor.common.UserInputException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Set;

/**
 * What a safetensors file and a torch.save archive share once their headers are read: a table of
 * {@link TensorInfo}s over one memory-mapped file. Subclasses supply the table and may check a
 * tensor before its data is read ({@link #readable}).
 */
abstract class MappedTensorFile implements TensorFile {
    private final Path file;
    private final String label;
    private final MappedTensorData data;

    MappedTensorFile(Path file, String label, MappedTensorData data) {
        this.file = file;
        this.label = label;
        this.data = data;
    }

    MappedTensorData data() {
        return data;
    }

    /** The entry of a tensor about to be read; the default only looks it up. */
    TensorInfo readable(String name) {
        return info(name);
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public TensorInfo info(String name) {
        TensorInfo t = infos().get(name);
        if (t == null) {
            throw new UserInputException(label + " " + file + " has no tensor " + name);
        }
        return t;
    }

    @Override
    public Set<String> names() {
        return infos().keySet();
    }

    @Override
    public boolean contains(String name) {
        return infos().containsKey(name);
    }

    @Override
    public long[] shape(String name) {
        return info(name).shape();
    }

    @Override
    public NDArray load(String name, NDManager manager, DataType target) {
        return data.load(readable(name), manager, target);
    }

    @Override
    public float[] readFloats(String name) {
        return data.readFloats(readable(name));
    }

    @Override
    public ByteBuffer rawBytes(String name) {
        return data.rawBytes(readable(name));
    }

    @Override
    public void copyRaw(String name, OutputStream out) throws IOException {
        data.copyTo(readable(name), out);
    }

    @Override
    public void close() {
        data.close();
    }
}
