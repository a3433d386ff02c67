package io.seqcast.bench;

import io.seqcast.nn.SeqToOneModel;
import io.seqcast.nn.weights.ModelWeights;
import io.seqcast.registry.ManifestJson;
import io.seqcast.registry.ModelManifest;
import io.seqcast.series.Frequency;
import io.seqcast.series.GapFiller;
import io.seqcast.series.SeriesData;
import io.seqcast.tensor.ComputeContext;
import io.seqcast.tensor.KernelsProvider;
import io.seqcast.training.Prediction;
import io.seqcast.training.Predictor;
import io.seqcast.training.RollingOriginSelector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * What checking each series against its own past costs a forecast request: the bundled default model
 * on {@code series} monthly series of 200 points, horizon 12, as the model alone ({@link Predictor},
 * the service before the check) and through {@link RollingOriginSelector} with its default 40 origins
 * ({@code best}: model, model+Theta, Theta, seasonal naive; {@code model}: the model alone, intervals
 * calibrated). Milliseconds per request.
 *
 * <pre>./mvnw -q -Pbench test-compile exec:exec -Dbench.args="SelectionBenchmark -f 1 -wi 3 -i 5 -w 2 -r 2"</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SelectionBenchmark {

    static final int LENGTH = 200;
    static final int HORIZON = 12;
    static final List<Double> LEVELS = List.of(80.0, 95.0);

    @Param({"1", "100"})
    public int series;

    private ComputeContext compute;
    private SeqToOneModel model;
    private ModelManifest manifest;
    private List<SeriesData> data;
    private Predictor predictor;
    private RollingOriginSelector selector;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        Path dir = Path.of("src/main/resources/models/default/1");
        model = ModelWeights.read(dir.resolve("model.safetensors"));
        model.freeze();
        manifest = ManifestJson.read(Files.readAllBytes(dir.resolve("manifest.json")));
        compute = new ComputeContext(KernelsProvider.select("auto"), 0);
        predictor = new Predictor(compute, new GapFiller());
        selector = new RollingOriginSelector(compute, new GapFiller(), 40);
        SplittableRandom random = new SplittableRandom(11);
        data = new ArrayList<>();
        for (int s = 0; s < series; s++) {
            double[] values = new double[LENGTH];
            double level = 100 + 50 * random.nextDouble();
            for (int t = 0; t < LENGTH; t++) {
                level += random.nextGaussian();
                values[t] = level * (1 + 0.2 * Math.sin(2 * Math.PI * t / 12)) + 3 * random.nextGaussian();
            }
            data.add(new SeriesData("s" + s, values, null));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        compute.close();
    }

    @Benchmark
    public List<Prediction> modelAlone() {
        return predictor.predict(model, manifest, data, HORIZON, LEVELS, Frequency.parse("M"));
    }

    @Benchmark
    public List<Prediction> selectionBest() {
        return selector.predict(model, manifest, data, HORIZON, LEVELS, Frequency.parse("M"),
                RollingOriginSelector.Policy.BEST);
    }

    @Benchmark
    public List<Prediction> selectionModel() {
        return selector.predict(model, manifest, data, HORIZON, LEVELS, Frequency.parse("M"),
                RollingOriginSelector.Policy.MODEL);
    }
}
