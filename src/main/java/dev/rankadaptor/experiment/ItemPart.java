package dev.rankadaptor.experiment;

/**
 * The two disjoint parts of a task's items (docs/statistics.md, "Selection apart from the report"):
 * search and random-search trials are scored on the SELECTION part, the final table (every method,
 * baselines and no recovery included) on the REPORT part.
 */
public enum ItemPart { SELECTION, REPORT }
