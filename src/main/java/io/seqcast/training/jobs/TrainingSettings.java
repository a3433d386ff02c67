package io.seqcast.training.jobs;

/**
 * What a training request may choose; {@code null} takes the default of
 * {@link io.seqcast.training.FitConfig#defaults(int)} (a window of {@code null} or 0 is chosen from the
 * data). Field names are the request's, and errors name them as {@code config.<field>}.
 *
 * @param horizon forecast steps; when absent, the horizon of the model's serving version, if any
 * @param frequency data frequency ({@code M}, {@code D}, ...); absent: inferred from timestamps
 */
public record TrainingSettings(String cell, Integer hidden, Integer layers, Integer window, Integer horizon,
                               Integer epochs, Integer batchSize, Float learningRate, String loss, Long seed,
                               Double validationFraction, Integer patience, String frequency) {

    /** Nothing chosen: every default. */
    public static TrainingSettings defaults() {
        return new TrainingSettings(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
