/**
 * Data preparation shared by training and inference: gap filling, per-series and per-window
 * scaling, frequency and season-length inference, and cutting series into the
 * {@link io.seqcast.series.Windows} a sequence-to-one model trains on or forecasts from.
 *
 * <p>Plain Java: no Spring, no web types, so training jobs, the forecast service, backtests and
 * tests use it alone. Caller mistakes are {@link java.lang.IllegalArgumentException}s naming the
 * values; unusable series are {@link io.seqcast.series.InvalidSeriesException}s naming the
 * series.
 */
package io.seqcast.series;
