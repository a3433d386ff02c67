package io.seqcast.api.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.seqcast.forecast.ForecastInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The load findings over real HTTP on loopback, with a small server (20 request threads, 8 body slots)
 * so the abuse stays small and bounded in time: slow-body connections leave health answering; a busy
 * cost class answers 429 with Retry-After; work past the deadline is answered with a 503.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoadIsolationApiTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("seqcast-load");
        registry.add("seqcast.registry.directory", dir::toString);
        registry.add("server.tomcat.threads.max", () -> "20");
        registry.add("server.tomcat.connection-timeout", () -> "2s");
        registry.add("seqcast.admission.intake.concurrency", () -> "8");
        registry.add("seqcast.admission.intake.body-timeout", () -> "2s");
        registry.add("seqcast.admission.deadline", () -> "100ms");
        registry.add("seqcast.admission.selection.concurrency", () -> "1");
        registry.add("seqcast.admission.selection.queue", () -> "0");
    }

    @LocalServerPort
    int port;

    @Autowired
    Admission admission;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService background = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/forecast"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code series} seasonal series of {@code points} points, selection best: well above small-work. */
    private static String selectionBody(int series, int points) {
        SplittableRandom random = new SplittableRandom(3);
        StringBuilder out = new StringBuilder("{\"horizon\":12,\"frequency\":\"M\",\"series\":[");
        for (int i = 0; i < series; i++) {
            out.append(i == 0 ? "" : ",").append("{\"id\":\"s").append(i).append("\",\"values\":[");
            for (int t = 0; t < points; t++) {
                double v = 100 + 20 * Math.sin(2 * Math.PI * t / 12) + 3 * random.nextGaussian();
                out.append(t == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.2f", v));
            }
            out.append("]}");
        }
        return out.append("]}").toString();
    }

    /**
     * Finding 4: 220 slow-body connections held all 200 Tomcat threads and health timed out. Here 30
     * connections trickle a body (a byte every 300 ms, under the 2 s read timeout) into a server of 20
     * threads: 8 get a body slot and are cut at the 2 s body timeout, the rest get a 503 at once, and
     * health answers meanwhile (bounded at 10 s only so a regression fails instead of hanging).
     */
    @Test
    void slowBodyConnectionsLeaveHealthAnswering() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 30; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(("POST /forecast HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
                        .getBytes(StandardCharsets.US_ASCII));
                sockets.add(socket);
            }
            CountDownLatch trickling = new CountDownLatch(1);
            Future<?> trickle = background.submit(() -> {
                trickling.countDown();
                for (int round = 0; round < 20 && !Thread.currentThread().isInterrupted(); round++) {
                    for (Socket socket : sockets) {
                        try {
                            socket.getOutputStream().write(' ');
                        } catch (IOException closedByServer) {
                            // cut by the server: what is expected
                        }
                    }
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            trickling.await();
            Thread.sleep(500);

            HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/actuator/health")).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("UP");

            int busy = 0;
            int timedOut = 0;
            for (Socket socket : sockets) {
                String status = statusLine(socket.getInputStream());
                busy += status.contains(" 503") ? 1 : 0;
                timedOut += status.contains(" 408") ? 1 : 0;
            }
            trickle.cancel(true);
            assertThat(busy).as("connections refused at once (no body slot)").isPositive();
            assertThat(timedOut).as("slow bodies cut at the body timeout").isPositive();
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    private static String statusLine(InputStream in) {
        StringBuilder line = new StringBuilder();
        try {
            for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                line.append((char) b);
            }
        } catch (IOException e) {
            line.append("(closed: ").append(e.getMessage()).append(')');
        }
        return line.toString();
    }

    /** Finding 3: no 429 anywhere; a selection request beyond its class's budget now gets one. */
    @Test
    void aBusySelectionBudgetAnswers429WithRetryAfterAsProblemJson() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<ForecastInput.SeriesInput> big = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            big.add(new ForecastInput.SeriesInput("s" + i, new double[1000], null, null));
        }
        Future<String> holder = background.submit(() -> admission.forecast(
                new ForecastInput(null, 12, null, null, big, null), () -> {
                    holding.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return "held";
                }));
        try {
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            HttpResponse<String> refused = post(selectionBody(30, 1000));
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");
            assertThat(refused.body()).contains("\"title\":\"Too many requests\"").contains("selection");
        } finally {
            release.countDown();
        }
        assertThat(holder.get(10, TimeUnit.SECONDS)).isEqualTo("held");
    }

    /**
     * Finding 3: 1,000 seasonal series ran 16-20 s with no deadline. Here 50 seasonal series of 1,000
     * points (about a second of selection work) against a 100 ms deadline: a 503 problem, the work stopped.
     */
    @Test
    void workPastTheDeadlineIsAnsweredWith503Problem() throws Exception {
        HttpResponse<String> answer = post(selectionBody(50, 1000));
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        assertThat(answer.body()).contains("\"title\":\"Deadline exceeded\"");
        assertThat(admission.running(CostClass.SELECTION)).isZero();
    }
}
