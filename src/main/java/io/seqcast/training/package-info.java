/**
 * Fitting models: losses (MSE, MAE, Huber, pinball), Adam/AdamW with gradient clipping and a
 * learning-rate schedule, and the data-parallel {@link io.seqcast.training.Trainer} with early
 * stopping. The math is Spring-free; the training-job service sits beside it.
 */
package io.seqcast.training;
