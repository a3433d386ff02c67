package io.seqcast.forecast;

import io.seqcast.input.SeriesRules;
import io.seqcast.series.GapFiller;
import io.seqcast.tensor.ComputeContext;
import io.seqcast.training.RollingOriginSelector;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * Limits and policies of {@code POST /forecast}.
 *
 * @param defaultModel the model that answers a request without {@code model}
 * @param maxSeries most series in one request (more: 413)
 * @param maxPoints most values in one series (more: 413)
 * @param maxTotalPoints most values over all series of one request (more: 413)
 * @param maxLevels most distinct interval levels in one request (more: 413)
 * @param maxForecastValues most numbers one answer may carry, counted as series x horizon x
 *     (1 + 2 x levels), for a backtest also x windows (more: 413, before any work)
 * @param maxHorizon largest accepted horizon (more: 400)
 * @param maxBodySize largest accepted request body, JSON or CSV (more: 413)
 * @param strictHorizon {@code true}: a horizon beyond the model's own is refused (400) instead of
 *     extended recursively
 * @param shortSeries a series shorter than the model's window: {@code pad} (the window is padded with
 *     the series' first value, the response says how many steps in {@code paddedSteps}) or
 *     {@code refuse} (400 naming the series)
 * @param defaultLevels interval levels (percent) when a request gives none
 * @param selection how each series' forecaster is chosen and its intervals calibrated on its own history
 * @param auto how {@code "model": "auto"} trains
 * @param backtest limits of {@code POST /backtest}
 */
@Validated
@ConfigurationProperties("seqcast.forecast")
public record ForecastProperties(
        @DefaultValue("default") @NotBlank String defaultModel,
        @DefaultValue("1000") @Min(1) int maxSeries,
        @DefaultValue("100000") @Min(2) int maxPoints,
        @DefaultValue("1000000") @Min(2) long maxTotalPoints,
        @DefaultValue("10") @Min(1) int maxLevels,
        @DefaultValue("2000000") @Min(1) long maxForecastValues,
        @DefaultValue("1000") @Min(1) int maxHorizon,
        @DefaultValue("16MB") @NotNull DataSize maxBodySize,
        @DefaultValue("false") boolean strictHorizon,
        @DefaultValue("pad") @Pattern(regexp = "pad|refuse", message = "must be pad or refuse") String shortSeries,
        @DefaultValue({"80", "95"}) List<Double> defaultLevels,
        @DefaultValue @Valid @NotNull Selection selection,
        @DefaultValue @Valid @NotNull Auto auto,
        @DefaultValue @Valid @NotNull Backtest backtest) {

    /**
     * The check of the model against each series' own past before answering
     * ({@code io.seqcast.training.RollingOriginSelector}).
     *
     * @param policy {@code best}: per series, the model, Theta, damped trend, autoregression, seasonal smoothing, their
     *     means or seasonal naive, whichever erred least on the series' rolling origins; {@code model}: always the model
     *     (intervals still calibrated on the origins). A request's {@code selection} overrides it.
     *     {@code off}: no check, the model's forecast with its model card's intervals (the cheapest)
     * @param origins most rolling origins per series; each costs one more row in the batched model pass
     *     and one Theta, damped-trend, autoregression and (seasonal series) seasonal-smoothing fit per series
     * @param maxRows most model rows for the origins of one request, a row counting once per model pass
     *     (a horizon beyond the model's own takes one pass per model horizon): many series or a long
     *     horizon get fewer origins per series (at least 3), so the check's cost stays bounded
     * @param exclude candidates that never compete under {@code best} (none by default): a cost lever,
     *     e.g. {@code seasonal-smoothing}, the costliest fit (docs/benchmarks.md); the fits no remaining
     *     candidate uses are skipped
     */
    public record Selection(
            @DefaultValue("best") @Pattern(regexp = "best|model|off", message = "must be best, model or off") String policy,
            @DefaultValue("40") @Min(3) @Max(200) int origins,
            @DefaultValue("20000") @Min(3) int maxRows,
            @DefaultValue @NotNull List<@Pattern(regexp = CANDIDATE, message = "must be one of " + CANDIDATES) String> exclude) {

        static final String CANDIDATES = "model+theta+damped, model+theta, model, theta, damped-trend, autoregression, "
                + "seasonal-naive, seasonal-smoothing, seasonal-naive-long, multi-seasonal";
        static final String CANDIDATE = "model\\+theta\\+damped|model\\+theta|model|theta|damped-trend|autoregression"
                + "|seasonal-naive|seasonal-smoothing|seasonal-naive-long|multi-seasonal";

        /** The check these settings describe. */
        public RollingOriginSelector selector(ComputeContext compute, GapFiller gapFiller) {
            return new RollingOriginSelector(compute, gapFiller, origins, maxRows, exclude);
        }
    }

    /**
     * {@code POST /backtest}: rolling-origin evaluation.
     *
     * @param defaultWindows rolling origins when a request gives no {@code windows}
     * @param maxWindows most rolling origins in one request (more: 400)
     * @param maxAutoWindows most rolling origins with {@code "model": "auto"}, which fits one model per
     *     origin (more: 400)
     * @param maxSeriesWindows most series x windows in one request, each a forecast and a selection
     *     check of its own (more: 413)
     * @param autoBudget wall-clock budget of all auto-mode fits of one backtest together: each origin's
     *     fit gets an equal share, at most {@code seqcast.forecast.auto.budget}
     */
    public record Backtest(
            @DefaultValue("3") @Min(1) int defaultWindows,
            @DefaultValue("50") @Min(1) int maxWindows,
            @DefaultValue("10") @Min(1) int maxAutoWindows,
            @DefaultValue("2000") @Min(1) int maxSeriesWindows,
            @DefaultValue("10s") @NotNull Duration autoBudget) {
    }

    /**
     * Auto mode: a small model fitted on the request's own series.
     *
     * @param budget wall-clock budget of the fit; training stops gracefully (best weights so far) when
     *     the next epoch, the scoring and the refit would not fit in it, and the refit runs if it still fits
     * @param register {@code false}: the model serves this request only (ephemeral); {@code true}: it is
     *     registered as {@code auto-<hash>} (hash of the request's series and horizon), so the same model
     *     can be asked for again by name
     * @param hidden hidden units of the GRU
     * @param maxEpochs most epochs (early stopping and the budget usually end sooner)
     * @param patience epochs without a better validation loss before stopping
     */
    public record Auto(
            @DefaultValue("2s") @NotNull Duration budget,
            @DefaultValue("false") boolean register,
            @DefaultValue("32") @Min(1) @Max(256) int hidden,
            @DefaultValue("200") @Min(1) int maxEpochs,
            @DefaultValue("20") @Min(1) int patience) {
    }

    /** The series limits of {@code /forecast} and {@code /backtest}, for {@link SeriesRules}. */
    public SeriesRules.Limits seriesLimits() {
        return new SeriesRules.Limits(new SeriesRules.Limit(maxSeries, "seqcast.forecast.max-series"),
                new SeriesRules.Limit(maxPoints, "seqcast.forecast.max-points"),
                new SeriesRules.Limit(maxTotalPoints, "seqcast.forecast.max-total-points"));
    }

    public boolean refuseShortSeries() {
        return "refuse".equals(shortSeries);
    }
}
