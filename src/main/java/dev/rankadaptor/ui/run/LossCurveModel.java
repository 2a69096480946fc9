package dev.rankadaptor.ui.run;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.util.Arrays;

/**
 * The running trial's training loss per optimizer step, for the Run panel's live curve. A new
 * trial starts a new curve; points arrive in batches (one UI update per pulse), so the curve is
 * kept as arrays the chart can take in one call.
 */
public final class LossCurveModel {
    private final IntegerProperty trial = new SimpleIntegerProperty(this, "trial", -1);
    private final ObjectProperty<double[][]> points = new SimpleObjectProperty<>(this, "points", new double[][] {{}, {}});
    private double[] steps = new double[0];
    private double[] losses = new double[0];
    private long received;

    /** Starts the curve of another trial. */
    public void startTrial(int index) {
        steps = new double[0];
        losses = new double[0];
        trial.set(index);
        points.set(new double[][] {steps, losses});
    }

    /** Appends steps of the current trial (arrays of equal length). */
    public void append(double[] newSteps, double[] newLosses) {
        if (newSteps.length != newLosses.length) {
            throw new IllegalArgumentException("steps and losses differ in length");
        }
        if (newSteps.length == 0) {
            return;
        }
        received += newSteps.length;
        int n = steps.length;
        steps = Arrays.copyOf(steps, n + newSteps.length);
        losses = Arrays.copyOf(losses, n + newLosses.length);
        System.arraycopy(newSteps, 0, steps, n, newSteps.length);
        System.arraycopy(newLosses, 0, losses, n, newLosses.length);
        points.set(new double[][] {steps.clone(), losses.clone()});
    }

    public IntegerProperty trialProperty() {
        return trial;
    }

    /** {steps, losses} of the current trial. */
    public ObjectProperty<double[][]> pointsProperty() {
        return points;
    }

    /** Loss points received over all trials of this window (the curve itself holds the current trial's). */
    public long received() {
        return received;
    }

    public int size() {
        return steps.length;
    }
}
