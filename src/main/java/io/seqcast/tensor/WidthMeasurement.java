package io.seqcast.tensor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Chooses the kernel width by measuring it: {@link WidthProbe} times each candidate backend on the
 * serving shapes in a short-lived JVM of its own (a few hundred milliseconds each), and the fastest
 * wins. Separate JVMs because two vector widths must never run in one JVM (see {@link WidthProbe}).
 * Measured once per JVM; {@link KernelsProvider} logs the result.
 */
final class WidthMeasurement {

    /** What was measured: microseconds per probe pass by backend name, and the winner. */
    record Result(String chosen, Map<String, Double> micros, String note) {
    }

    private static final long TIMEOUT_SECONDS = 20;
    private static Result cached;

    private WidthMeasurement() {
    }

    /** The measurement of this JVM, made on first call. */
    static synchronized Result measured(List<String> candidates, long millisEach) {
        if (cached == null) {
            cached = measure(candidates, millisEach);
        }
        return cached;
    }

    /**
     * Times every candidate; on any failure (no class directory to start a probe from, a probe that
     * fails or times out) the result names no winner and says why.
     */
    static Result measure(List<String> candidates, long millisEach) {
        Path classes = classesLocation();
        if (classes == null) {
            return new Result(null, Map.of(), "the kernel classes are not in a directory or plain jar");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Map<String, Double> micros = new LinkedHashMap<>();
        for (String backend : candidates) {
            List<String> command = new ArrayList<>(List.of(java.toString()));
            if (!backend.equals("scalar")) {
                command.addAll(List.of("--add-modules", KernelsProvider.VECTOR_MODULE));
            }
            command.addAll(List.of("-Xbatch", "-cp", classes.toString(),
                    WidthProbe.class.getName(), backend, Long.toString(millisEach)));
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                String line;
                String last = null;
                try (BufferedReader out = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    while ((line = out.readLine()) != null) {
                        last = line;
                    }
                }
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0 || last == null) {
                    process.destroyForcibly();
                    return new Result(null, micros, "the " + backend + " probe failed: " + last);
                }
                String[] parts = last.trim().split(" ");
                micros.put(backend, Double.parseDouble(parts[parts.length - 1]));
            } catch (IOException | NumberFormatException e) {
                return new Result(null, micros, "the " + backend + " probe failed: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(null, micros, "interrupted");
            }
        }
        String best = null;
        for (Map.Entry<String, Double> e : micros.entrySet()) {
            if (best == null || e.getValue() < micros.get(best)) {
                best = e.getKey();
            }
        }
        return new Result(best, micros, "");
    }

    /** The directory or jar the kernel classes were loaded from, or null (e.g. nested in a fat jar). */
    private static Path classesLocation() {
        try {
            var source = WidthProbe.class.getProtectionDomain().getCodeSource();
            if (source == null || !"file".equals(source.getLocation().getProtocol())) {
                return null;
            }
            Path path = Path.of(source.getLocation().toURI());
            return Files.exists(path) ? path : null;
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }
}
