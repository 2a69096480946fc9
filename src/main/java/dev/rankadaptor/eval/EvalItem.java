package dev.rankadaptor.eval;

/**
 * One evaluation question in the form the scorer understands. Two shapes exist because the
 * harness scores WinoGrande differently from every other task: {@link McItem} has one context and
 * several continuations, {@link PartialItem} has several contexts sharing one continuation.
 */
public sealed interface EvalItem permits McItem, PartialItem {
    /** Index of the correct choice. */
    int gold();

    /** Number of choices. */
    int choiceCount();
}
