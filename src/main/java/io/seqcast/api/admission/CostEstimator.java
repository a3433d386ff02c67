package io.seqcast.api.admission;

import io.seqcast.forecast.BacktestInput;
import io.seqcast.forecast.ForecastInput;

import java.util.List;
import java.util.Locale;

/**
 * Estimates a request's {@link CostClass} from its parameters, before validation and before any work:
 * {@code "model": "auto"} is {@link CostClass#AUTO}; a backtest is {@link CostClass#BACKTEST}; a forecast
 * whose selection is {@code off} is {@link CostClass#CHEAP} (one batched model pass); otherwise the
 * selection work grows with series x points (each series' statistical fits see at most its last
 * {@value #HISTORY_SEEN} points), and a forecast above {@code smallWork} such points is
 * {@link CostClass#SELECTION}. Malformed parameters are estimated as they come (validation refuses them
 * afterwards with a 400).
 */
final class CostEstimator {

    /** Points of a series that the selection's statistical candidates look at (RollingOriginSelector). */
    static final int HISTORY_SEEN = 1_000;

    private final String defaultSelection;
    private final long smallWork;

    /**
     * @param defaultSelection the configured selection policy ({@code seqcast.forecast.selection.policy})
     * @param smallWork the most series x points (each capped at {@value #HISTORY_SEEN}) of a cheap forecast
     */
    CostEstimator(String defaultSelection, long smallWork) {
        this.defaultSelection = defaultSelection;
        this.smallWork = smallWork;
    }

    CostClass forecast(ForecastInput input) {
        if (auto(input.model())) {
            return CostClass.AUTO;
        }
        String selection = input.selection() == null ? defaultSelection : input.selection();
        if ("off".equals(selection.trim().toLowerCase(Locale.ROOT))) {
            return CostClass.CHEAP;
        }
        return work(input.series()) <= smallWork ? CostClass.CHEAP : CostClass.SELECTION;
    }

    CostClass backtest(BacktestInput input) {
        return auto(input.model()) ? CostClass.AUTO : CostClass.BACKTEST;
    }

    /** Series x points, each series' points capped at {@value #HISTORY_SEEN}. */
    static long work(List<ForecastInput.SeriesInput> series) {
        if (series == null) {
            return 0;
        }
        long work = 0;
        for (ForecastInput.SeriesInput s : series) {
            int points = s == null || s.values() == null ? 0 : s.values().length;
            work += Math.min(points, HISTORY_SEEN);
        }
        return work;
    }

    private static boolean auto(String model) {
        return model != null && "auto".equals(model.trim());
    }
}
