package dev.rankadaptor;

import ai.djl.ndarray.NDManager;
import dev.rankadaptor.compute.DeviceChoice;
import dev.rankadaptor.compute.Engines;

public final class Main {
    public static void main(String[] a) {
        try (NDManager m = Engines.newManager(DeviceChoice.cpu())) {
            System.out.println(m.create(new float[]{1, 2, 3}).matMul(m.create(new float[]{1, 2, 3})));
            System.out.println(Engines.pytorch().getVersion());
        }
    }
}
