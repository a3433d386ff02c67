package io.seqcast.api.training;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

import java.util.List;

/**
 * Body of {@code POST /models/{name}/training-jobs}: series in the format of {@code /forecast}, plus an
 * optional horizon, frequency and training configuration.
 *
 * @param series the series to train on
 * @param horizon forecast steps (or {@code config.horizon}); absent: the horizon of the model's serving
 *     version
 * @param frequency data frequency ({@code M}, {@code D}, ...); absent: inferred from timestamps
 * @param config the model and training settings; absent fields take the defaults
 */
@Schema(name = "TrainingJobRequest", description = "Series to train on and the training configuration")
record TrainingJobRequest(List<SeriesPayload> series, Integer horizon, String frequency, ConfigPayload config) {

    /**
     * One series. {@code values} stay JSON nodes so that a {@code NaN} or a string is refused by its
     * position; {@code null} marks a missing value.
     * (Duplicates the series record of the forecast API for now; to be unified.)
     */
    @Schema(name = "TrainingSeries")
    record SeriesPayload(String id,
                         @ArraySchema(schema = @Schema(type = "number", nullable = true)) List<JsonNode> values,
                         List<String> timestamps) {
    }

    /** The training configuration a client may choose; see {@code docs/api.md}. */
    record ConfigPayload(String cell, Integer hidden, Integer layers, Integer window, Integer horizon, Integer epochs,
                         Integer batchSize, Float learningRate, String loss, Long seed, Double validationFraction,
                         Integer patience) {
    }
}
