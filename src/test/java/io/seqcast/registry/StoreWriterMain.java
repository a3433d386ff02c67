package io.seqcast.registry;

import io.seqcast.nn.CellType;
import io.seqcast.nn.ModelSpec;
import io.seqcast.nn.SeqToOneModel;
import io.seqcast.nn.weights.ModelWeights;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

/**
 * A child process for {@link KillDuringWriteTest}: writes versions of a 3 MB model into a
 * {@link FileSystemModelStore} in a loop, printing {@code writing} before and {@code wrote N} after each, until killed.
 */
public final class StoreWriterMain {

    static final ModelSpec SPEC = new ModelSpec(CellType.GRU, 1, 512, 1, 4);

    public static void main(String[] args) {
        FileSystemModelStore store = new FileSystemModelStore(Path.of(args[0]));
        ModelManifest manifest = manifest();
        Random random = new Random(Long.parseLong(args[1]));
        while (true) {
            SeqToOneModel model = new SeqToOneModel(SPEC);
            float[] p = model.parameters();
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) (random.nextGaussian() * 0.01);
            }
            System.out.println("writing");
            System.out.flush();
            ModelManifest stored = store.create("big", ModelWeights.toSafeTensors(model, Map.of()), manifest);
            System.out.println("wrote " + stored.version());
            System.out.flush();
        }
    }

    static ModelManifest manifest() {
        ModelManifest m = TestModels.manifest();
        return new ModelManifest("big", 0, m.format(), new ModelManifest.Architecture("GRU", 1, 512, 1, 12, 4),
                m.preprocessing(), null, Map.of(), null, null, null, null, null, "3 MB GRU for the kill -9 test");
    }
}
