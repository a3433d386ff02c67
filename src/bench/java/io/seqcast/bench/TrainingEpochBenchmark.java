package io.seqcast.bench;

import io.seqcast.nn.CellType;
import io.seqcast.nn.ModelSpec;
import io.seqcast.nn.SeqToOneModel;
import io.seqcast.tensor.ComputeContext;
import io.seqcast.tensor.KernelsProvider;
import io.seqcast.training.Initializer;
import io.seqcast.training.Loss;
import io.seqcast.training.Trainer;
import io.seqcast.training.TrainingListener;
import io.seqcast.training.TrainingOptions;
import io.seqcast.series.Windows;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One training epoch as {@code torch_speed.py} times it: 4096 windows (window 64, input 1), batch
 * 64 = 64 Adam steps at lr 1e-3 on MSE, GRU or LSTM with hidden 64 and a head to 12; milliseconds
 * per epoch. No validation and no clipping, as in the PyTorch script.
 *
 * <pre>./mvnw -q -Pbench test-compile exec:exec -Dbench.args="TrainingEpochBenchmark -f 1 -wi 3 -i 5"</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TrainingEpochBenchmark {

    static final int HIDDEN = 64;
    static final int WINDOW = 64;
    static final int HORIZON = 12;
    static final int WINDOWS = 4096;

    @Param({"GRU", "LSTM"})
    public String cell;

    @Param({"vector-256"})
    public String backend;

    @Param({"1", "2"})
    public int threads;

    private ComputeContext compute;
    private SeqToOneModel model;
    private Windows train;
    private Windows none;
    private TrainingOptions options;

    @Setup(Level.Trial)
    public void setup() {
        compute = new ComputeContext(KernelsProvider.select(backend), threads);
        model = new SeqToOneModel(new ModelSpec(CellType.parse(cell), 1, HIDDEN, 1, HORIZON));
        Initializer.pytorchDefault(model, 42);
        SplittableRandom random = new SplittableRandom(3);
        float[] inputs = new float[WINDOWS * WINDOW];
        float[] targets = new float[WINDOWS * HORIZON];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < targets.length; i++) {
            targets[i] = (float) random.nextGaussian();
        }
        train = new Windows(inputs, targets, WINDOWS, WINDOW, 1, HORIZON);
        none = new Windows(new float[0], new float[0], 0, WINDOW, 1, HORIZON);
        options = new TrainingOptions(1, 64, 1e-3f, 0, 1f, 0f, 0f, 0, 1, new Loss.Mse());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        compute.close();
    }

    @Benchmark
    public Object epoch() {
        return new Trainer(compute).fit(model, train, none, options, TrainingListener.NONE);
    }
}
