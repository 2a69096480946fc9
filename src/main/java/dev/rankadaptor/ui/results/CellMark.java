package dev.rankadaptor.ui.results;

/** How a results cell is marked: the column's best, tied with the best within measured noise, or neither. */
public enum CellMark {
    BEST, WITHIN_NOISE, NONE
}
