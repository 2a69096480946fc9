package dev.rankadaptor.checkpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * One weights file whose every tensor is described up front (dtype, shape, byte range) and whose
 * data is memory-mapped on demand: a safetensors file or a torch.save zip archive. Shards of a
 * {@link ShardedCheckpoint} are of this type, so that both formats shard the same way.
 */
public interface TensorFile extends TensorSource {
    /**
     * Opens a weights file by its name: *.safetensors as safetensors, *.bin / *.pth / *.pt as a
     * torch.save archive (read safely, {@link TorchCheckpointFile}).
     */
    static TensorFile open(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".safetensors")) {
            return SafetensorsFile.open(file);
        }
        if (name.endsWith(".bin") || name.endsWith(".pth") || name.endsWith(".pt")) {
            return TorchCheckpointFile.open(file);
        }
        throw new dev.rankadaptor.common.UserInputException("weights file " + file
                + ": unknown kind (expected .safetensors, or .bin / .pth / .pt written by torch.save)");
    }

    Path file();

    /** Every tensor's entry, in file order. */
    Map<String, TensorInfo> infos();

    /** One tensor's entry; a missing name is a {@link dev.rankadaptor.common.UserInputException} naming the file. */
    TensorInfo info(String name);

    /** The tensor as a Java float array (F32, F16 or BF16 widened), for tensors under 2^31 elements. */
    float[] readFloats(String name);

    /** The stored little-endian bytes as a read-only view (position 0), for tensors under 2 GB. */
    ByteBuffer rawBytes(String name);

    /** Writes the stored little-endian bytes of a tensor of any size to {@code out}. */
    void copyRaw(String name, OutputStream out) throws IOException;
}
