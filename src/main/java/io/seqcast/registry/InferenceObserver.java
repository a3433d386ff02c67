package io.seqcast.registry;

/**
 * Wraps one batch inference on a served model so that it can be measured. The forecast path calls
 * {@code observer.observe(model, series, () -> model.model().predict(...))}; observability implements it
 * (a timer per model, cell and kernel backend), so forecasting needs no metrics library and the layers
 * keep pointing down. {@link #NONE} just runs the inference.
 */
@FunctionalInterface
public interface InferenceObserver {

    InferenceObserver NONE = (model, series, inference) -> inference.run();

    /**
     * Runs {@code inference} (on the calling thread) and observes it; exceptions pass through unchanged.
     *
     * @param model the model the batch runs on
     * @param series the batch size (series in the batch)
     */
    void observe(LoadedModel model, int series, Runnable inference);
}
