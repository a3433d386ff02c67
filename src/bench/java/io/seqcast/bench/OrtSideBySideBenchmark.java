package io.seqcast.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.seqcast.nn.CellType;
import io.seqcast.nn.ModelSpec;
import io.seqcast.nn.ParameterTensor;
import io.seqcast.nn.SeqToOneModel;
import io.seqcast.tensor.ComputeContext;
import io.seqcast.tensor.KernelsProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * seqcast and ONNX Runtime Java side by side on the same model: the workload of record (input 1,
 * hidden 64, window 64, horizon 12) exported from PyTorch ({@code src/bench/resources/onnx}, a copy
 * of the shared {@code fixtures/onnx} folder). seqcast loads the same weights from {@code reference.json}.
 *
 * <p>Before timing, every trial checks that both engines give PyTorch's output on the reference
 * input (batch 3) and agree with each other to 1e-5; it refuses to time otherwise. ORT runs as a
 * service would call it: a new input tensor from a heap {@code float[]} per call, the output copied
 * out, everything closed; intra-op threads {@code threads}, inter-op 1, all graph optimizations.
 * seqcast runs {@code SeqToOneModel.predict} on a frozen model with a compute pool of
 * {@code threads} (batch 1 runs on the calling thread whatever the pool).
 *
 * <pre>./mvnw -q -Pbench test-compile exec:exec -Dbench.args="OrtSideBySideBenchmark -prof gc"</pre>
 * tools/bench/sitting.sh runs it one cell and batch at a time, the engines interleaved, with
 * {@code -jvmArgsAppend -Xbatch} (on a loaded machine the JIT's compiler threads starve and the
 * Vector API code otherwise runs interpreted through the warm-up). {@code backend=auto} would time
 * the widths in child JVMs in every fork: the sitting measures once and passes the winner.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(5)
public class OrtSideBySideBenchmark {

    static final int WINDOW = 64;
    static final int HORIZON = 12;
    static final double AGREEMENT = 1e-5;

    @Param({"GRU", "LSTM"})
    public String cell;

    @Param({"1", "256"})
    public int batch;

    @Param({"1", "2"})
    public int threads;

    @Param({"seqcast", "ort"})
    public String engine;

    /** seqcast's kernels ({@code seqcast.tensor.backend}'s names). */
    @Param({"auto"})
    public String backend;

    private ComputeContext compute;
    private SeqToOneModel model;
    private OrtEnvironment env;
    private OrtSession session;
    private float[] input;
    private float[] out;

    @Setup(Level.Trial)
    public void setup() throws OrtException {
        JsonNode reference = readReference().path("models").path(cell);
        compute = new ComputeContext(KernelsProvider.select(backend), threads);
        model = load(reference, CellType.parse(cell)).freeze();
        env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        session = env.createSession(resource("onnx/" + reference.path("onnx").asText()), options);
        checkAgreement(reference);
        SplittableRandom random = new SplittableRandom(7);
        input = new float[batch * WINDOW];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) random.nextGaussian();
        }
        out = new float[batch * HORIZON];
    }

    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
        session.close();
        compute.close();
    }

    @Benchmark
    public float[] forecast() throws OrtException {
        if (engine.equals("ort")) {
            runOrt(input, batch, out);
        } else {
            model.predict(compute, input, batch, WINDOW, out);
        }
        return out;
    }

    private void runOrt(float[] x, int rows, float[] y) throws OrtException {
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(x, 0, rows * WINDOW),
                new long[] {rows, WINDOW, 1});
             OrtSession.Result result = session.run(Map.of("x", tensor))) {
            ((OnnxTensor) result.get(0)).getFloatBuffer().get(y, 0, rows * HORIZON);
        }
    }

    /** Both engines on reference.json's input give its PyTorch output, within {@link #AGREEMENT}. */
    private void checkAgreement(JsonNode reference) throws OrtException {
        float[] x = floats(reference.path("x"));
        float[] want = floats(reference.path("y"));
        int rows = reference.path("x_shape").get(0).asInt();
        float[] ours = new float[rows * HORIZON];
        float[] theirs = new float[rows * HORIZON];
        model.predict(compute, x, rows, WINDOW, ours);
        runOrt(x, rows, theirs);
        double worst = 0;
        for (int i = 0; i < want.length; i++) {
            worst = Math.max(worst, Math.max(Math.abs(ours[i] - want[i]), Math.abs(ours[i] - theirs[i])));
            worst = Math.max(worst, Math.abs(theirs[i] - want[i]));
        }
        if (!(worst <= AGREEMENT)) {
            throw new IllegalStateException(cell + ": seqcast, ONNX Runtime and PyTorch differ by " + worst
                    + " on reference.json (tolerance " + AGREEMENT + "); not timing different computations");
        }
    }

    /** A model with reference.json's PyTorch state_dict (the same names as our layout). */
    static SeqToOneModel load(JsonNode reference, CellType cell) {
        JsonNode state = reference.path("state_dict");
        int hidden = reference.path("state_dict_shapes").path("rnn.weight_hh_l0").get(1).asInt();
        SeqToOneModel model = new SeqToOneModel(new ModelSpec(cell, 1, hidden, 1, HORIZON));
        float[] p = model.parameters();
        for (ParameterTensor t : model.layout().tensors()) {
            float[] values = floats(state.path(t.name()));
            if (values.length != t.size()) {
                throw new IllegalStateException(t.name() + ": reference.json has " + values.length + " values, "
                        + "the model " + t.size());
            }
            System.arraycopy(values, 0, p, t.offset(), values.length);
        }
        return model;
    }

    private static float[] floats(JsonNode array) {
        float[] a = new float[array.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) array.get(i).asDouble();
        }
        return a;
    }

    static JsonNode readReference() {
        return JsonMapper.builder().build().readTree(resource("onnx/reference.json"));
    }

    private static byte[] resource(String name) {
        try (InputStream in = OrtSideBySideBenchmark.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing bench resource " + name + " (src/bench/resources)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
