package dev.rankadaptor.compute;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.common.CancelledException;
import dev.rankadaptor.common.ExitGuard;

/**
 * The child process of {@link ExitGuardTest}: PyTorch matrix products in a loop that polls a
 * token under an {@link ExitGuard}, as the prune job does; prints when it started and when it
 * left native code after being cancelled.
 */
public final class ExitGuardChild {
    private ExitGuardChild() {
    }

    public static void main(String[] args) {
        CancellationToken cancel = CancellationToken.create();
        try (ExitGuard guard = ExitGuard.install(cancel, 60_000)) {
            try (NDManager m = Engines.pytorch().newBaseManager()) {
                NDArray a = m.randomNormal(new Shape(256, 256));
                System.out.println("started");
                System.out.flush();
                while (true) {
                    cancel.throwIfCancelled();
                    try (NDManager step = m.newSubManager()) {
                        a.tempAttach(step);
                        NDArray b = a.matMul(a).tanh();
                        b.sum().getFloat();
                    }
                }
            } catch (CancelledException e) {
                // the manager is closed: nothing native is running any more
                System.out.println("left native code after cancel");
                System.out.flush();
            }
        }
    }
}
