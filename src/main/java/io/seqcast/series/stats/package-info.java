/**
 * Classical statistical forecasters, written out in plain Java so the service can offer them (and
 * compare its models with them) without R: the Theta method, with R's {@code forecast::thetaf} as
 * the reference it is tested against; exponential smoothing with a damped trend, tested against
 * R's {@code ets(model = "AAN", damped = TRUE)} on the same seasonal adjustment; and Holt-Winters
 * smoothing with an evolving seasonal pattern, tested against R's additive seasonal {@code ets}
 * models. No Spring, no web or JSON types; cheap enough per call for rolling-origin backtests over
 * many series.
 */
package io.seqcast.series.stats;
