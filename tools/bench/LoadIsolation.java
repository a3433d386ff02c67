import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Load isolation on loopback (docs/benchmarks.md): the latency of small forecasts alone, then while
 * {@code FLOODERS} clients send large selection requests back to back. Bounded in count and time.
 *
 * <pre>java tools/bench/LoadIsolation.java http://127.0.0.1:18093 [small=200] [flooders=4] [largeSeries=1000]</pre>
 *
 * Small: 1 monthly series of 48 points, horizon 12, the default selection (a cheap request). Large:
 * {@code largeSeries} seasonal series of 240 points, selection best (selection work). Prints p50/p99/max
 * of the small requests idle and under the flood, and the large requests' status counts.
 */
public class LoadIsolation {

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:18093";
        int small = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int flooders = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int largeSeries = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String smallBody = body(1, 48, 1);
        String largeBody = body(largeSeries, 240, 2);

        for (int i = 0; i < 30; i++) { // warm-up: JIT and connections
            send(client, base, smallBody);
        }
        List<Double> idle = smallRun(client, base, smallBody, small);
        report("small, idle", idle);

        AtomicBoolean stop = new AtomicBoolean();
        Map<Integer, Integer> largeStatus = Collections.synchronizedMap(new TreeMap<>());
        List<Double> largeMillis = Collections.synchronizedList(new ArrayList<>());
        ExecutorService flood = Executors.newFixedThreadPool(flooders);
        for (int f = 0; f < flooders; f++) {
            flood.submit(() -> {
                while (!stop.get()) {
                    long t = System.nanoTime();
                    int status = send(client, base, largeBody);
                    largeMillis.add((System.nanoTime() - t) / 1e6);
                    largeStatus.merge(status, 1, Integer::sum);
                }
                return null;
            });
        }
        Thread.sleep(3_000); // the flood is under way
        List<Double> loaded = smallRun(client, base, smallBody, small);
        stop.set(true);
        flood.shutdown();
        flood.awaitTermination(60, TimeUnit.SECONDS);
        report("small, under flood", loaded);
        report("large", new ArrayList<>(largeMillis));
        System.out.println("large statuses: " + largeStatus);
        System.out.printf(Locale.ROOT, "p99 ratio (flood / idle): %.2f%n", quantile(loaded, 0.99) / quantile(idle, 0.99));
    }

    /** {@code count} small requests one after the other (at most 120 s), milliseconds each. */
    static List<Double> smallRun(HttpClient client, String base, String body, int count) throws Exception {
        List<Double> millis = new ArrayList<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (int i = 0; i < count && System.nanoTime() < end; i++) {
            long t = System.nanoTime();
            int status = send(client, base, body);
            if (status != 200) {
                System.out.println("small request answered " + status);
            }
            millis.add((System.nanoTime() - t) / 1e6);
            Thread.sleep(20);
        }
        return millis;
    }

    static int send(HttpClient client, String base, String body) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(base + "/forecast"))
                            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    static String body(int series, int points, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder out = new StringBuilder("{\"horizon\":12,\"frequency\":\"M\",\"series\":[");
        for (int i = 0; i < series; i++) {
            out.append(i == 0 ? "" : ",").append("{\"id\":\"s").append(i).append("\",\"values\":[");
            double level = 50 + random.nextDouble() * 100;
            for (int t = 0; t < points; t++) {
                double v = level + 0.1 * t + 0.2 * level * Math.sin(2 * Math.PI * t / 12) + 2 * random.nextGaussian();
                out.append(t == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.2f", v));
            }
            out.append("]}");
        }
        return out.append("]}").toString();
    }

    static double quantile(List<Double> values, double q) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank)));
    }

    static void report(String name, List<Double> millis) {
        if (millis.isEmpty()) {
            System.out.println(name + ": no requests");
            return;
        }
        System.out.printf(Locale.ROOT, "%s: n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms%n", name, millis.size(),
                quantile(millis, 0.5), quantile(millis, 0.99), Collections.max(millis));
    }
}
