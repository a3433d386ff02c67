package io.seqcast.tensor;

import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the {@link Kernels} implementation once at start-up, by name:
 * {@code auto | scalar | vector | vector-256 | vector-512} (case-insensitive).
 *
 * <p>{@code auto} measures: when the {@code jdk.incubator.vector} module is in the boot layer and
 * {@link VectorKernels} loads, {@link WidthMeasurement} times scalar, 256- and 512-bit kernels on the
 * serving shapes, each in a short-lived JVM of its own (about {@link #PROBE_MILLIS} ms each), keeps the
 * fastest and logs the timings; once per JVM. Where no probe can be started (the classes nested in a
 * fat jar) or one fails, it logs why and takes {@link #DEFAULT_VECTOR_BITS}. Without the module it is
 * {@link ScalarKernels}. {@code vector} means {@link #DEFAULT_VECTOR_BITS}; a named width is taken as
 * named, without measuring. {@link VectorKernels} is loaded by name so that a JVM
 * started without the module never links it; this class itself does not reference the Vector API.
 */
public final class KernelsProvider {

    private static final Logger log = LoggerFactory.getLogger(KernelsProvider.class);

    static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String VECTOR_CLASS = "io.seqcast.tensor.VectorKernels";
    private static final String CHOICES = "auto, scalar, vector, vector-256, vector-512";

    /**
     * The width for {@code auto} and {@code vector}: 256 bits. Measured on this shared 2-vCPU AMD EPYC
     * (Zen 4, JDK 17, JMH -f 1 -wi 3 -i 5): 512 bits had slightly higher but far noisier means on
     * sgemm 256 (e.g. 22.3k vs 21.8k and 26.3k +- 17.7k vs 21.2k +- 0.4k multiply-adds/us) and on
     * sigmoid/tanh, while 256 bits was steadier and faster on the batch-1 gemv (1.58 vs 2.11 us, noisy).
     * No clear winner, so the steadier one; re-measure on the target host (docs/benchmarks.md).
     */
    static final int DEFAULT_VECTOR_BITS = 256;

    /** Timing per candidate in {@code auto}'s measurement, warm-up included. */
    static final long PROBE_MILLIS = 400;

    private KernelsProvider() {
    }

    /**
     * @param backend {@code auto}, {@code scalar}, {@code vector}, {@code vector-256} or
     *     {@code vector-512}, case-insensitive
     * @throws IllegalArgumentException for any other name
     * @throws IllegalStateException when a {@code vector*} backend is asked for but the Vector API is
     *     not available to this JVM
     */
    public static Kernels select(String backend) {
        String name = backend == null ? "" : backend.trim().toLowerCase(Locale.ROOT);
        switch (name) {
            case "scalar":
                log.info("Tensor kernels: scalar (requested)");
                return ScalarKernels.INSTANCE;
            case "auto": {
                String why = unavailableReason();
                if (why != null) {
                    log.info("Tensor kernels: scalar (auto: {})", why);
                    return ScalarKernels.INSTANCE;
                }
                return measured();
            }
            case "vector":
                return requested(DEFAULT_VECTOR_BITS, name);
            case "vector-256":
                return requested(256, name);
            case "vector-512":
                return requested(512, name);
            default:
                throw new IllegalArgumentException(
                        "unknown tensor kernels backend '" + backend + "'; choose one of: " + CHOICES);
        }
    }

    private static Kernels measured() {
        WidthMeasurement.Result m = WidthMeasurement.measured(List.of("scalar", "vector-256", "vector-512"), PROBE_MILLIS);
        if (m.chosen() == null) {
            Kernels k = newVector(DEFAULT_VECTOR_BITS);
            log.info("Tensor kernels: {} (auto: not measured, {}; the default width)", k.name(), m.note());
            return k;
        }
        Kernels k = switch (m.chosen()) {
            case "scalar" -> ScalarKernels.INSTANCE;
            case "vector-512" -> newVector(512);
            default -> newVector(256);
        };
        log.info("Tensor kernels: {} (auto: the fastest; microseconds per GRU+LSTM layer pass at hidden 64, "
                + "64 steps, each width timed in a JVM of its own: {}; seqcast.tensor.backend overrides)", k.name(), m.micros());
        return k;
    }

    /** Whether the Vector API module is present and {@link VectorKernels} can be loaded and run. */
    public static boolean vectorAvailable() {
        return unavailableReason() == null;
    }

    private static Kernels requested(int bits, String name) {
        String why = unavailableReason();
        if (why != null) {
            throw new IllegalStateException("tensor kernels backend '" + name + "' needs the Vector API, but "
                    + why + "; start the JVM with --add-modules " + VECTOR_MODULE
                    + " (or choose 'auto' or 'scalar')");
        }
        Kernels k = newVector(bits);
        int preferred = preferredBitSize();
        if (preferred < bits) {
            log.warn("Tensor kernels: {} requested but the CPU's widest vectors are {} bits; expect it to be slow",
                    k.name(), preferred);
        } else {
            log.info("Tensor kernels: {} (requested)", k.name());
        }
        return k;
    }

    /** null when the Vector API can be used, else why not. */
    private static String unavailableReason() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return "module " + VECTOR_MODULE + " is not in the boot layer";
        }
        try {
            Class.forName(VECTOR_CLASS);
            return null;
        } catch (ClassNotFoundException | LinkageError e) {
            return VECTOR_CLASS + " does not load (" + e + ")";
        }
    }

    private static Kernels newVector(int bits) {
        try {
            return (Kernels) Class.forName(VECTOR_CLASS).getConstructor(int.class).newInstance(bits);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot create " + VECTOR_CLASS + "(" + bits + ")", e);
        }
    }

    private static int preferredBitSize() {
        try {
            return (int) Class.forName(VECTOR_CLASS).getMethod("preferredBitSize").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return 0;
        }
    }
}
