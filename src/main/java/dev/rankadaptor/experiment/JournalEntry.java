package dev.rankadaptor.experiment;

/**
 * One replayed journal line: where it is (1-based line number, for messages), when it was written
 * (ISO-8601 UTC as stored) and the record.
 */
public record JournalEntry(int line, String time, JournalRecord record) {
}
