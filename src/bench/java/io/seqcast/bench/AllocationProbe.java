package io.seqcast.bench;

import io.seqcast.nn.CellType;
import io.seqcast.nn.ModelSpec;
import io.seqcast.nn.SeqToOneModel;
import io.seqcast.tensor.ComputeContext;
import io.seqcast.tensor.KernelsProvider;
import io.seqcast.training.Initializer;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

/**
 * Bytes allocated per forecast by the calling thread after warm-up, for each cell, batch and
 * width: a quick check that the Vector API calls were intrinsified (boxed vectors show up as
 * allocation). Run with JIT diagnostics to see why when they were not:
 * <pre>java --add-modules jdk.incubator.vector -XX:+UnlockDiagnosticVMOptions -XX:+PrintInlining \
 *   -cp ... io.seqcast.bench.AllocationProbe [warm-up calls] [backends, comma-separated]</pre>
 */
public final class AllocationProbe {

    private AllocationProbe() {
    }

    public static void main(String[] args) {
        int warm = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        String[] backends = args.length > 1 ? args[1].split(",") : new String[] {"vector-256", "vector-512"};
        for (String backend : backends) {
            try (ComputeContext ctx = new ComputeContext(KernelsProvider.select(backend), 1)) {
                for (CellType cell : new CellType[] {CellType.GRU, CellType.LSTM}) {
                    SeqToOneModel model = new SeqToOneModel(new ModelSpec(cell, 1, 64, 1, 12));
                    Initializer.pytorchDefault(model, 42);
                    model.freeze();
                    for (int batch : new int[] {1, 256}) {
                        float[] in = new float[batch * 64];
                        SplittableRandom r = new SplittableRandom(1);
                        for (int i = 0; i < in.length; i++) {
                            in[i] = (float) r.nextGaussian();
                        }
                        float[] out = new float[batch * 12];
                        int calls = batch == 1 ? warm : Math.max(10, warm / 100);
                        for (int i = 0; i < calls; i++) {
                            model.predict(ctx, in, batch, 64, out);
                        }
                        long id = Thread.currentThread().getId();
                        long before = threads.getThreadAllocatedBytes(id);
                        long t0 = System.nanoTime();
                        int n = batch == 1 ? 1000 : 10;
                        for (int i = 0; i < n; i++) {
                            model.predict(ctx, in, batch, 64, out);
                        }
                        long t1 = System.nanoTime();
                        long bytes = threads.getThreadAllocatedBytes(id) - before;
                        System.out.printf("%s %s batch %d: %d bytes/call, %.1f us/call%n", backend, cell, batch,
                                bytes / n, (t1 - t0) / 1e3 / n);
                    }
                }
            }
        }
    }
}
