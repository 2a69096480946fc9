package dev.rankadaptor.demo;

/** The seven task generators of one world, sharing the topics they reserve for evaluation. */
record TaskSet(BoolqItemGenerator boolq, PiqaItemGenerator piqa, HellaswagItemGenerator hellaswag, WinograndeItemGenerator winogrande, ArcItemGenerator arc,
               OpenBookQaItemGenerator openbookqa) {
    static TaskSet of(WorldModel w) {
        return new TaskSet(new BoolqItemGenerator(w), new PiqaItemGenerator(w), new HellaswagItemGenerator(w), new WinograndeItemGenerator(w), new ArcItemGenerator(w),
                new OpenBookQaItemGenerator(w));
    }
}
