package dev.rankadaptor.pipeline;

import java.util.Arrays;

/**
 * Rank vectors of the fixed baselines. LoRA uses one rank everywhere; LoRA* (paper §2, Fig. 2)
 * increases the rank from bottom to top in four equal blocks of layers: 4, 6, 10, 12.
 */
public final class MethodRanks {
    private static final int[] LORA_STAR_BLOCKS = {4, 6, 10, 12};

    private MethodRanks() {
    }

    public static int[] uniform(int layers, int rank) {
        int[] r = new int[layers];
        Arrays.fill(r, rank);
        return r;
    }

    /** Layer i of L gets the rank of block floor(4 i / L). */
    public static int[] loraStar(int layers) {
        int[] r = new int[layers];
        for (int i = 0; i < layers; i++) {
            r[i] = LORA_STAR_BLOCKS[Math.min(3, 4 * i / layers)];
        }
        return r;
    }
}
