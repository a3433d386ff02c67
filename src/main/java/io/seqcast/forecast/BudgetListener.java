package io.seqcast.forecast;

import io.seqcast.training.EpochReport;
import io.seqcast.training.TrainingListener;

/**
 * Ends a fit gracefully when its time budget would be overrun: after each epoch it asks for a stop
 * once the next epoch, {@value #SLACK} epochs' time for scoring and calibration, and the refit (the
 * best epoch count so far, over training and validation windows, about {@value #REFIT_COST} epochs'
 * time each) would no longer fit before the deadline,
 * and then lets {@link io.seqcast.training.ModelFitter} refit if the refit alone still fits (the time
 * was kept for it); otherwise the best weights are kept without a refit. At least one epoch always
 * runs. One per fit; called on the training thread only.
 */
final class BudgetListener implements TrainingListener {

    /** A refit epoch runs over training plus validation windows (30% more data) without validating. */
    static final double REFIT_COST = 1.5;

    /** Epochs' time kept for the work between the last epoch and the refit. */
    static final double SLACK = 5;

    private final long deadline;
    private int epochs;
    private long epochNanos;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private boolean stopped;

    BudgetListener(long deadlineNanos) {
        this.deadline = deadlineNanos;
    }

    @Override
    public void onEpoch(EpochReport report) {
        epochs++;
        epochNanos += report.nanos();
        double loss = Double.isNaN(report.validationLoss()) ? report.trainLoss() : report.validationLoss();
        if (loss < bestLoss) {
            bestLoss = loss;
            bestEpoch = report.epoch();
        }
    }

    @Override
    public boolean stopRequested() {
        if (epochs == 0) {
            return false;
        }
        double mean = (double) epochNanos / epochs;
        // The next epoch, the scoring and calibration between training and refit (about an epoch's
        // forward passes, counted as SLACK epochs), then the refit.
        double needed = mean * (1 + SLACK + REFIT_COST * bestEpoch);
        if (System.nanoTime() + needed > deadline) {
            stopped = true;
        }
        return stopped;
    }

    @Override
    public boolean skipRefit(int refitEpochs) {
        if (epochs == 0) {
            return false;
        }
        double mean = (double) epochNanos / epochs;
        return System.nanoTime() + mean * REFIT_COST * refitEpochs > deadline;
    }

    /** Whether the budget ended (or shortened) the fit. */
    boolean stopped() {
        return stopped;
    }
}
