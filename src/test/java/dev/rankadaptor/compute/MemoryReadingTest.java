package dev.rankadaptor.compute;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryReadingTest {
    @Test
    void procLinesAreReadInKibibytes() {
        List<String> lines = List.of("Name:\tjava", "VmHWM:\t  204800 kB", "VmRSS:\t  102400 kB");
        assertEquals(102400L * 1024, MemoryReading.kib(lines, "VmRSS:"));
        assertEquals(204800L * 1024, MemoryReading.kib(lines, "VmHWM:"));
        assertEquals(-1, MemoryReading.kib(lines, "MemAvailable:"));
    }

    @Test
    void thisProcessHasResidentMemoryBelowItsPeakAndTheMachineHasSomeAvailable() {
        MemoryReading r = MemoryReading.now();
        assertTrue(r.residentBytes() > 10_000_000L, r.toString());
        assertTrue(r.peakResidentBytes() >= r.residentBytes(), r.toString());
        assertTrue(r.availableBytes() > 0 && r.availableBytes() <= r.totalBytes(), r.toString());
        assertTrue(r.summary().matches("\\d+\\.\\d GB used · \\d+\\.\\d GB available"), r.summary());
    }
}
