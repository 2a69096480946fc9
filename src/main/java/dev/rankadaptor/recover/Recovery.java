package dev.rankadaptor.recover;

/**
 * A finished recovery: its numbers and the trained adapters, still attached to the model so the
 * caller can evaluate, export or merge. Closing detaches and frees the adapters.
 */
public final class Recovery implements AutoCloseable {
    private final RecoveryResult result;
    private final AdapterSet adapters;
    private final int[] trainIds;

    Recovery(RecoveryResult result, AdapterSet adapters, int[] trainIds) {
        this.result = result;
        this.adapters = adapters;
        this.trainIds = trainIds.clone();
    }

    /** Ids of the examples the adapters were trained on ({@link RecoverySplit#trainIds()}). */
    public int[] trainIds() {
        return trainIds.clone();
    }

    public RecoveryResult result() {
        return result;
    }

    public AdapterSet adapters() {
        return adapters;
    }

    @Override
    public void close() {
        adapters.close();
    }
}
