package dev.rankadaptor.execution.slurm;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlurmParsingTest {
    @Test
    void everyStateWordSlurmPrintsFoldsIntoOneState() {
        assertEquals(Optional.of(SlurmJobState.CANCELLED), SlurmJobState.parse("CANCELLED by 1000"));
        assertEquals(Optional.of(SlurmJobState.CANCELLED), SlurmJobState.parse("CANCELLED+"));
        assertEquals(Optional.of(SlurmJobState.OUT_OF_MEMORY), SlurmJobState.parse("out_of_memory"));
        assertEquals(Optional.of(SlurmJobState.RUNNING), SlurmJobState.parse("CONFIGURING"));
        assertEquals(Optional.of(SlurmJobState.PENDING), SlurmJobState.parse("REQUEUED"));
        assertEquals(Optional.of(SlurmJobState.FAILED), SlurmJobState.parse("SPECIAL_EXIT"));
        assertEquals(Optional.of(SlurmJobState.NODE_FAIL), SlurmJobState.parse("NF"));
        assertEquals(Optional.empty(), SlurmJobState.parse("SOMETHING_NEW"));
        for (SlurmJobState s : SlurmJobState.values()) {
            assertEquals(Optional.of(s), SlurmJobState.parse(s.name()));
        }
        assertFalse(SlurmJobState.COMPLETING.terminal());
        assertFalse(SlurmJobState.PENDING.terminal());
        assertTrue(SlurmJobState.TIMEOUT.terminal());
        assertTrue(SlurmJobState.DEADLINE.terminal());
    }

    @Test
    void scontrolLineWithSpacesInValuesSplitsAtTheNextKey() {
        Map<String, String> kv = SlurmKeyValues.parse("JobId=12 JobName=ra-x UserId=me(1000) JobState=FAILED "
                + "Reason=NonZeroExitCode ExitCode=3:0 AllocNode:Sid=host:42 CPUs/Task=1 Command=/a b/run.sh "
                + "WorkDir=/scratch/my run NodeList=n[1-2]");
        assertEquals("FAILED", kv.get("JobState"));
        assertEquals("3:0", kv.get("ExitCode"));
        assertEquals("host:42", kv.get("AllocNode:Sid"));
        assertEquals("1", kv.get("CPUs/Task"));
        assertEquals("/a b/run.sh", kv.get("Command"));
        assertEquals("/scratch/my run", kv.get("WorkDir"));
        assertEquals("n[1-2]", kv.get("NodeList"));
    }

    @Test
    void exitCodeIsCodeColonSignal() {
        assertArrayEquals(new int[]{3, 0}, SlurmJobStatus.parseExitCode("3:0"));
        assertArrayEquals(new int[]{0, 15}, SlurmJobStatus.parseExitCode("0:15"));
        assertArrayEquals(new int[]{-1, -1}, SlurmJobStatus.parseExitCode("n/a"));
        SlurmJobStatus s = new SlurmJobStatus("7", "ra", SlurmJobState.FAILED, "NonZeroExitCode", 3, 0, "vm", "scontrol");
        assertEquals("FAILED (NonZeroExitCode, exit 3) on vm [scontrol]", s.describe());
        SlurmJobStatus c = new SlurmJobStatus("8", "", SlurmJobState.CANCELLED, "None", 0, 15, "", "scontrol");
        assertEquals("CANCELLED (signal 15) [scontrol]", c.describe());
    }
}
