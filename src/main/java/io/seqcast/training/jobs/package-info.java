/**
 * Training jobs: {@link io.seqcast.training.jobs.TrainingJobService} validates a training request,
 * queues it on a small bounded executor, runs {@link io.seqcast.training.ModelFitter} and registers the
 * result as a new model version. Jobs live in memory only (a bounded history; lost on restart).
 */
package io.seqcast.training.jobs;
