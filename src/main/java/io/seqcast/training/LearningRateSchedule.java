package io.seqcast.training;

/**
 * Learning rate per optimisation step: a linear warm-up over the first {@code warmupSteps}, then a
 * cosine decay from {@code peak} to {@code peak * finalFraction} at {@code totalSteps} (constant
 * after). With {@code warmupSteps = 0} and {@code finalFraction = 1} it is a constant rate.
 */
public record LearningRateSchedule(float peak, int warmupSteps, int totalSteps, float finalFraction) {

    public LearningRateSchedule {
        if (!(peak > 0) || Float.isInfinite(peak)) {
            throw new IllegalArgumentException("learning rate must be positive and finite but was " + peak);
        }
        if (warmupSteps < 0 || totalSteps < 1 || !(finalFraction >= 0 && finalFraction <= 1)) {
            throw new IllegalArgumentException("bad schedule: warmup " + warmupSteps + ", total " + totalSteps
                    + ", final fraction " + finalFraction);
        }
    }

    public static LearningRateSchedule constant(float rate) {
        return new LearningRateSchedule(rate, 0, 1, 1f);
    }

    /** The rate for step {@code step} (0-based). */
    public float rate(int step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        int decaySteps = Math.max(1, totalSteps - warmupSteps);
        double progress = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
        double cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
        return (float) (peak * (finalFraction + (1 - finalFraction) * cosine));
    }
}
