package dev.rankadaptor.compute;

import ai.djl.Device;
import dev.rankadaptor.common.InvalidFieldException;

import java.util.Locale;

/**
 * The device the user asked for ("cpu", "cuda", "cuda:N"), resolved against what the engine
 * actually has. Asking for CUDA on a machine without it falls back to the CPU with a message,
 * because a long search should start rather than die over a device flag.
 */
public record DeviceChoice(String kind, int index) {
    public DeviceChoice {
        if (!kind.equals("cpu") && !kind.equals("cuda")) {
            throw new InvalidFieldException("device", "expected cpu, cuda or cuda:N, was " + kind);
        }
        if (index < 0) {
            throw new InvalidFieldException("device", "GPU index must be >= 0, was " + index);
        }
    }

    public static DeviceChoice cpu() {
        return new DeviceChoice("cpu", 0);
    }

    /** Parses "cpu", "cuda", "gpu", "cuda:1". */
    public static DeviceChoice parse(String text) {
        String t = text == null ? "cpu" : text.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || t.equals("cpu")) {
            return cpu();
        }
        String kind = t;
        int index = 0;
        int colon = t.indexOf(':');
        if (colon >= 0) {
            kind = t.substring(0, colon);
            try {
                index = Integer.parseInt(t.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new InvalidFieldException("device", "expected cpu, cuda or cuda:N, was " + text);
            }
        }
        if (kind.equals("gpu")) {
            kind = "cuda";
        }
        return new DeviceChoice(kind, index);
    }

    public boolean isCuda() {
        return kind.equals("cuda");
    }

    /** Resolves against the engine: returns this choice if available, else CPU with a note. */
    public Resolved resolve() {
        if (!isCuda()) {
            return new Resolved(this, null);
        }
        int gpus = Engines.pytorch().getGpuCount();
        if (gpus == 0) {
            return new Resolved(cpu(), "CUDA was requested but no CUDA device is available to PyTorch "
                    + "(build with -Pcuda on a machine with CUDA >= 12.4); running on the CPU");
        }
        if (index >= gpus) {
            return new Resolved(cpu(), "cuda:" + index + " was requested but only " + gpus
                    + " CUDA device(s) exist; running on the CPU");
        }
        return new Resolved(this, null);
    }

    public Device toDjl() {
        return isCuda() ? Device.gpu(index) : Device.cpu();
    }

    @Override
    public String toString() {
        return isCuda() ? "cuda:" + index : "cpu";
    }

    /** The device actually used, and a warning when it differs from the request. */
    public record Resolved(DeviceChoice device, String warning) {
    }
}
