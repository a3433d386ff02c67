package io.seqcast.registry;

import io.seqcast.nn.CellType;
import io.seqcast.nn.ModelSpec;
import io.seqcast.nn.SeqToOneModel;
import io.seqcast.nn.weights.ModelWeights;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

/**
 * A child process for {@link KillDuringWriteTest}: writes versions of a 12 MB model into a
 * {@link FileSystemModelStore} in a loop, printing {@code writing} before and {@code wrote N} after each, until killed.
 */
public final class StoreWriterMain {

    static final ModelSpec SPEC = new ModelSpec(CellType.GRU, 1, 1024, 1, 4);

    public static void main(String[] args) {
        FileSystemModelStore store = new FileSystemModelStore(Path.of(args[0]));
        ModelManifest manifest = manifest();
        Random random = new Random(Long.parseLong(args[1]));
        boolean haltMidWrite = args.length > 2 && args[2].equals("halt-mid-write");
        int written = 0;
        while (true) {
            if (haltMidWrite && written == 2) {
                haltDuringNextWrite(store, manifest, Path.of(args[0]).resolve("big"));
            }
            written++;
            SeqToOneModel model = new SeqToOneModel(SPEC);
            float[] p = model.parameters();
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) (random.nextGaussian() * 0.01);
            }
            // Serialise first, so that "writing" means the store's own write (files, fsync, rename) has begun.
            byte[] weights = ModelWeights.toSafeTensors(model, Map.of());
            System.out.println("writing");
            System.out.flush();
            ModelManifest stored = store.create("big", weights, manifest);
            System.out.println("wrote " + stored.version());
            System.out.flush();
        }
    }

    /**
     * Starts a write on another thread and, as soon as its temporary folder exists, stops the JVM with
     * {@link Runtime#halt} (no shutdown hooks, no finally blocks: what SIGKILL does), so the kill lands
     * inside the write whatever the machine's speed.
     */
    private static void haltDuringNextWrite(FileSystemModelStore store, ModelManifest manifest, Path modelDir) {
        SeqToOneModel model = new SeqToOneModel(SPEC);
        java.util.Arrays.fill(model.parameters(), 0.01f);
        byte[] weights = ModelWeights.toSafeTensors(model, Map.of());
        Thread writer = new Thread(() -> store.create("big", weights, manifest));
        writer.start();
        while (true) {
            try (var entries = java.nio.file.Files.list(modelDir)) {
                if (entries.anyMatch(p -> p.getFileName().toString().startsWith(".tmp-"))) {
                    System.out.println("halting mid-write");
                    System.out.flush();
                    Runtime.getRuntime().halt(137);
                }
            } catch (java.io.IOException e) {
                // the folder is being changed under us: look again
            }
        }
    }

    static ModelManifest manifest() {
        ModelManifest m = TestModels.manifest();
        return new ModelManifest("big", 0, m.format(), new ModelManifest.Architecture("GRU", 1, 1024, 1, 12, 4),
                m.preprocessing(), null, Map.of(), null, null, null, null, null, "12 MB GRU for the kill -9 test");
    }
}
