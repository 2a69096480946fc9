package dev.rankadaptor.recover;

import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.train.TokenBatch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The recovery data's train / validation split. A search compares trials, so every trial of a run
 * must train on the same examples: the split is drawn once per run from the project seed, and a
 * trial's own seed only changes the adapters' initialisation, dropout and the batch order.
 * Example ids are 0-based positions in the tokenised example list (file order of the rows that
 * produced an example).
 *
 * @param train         training examples, in split order
 * @param validation    held-out examples for the validation loss, in split order
 * @param trainIds      ids of {@code train}
 * @param validationIds ids of {@code validation}
 */
public record RecoverySplit(List<TokenBatch.Example> train, List<TokenBatch.Example> validation, int[] trainIds,
                            int[] validationIds) {
    public RecoverySplit {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        trainIds = trainIds.clone();
        validationIds = validationIds.clone();
        if (train.size() != trainIds.length || validation.size() != validationIds.length) {
            throw new IllegalArgumentException("one id per example is required");
        }
    }

    /** Shuffles example ids with {@code splitSeed} and holds out the first {@code validationSize}. */
    public static RecoverySplit of(List<TokenBatch.Example> examples, int validationSize, long splitSeed) {
        if (examples.size() - validationSize < 1) {
            throw new InvalidFieldException("val_set_size", "must leave at least one training example: "
                    + examples.size() + " examples, validation size " + validationSize);
        }
        List<Integer> ids = new ArrayList<>(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            ids.add(i);
        }
        Collections.shuffle(ids, new Random(splitSeed));
        int[] val = ids.subList(0, validationSize).stream().mapToInt(Integer::intValue).toArray();
        int[] tr = ids.subList(validationSize, ids.size()).stream().mapToInt(Integer::intValue).toArray();
        return new RecoverySplit(pick(examples, tr), pick(examples, val), tr, val);
    }

    private static List<TokenBatch.Example> pick(List<TokenBatch.Example> all, int[] ids) {
        List<TokenBatch.Example> out = new ArrayList<>(ids.length);
        for (int i : ids) {
            out.add(all.get(i));
        }
        return out;
    }

    @Override
    public int[] trainIds() {
        return trainIds.clone();
    }

    @Override
    public int[] validationIds() {
        return validationIds.clone();
    }
}
