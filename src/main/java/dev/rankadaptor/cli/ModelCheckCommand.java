package dev.rankadaptor.cli;

import dev.rankadaptor.pipeline.BankModelCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** How well the performance model predicts the measurements of trial banks, per group, with baselines. */
@Command(name = "model-check", description = "Cross-validate the performance model (mlp) against the mean and ridge "
        + "baselines on trial banks (run folders, journals, published .json/.jsonl/.csv records), per group.")
final class ModelCheckCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", description = "trial banks")
    List<Path> banks;

    @Option(names = "--json", description = "also write the results as JSON to this file")
    Path json;

    @Option(names = "--folds", defaultValue = "5", description = "folds of the cross-validation (default 5)")
    int folds;

    @Option(names = "--target", description = "task id to predict (default: the mean of the tasks a group's records share, or a run's own target)")
    String target;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the fold split and the model's initial weights")
    long seed;

    @Override
    public Integer call() {
        if (folds < 2) {
            throw new dev.rankadaptor.common.UserInputException("--folds: must be >= 2, was " + folds);
        }
        List<BankModelCheck.Result> results = BankModelCheck.run(banks, target, folds, seed);
        System.out.print(BankModelCheck.text(results));
        if (json != null) {
            BankModelCheck.writeJson(json, results);
            System.out.println("written: " + json);
        }
        return 0;
    }
}
