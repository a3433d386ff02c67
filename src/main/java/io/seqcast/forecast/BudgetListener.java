package io.seqcast.forecast;

import io.seqcast.training.EpochReport;
import io.seqcast.training.TrainingListener;

/**
 * Ends a fit gracefully when its time budget would be overrun: after each epoch it asks for a stop
 * once the next epoch plus the refit (the best epoch count so far, over training and validation
 * windows, about {@value #REFIT_COST} epochs' time each) would no longer fit before the deadline.
 * {@link io.seqcast.training.ModelFitter} then keeps the best weights and skips the refit. At least one
 * epoch always runs. One per fit; called on the training thread only.
 */
final class BudgetListener implements TrainingListener {

    /** A refit epoch runs over training plus validation windows (30% more data) without validating. */
    static final double REFIT_COST = 1.5;

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
        double needed = mean * (1 + REFIT_COST * bestEpoch);
        if (System.nanoTime() + needed > deadline) {
            stopped = true;
        }
        return stopped;
    }

    /** Whether the budget ended (or shortened) the fit. */
    boolean stopped() {
        return stopped;
    }
}
