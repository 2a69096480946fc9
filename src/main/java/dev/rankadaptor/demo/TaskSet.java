package dev.rankadaptor.demo;

/** The seven task generators of one world, sharing the topics they reserve for evaluation. */
record TaskSet(BoolqTask boolq, PiqaTask piqa, HellaswagTask hellaswag, WinograndeTask winogrande, ArcTask arc,
               OpenBookQaTask openbookqa) {
    static TaskSet of(WorldModel w) {
        return new TaskSet(new BoolqTask(w), new PiqaTask(w), new HellaswagTask(w), new WinograndeTask(w), new ArcTask(w),
                new OpenBookQaTask(w));
    }
}
