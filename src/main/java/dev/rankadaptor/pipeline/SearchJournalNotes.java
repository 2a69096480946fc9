package dev.rankadaptor.pipeline;

import dev.rankadaptor.experiment.RecoveryMethod;
import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.search.StopReason;
import dev.rankadaptor.search.TrialNoise;

import java.util.Locale;

/**
 * What a search tells the journal and the run's listener besides its trials (measured noise, a pause,
 * the end), written the same way whether the trials run one after another ({@link SearchJournalBridge})
 * or in a pool ({@link PoolSearchBridge}).
 */
final class SearchJournalNotes {
    private SearchJournalNotes() {
    }

    static void noiseMeasured(RunContext ctx, RecoveryMethod method, TrialNoise noise, double threshold) {
        String text = String.format(Locale.ROOT, "%s: noise of one search trial: std %s from %d repeated configuration(s), %d degree(s) of freedom; convergence threshold %.4f",
                method, noise.known() ? String.format(Locale.ROOT, "%.4f", noise.std()) : "unknown", noise.configurations(),
                noise.degreesOfFreedom(), threshold);
        ctx.journal().append(new JournalRecord.Note(text, null));
        ctx.listener().log(text);
    }

    static void paused(RunContext ctx, RecoveryMethod method, int nextIndex) {
        ctx.journal().append(new JournalRecord.RunPaused("paused by the user before " + method + " trial " + nextIndex));
        ctx.listener().log("paused; resume continues with the next trial");
        ctx.listener().paused("paused before " + method + " trial " + nextIndex);
    }

    static void converged(RunContext ctx, RecoveryMethod method, StopReason reason, String message) {
        ctx.journal().append(new JournalRecord.Converged(method + ": " + reason.name().toLowerCase(Locale.ROOT) + " - " + message));
        ctx.listener().log(method + " ended: " + message);
    }
}
