package io.seqcast.training;

import io.seqcast.nn.SeqToOneModel;
import io.seqcast.registry.ModelManifest;

/**
 * A fitted model and its model card (name and version still unassigned: the registry sets them).
 *
 * @param model the trained network
 * @param manifest the model card: architecture, preprocessing, data, validation metrics, intervals
 * @param training the early-stopped run (per-epoch losses, best epoch)
 * @param refitEpochs epochs of the refit on all data, 0 when there was none
 */
public record FitResult(SeqToOneModel model, ModelManifest manifest, TrainingResult training, int refitEpochs) {
}
