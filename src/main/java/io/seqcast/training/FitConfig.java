package io.seqcast.training;

import io.seqcast.nn.CellType;
import io.seqcast.series.Scaler;
import io.seqcast.series.WindowEncoder;

/**
 * Everything that decides how a model is fitted to series. {@link #defaults(int)} gives a
 * sensible model for a user who sends only series and a horizon; {@code window} and
 * {@code seasonLength} of 0 mean "choose from the data".
 *
 * @param cell GRU, LSTM, RNN_TANH or RNN_RELU
 * @param hidden hidden units per layer
 * @param layers stacked recurrent layers
 * @param window input steps; 0 chooses from the season and series lengths
 * @param horizon forecast steps the head predicts
 * @param epochs most epochs (early stopping usually ends sooner)
 * @param batchSize windows per optimisation step
 * @param learningRate Adam's peak learning rate
 * @param loss {@code mse}, {@code mae}, {@code huber[:delta]}, {@code pinball:q}
 * @param seed seeds the weights and the shuffling
 * @param validationFraction share of each series' end held out for early stopping and calibration
 * @param patience epochs without improvement before stopping
 * @param normalization {@code window} (scale-free, forecasts any series) or {@code series}
 * @param scaler scaler kind for {@code series} normalization
 * @param log1p {@code log1p} before scaling ({@code series} normalization, positive data)
 * @param seasonLength season length; 0 infers it from the frequency or the data
 * @param frequency data frequency ({@code M}, {@code D}, ...); {@code null} infers it from timestamps
 * @param seasonalFeatures add sin/cos season-position inputs when the season length is above 1
 * @param refit after early stopping, retrain on all data (validation included) for the best
 *     epoch count
 * @param stride steps between training windows of a series
 * @param seasonalBaseline the network learns the departure from its window's seasonal-naive forecast
 */
public record FitConfig(String cell, int hidden, int layers, int window, int horizon, int epochs, int batchSize,
                        float learningRate, String loss, long seed, double validationFraction, int patience,
                        String normalization, String scaler, boolean log1p, int seasonLength, String frequency,
                        boolean seasonalFeatures, boolean refit, int stride, boolean seasonalBaseline) {

    public FitConfig {
        CellType.parse(cell);
        Loss.parse(loss);
        WindowEncoder.Normalization.parse(normalization);
        Scaler.Kind.parse(scaler);
        if (hidden < 1 || layers < 1 || horizon < 1 || epochs < 1 || batchSize < 1 || stride < 1) {
            throw new IllegalArgumentException("hidden, layers, horizon, epochs, batch size and stride must be positive");
        }
        if (window < 0 || seasonLength < 0 || patience < 0) {
            throw new IllegalArgumentException("window, season length and patience must not be negative");
        }
        if (!(validationFraction >= 0 && validationFraction < 0.9)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 0.9) but was " + validationFraction);
        }
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite but was " + learningRate);
        }
    }

    /**
     * A small GRU (32 units, one layer) on window-normalised inputs with seasonal features, Adam at
     * 3e-3 on Huber loss, up to 200 epochs with patience 20 on the last 30% of each series (rolling
     * origins there also calibrate the intervals: with 20%, AirPassengers had a single validation
     * window and intervals that covered 4% instead of 80%), then a
     * refit on everything.
     */
    public static FitConfig defaults(int horizon) {
        return new FitConfig("GRU", 32, 1, 0, horizon, 200, 32, 3e-3f, "huber", 42, 0.3, 20,
                "window", "standard", false, 0, null, true, true, 1, true);
    }

    public FitConfig withSeed(long newSeed) {
        return new FitConfig(cell, hidden, layers, window, horizon, epochs, batchSize, learningRate, loss, newSeed,
                validationFraction, patience, normalization, scaler, log1p, seasonLength, frequency, seasonalFeatures,
                refit, stride, seasonalBaseline);
    }

    public FitConfig withEpochs(int newEpochs) {
        return new FitConfig(cell, hidden, layers, window, horizon, newEpochs, batchSize, learningRate, loss, seed,
                validationFraction, patience, normalization, scaler, log1p, seasonLength, frequency, seasonalFeatures,
                refit, stride, seasonalBaseline);
    }
}
