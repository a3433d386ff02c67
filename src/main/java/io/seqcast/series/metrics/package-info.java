/**
 * Forecast accuracy metrics (MAE, RMSE, sMAPE, MASE, interval coverage) and the baselines every
 * model is compared with (naive, seasonal naive), as defined in {@code shared/design/ACCURACY.md}.
 * Plain Java, no Spring.
 */
package io.seqcast.series.metrics;
