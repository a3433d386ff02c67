/**
 * Admission control in front of {@code POST /forecast} and {@code POST /backtest}: each request's cost
 * class is estimated from its parsed parameters ({@link io.seqcast.api.admission.CostClass}), each class
 * has a bounded concurrency budget with a short wait queue (beyond it: 429 with {@code Retry-After}),
 * every admitted request runs under a deadline (past it: 503), and the heavy classes compute on a lane
 * of their own so small requests keep the shared compute pool. {@link io.seqcast.api.admission.Admission}
 * is the entry point.
 */
package io.seqcast.api.admission;
