package dev.rankadaptor.demo;

import java.util.List;

/**
 * One generated multiple-choice item before it is shaped into a dataset row: the question text,
 * the right answer, the wrong ones, and the topic ("color:fox") that evaluation reserves so the
 * corpus never practises that exact question.
 */
record McQuestion(String topic, String question, String gold, List<String> wrong) {
    McQuestion {
        if (wrong.contains(gold)) {
            throw new IllegalStateException("distractor equals the answer in " + topic);
        }
    }
}
