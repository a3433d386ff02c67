package io.seqcast.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issue 13's findings on the request-input path, each as the request that broke the service, now
 * refused with a problem naming the field: oversized {@code levels}, answers and backtests refused
 * before any work (the thread that serves the request allocates a few MB, where it used to allocate
 * gigabytes or run out of heap), CSV bodies refused as their rows arrive, huge integers refused as
 * 400s instead of 500s, and every error path of Spring and Tomcat answering
 * {@code application/problem+json}. Default limits; MockMvc for the allocation checks (the request
 * runs on the test thread), a real port on loopback for the servlet container's own errors.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@Import(HostileRequestsTest.Failing.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HostileRequestsTest {

    static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    /** A request refused before work allocates far less than this on its thread (its body's parse included). */
    static final long REFUSED_ALLOCATION = 64L << 20;

    /** A JSON body over a limit is parsed whole before it is refused: bounded by its size, not unbounded. */
    static final long JSON_BODY_ALLOCATION = 1L << 30;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        registry.add("seqcast.registry.directory", Files.createTempDirectory("seqcast-hostile")::toString);
    }

    /** A controller that fails as a bug would: for the catch-all handler. */
    @TestConfiguration
    @RestController
    static class Failing {
        @GetMapping("/test/failing")
        String fail() {
            throw new IllegalStateException("internal state io.seqcast.Secret was broken");
        }
    }

    @Autowired
    MockMvc mvc;

    @LocalServerPort
    int port;

    // ------------------------------------------------------------------------------------------
    // Sizes bounded before work

    @Test
    void twentyThousandLevelsOverAThousandSeriesAreRefusedBeforeAnyWork() throws Exception {
        StringBuilder levels = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            levels.append(i == 0 ? "" : ",").append(1 + i % 98).append(".5");
        }
        String body = "{\"horizon\": 12, \"levels\": [" + levels + "], \"series\": " + series(1000, 24) + "}";
        refusedCheaply("/forecast", body, 413, "levels", "at most 10 are accepted (seqcast.forecast.max-levels)");
    }

    @Test
    void twoHundredThousandLevelsAreRefusedWithoutLookingAtEach() throws Exception {
        String levels = "80,".repeat(199_999) + "95";
        String body = "{\"horizon\": 3, \"levels\": [" + levels + "], \"series\": " + series(1, 24) + "}";
        refusedCheaply("/forecast", body, 413, "levels", "levels holds 200000 entries");
    }

    @Test
    void anAnswerOverMaxForecastValuesIsRefusedBeforeAnyWork() throws Exception {
        // 1,000 series x horizon 1,000 x (1 + 2 x 2 levels) = 5,000,000 numbers > 2,000,000.
        String body = "{\"horizon\": 1000, \"series\": " + series(1000, 24) + "}";
        refusedCheaply("/forecast", body, 413, "horizon", "seqcast.forecast.max-forecast-values");
    }

    @Test
    void aBacktestOfAHundredSeriesTimesFiftyWindowsIsRefusedBeforeAnyWork() throws Exception {
        String body = "{\"horizon\": 1, \"windows\": 50, \"step\": 1, \"series\": " + series(100, 60) + "}";
        refusedCheaply("/backtest", body, 413, "windows", "seqcast.forecast.backtest.max-series-windows");
    }

    @Test
    void moreThanMaxTotalPointsIsRefused() throws Exception {
        // 1,000 series of 1,001 points: each series within max-points, 1,001,000 in all.
        String body = "{\"horizon\": 1, \"series\": " + series(1000, 1001) + "}";
        postJson("/forecast", body).andExpect(status().isPayloadTooLarge()).andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.field").value("series"))
                .andExpect(jsonPath("$.detail").value(containsString("seqcast.forecast.max-total-points")));
    }

    @Test
    void aFifteenMegabyteJsonOverMaxTotalPointsIsRefused() throws Exception {
        // 1,000 series of 2,500 points: within max-points each, 2,500,000 in all, about 15 MB.
        String body = "{\"horizon\": 1, \"series\": " + series(1000, 2500) + "}";
        long allocated = allocatedBy(() -> postJson("/forecast", body).andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentType(PROBLEM)).andExpect(jsonPath("$.field").value("series")));
        System.out.printf("HostileRequestsTest: a %.1f MB JSON over max-total-points allocated %.1f MB%n",
                body.length() / 1e6, allocated / 1e6);
        assertThat(allocated).isLessThan(JSON_BODY_ALLOCATION);
    }

    @Test
    void repeatedLevelsWithinTheLimitCountOnce() throws Exception {
        String body = "{\"horizon\": 2, \"levels\": [80, 80, 95, 80], \"selection\": \"off\", \"series\": "
                + series(1, 24) + "}";
        postJson("/forecast", body).andExpect(status().isOk())
                .andExpect(jsonPath("$.forecasts[0].intervals.length()").value(2));
    }

    // ------------------------------------------------------------------------------------------
    // CSV refused as it arrives

    @Test
    void aCsvOverMaxSeriesIsRefusedAtTheFirstSeriesTooMany() throws Exception {
        // ~15 MB: 1,001 series of one row, then 600,000 more rows the parse never needs to read.
        StringBuilder csv = new StringBuilder("id,timestamp,value\n");
        for (int i = 0; i <= 1000; i++) {
            csv.append("s").append(i).append(",2024-01-01,1\n");
        }
        String tail = "s0,2024-01-02,12345.678\n";
        csv.append(tail.repeat(600_000));
        byte[] body = csv.toString().getBytes(StandardCharsets.UTF_8);
        long allocated = allocatedBy(() -> mvc.perform(post("/forecast").contentType("text/csv").content(body)
                        .param("horizon", "3"))
                .andExpect(status().isPayloadTooLarge()).andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.field").value("series"))
                .andExpect(jsonPath("$.detail").value(containsString("at most 1000 series"))));
        System.out.printf("HostileRequestsTest: a %.1f MB CSV over max-series allocated %.1f MB%n",
                body.length / 1e6, allocated / 1e6);
        assertThat(allocated).isLessThan(REFUSED_ALLOCATION);
    }

    @Test
    void aCsvSeriesOverMaxPointsAndAnOverlongLineAre413() throws Exception {
        String rows = "s,2024-01-01,1\n".repeat(100_001);
        mvc.perform(post("/backtest").contentType("text/csv").content(rows).param("horizon", "3"))
                .andExpect(status().isPayloadTooLarge()).andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.field").value("series[0].values"))
                .andExpect(jsonPath("$.detail").value(containsString("more than 100000 values")));
        mvc.perform(post("/forecast").contentType("text/csv").content("s,2024-01-01," + "1".repeat(5000) + "\n")
                        .param("horizon", "3"))
                .andExpect(status().isPayloadTooLarge()).andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.field").value("line 1"));
    }

    // ------------------------------------------------------------------------------------------
    // Huge numbers: 400 naming the field, never a 500

    @ParameterizedTest
    @ValueSource(strings = {"horizon", "levels[0]", "series[0].values[2]", "windows", "step"})
    void anIntegerOfHundredsOfDigitsIsA400NamingTheField(String field) throws Exception {
        String huge = "1" + "0".repeat(400);
        String horizon = field.equals("horizon") ? huge : "2";
        String levels = field.equals("levels[0]") ? huge : "80";
        String value = field.startsWith("series") ? huge : "3";
        String windows = field.equals("windows") ? huge : "2";
        String step = field.equals("step") ? huge : "1";
        String path = field.equals("windows") || field.equals("step") ? "/backtest" : "/forecast";
        String body = "{\"horizon\": " + horizon + ", \"levels\": [" + levels + "], "
                + (path.equals("/backtest") ? "\"windows\": " + windows + ", \"step\": " + step + ", " : "")
                + "\"series\": [{\"id\": \"a\", \"values\": [1, 2, " + value + ", 4, 5, 6, 7, 8, 9, 10, 11, 12]}]}";
        HttpResponse<String> response = http("POST", path, "application/json", body, null);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        // A step beyond any series is refused naming the series it does not fit, with the numbers.
        String named = field.equals("step") ? "series[0].values" : field;
        assertThat(response.body()).contains("\"field\":\"" + named + "\"");
    }

    // ------------------------------------------------------------------------------------------
    // Every error is problem+json, whoever answers it

    @Test
    void springsOwnErrorsAreProblems() throws Exception {
        String valid = "{\"horizon\": 2, \"series\": " + series(1, 24) + "}";
        assertProblem(http("GET", "/no/such/path", null, null, null), 404);
        assertProblem(http("DELETE", "/forecast", null, null, null), 405);
        assertProblem(http("POST", "/forecast", "application/xml", "<a/>", null), 415);
        HttpResponse<String> notAcceptable = send(request("POST", "/forecast", "application/json", valid)
                .header("Accept", "text/html").build());
        assertProblem(notAcceptable, 406);
    }

    @Test
    void theErrorPageIsAProblem() throws Exception {
        HttpResponse<String> response = http("GET", "/error", null, null, null);
        assertProblem(response, 404);
    }

    @Test
    void errorsTomcatAnswersItselfAreProblems() throws Exception {
        // A request line and a header over the connector's 8 KB: Tomcat refuses them before any servlet.
        HttpResponse<String> longUri = http("GET", "/forecast?q=" + "a".repeat(20_000), null, null, null);
        assertProblem(longUri, longUri.statusCode());
        assertThat(longUri.statusCode()).isBetween(400, 499);
        HttpResponse<String> bigHeader = http("GET", "/forecast", null, null, "b".repeat(20_000));
        assertProblem(bigHeader, bigHeader.statusCode());
        assertThat(bigHeader.statusCode()).isBetween(400, 499);
        assertThat(bigHeader.body()).doesNotContain("<html", "Tomcat");
    }

    @Test
    void anUnexpectedFailureIsA500ProblemThatTellsNothingOfTheInternals() throws Exception {
        HttpResponse<String> response = http("GET", "/test/failing", null, null, null);
        assertProblem(response, 500);
        assertThat(response.body()).doesNotContain("IllegalState", "io.seqcast", "Secret", "at ");
    }

    // ------------------------------------------------------------------------------------------

    /** {@code count} series of {@code length} seasonal points each, as a JSON array. */
    static String series(int count, int length) {
        StringBuilder out = new StringBuilder("[");
        for (int s = 0; s < count; s++) {
            out.append(s == 0 ? "" : ",").append("{\"id\":\"s").append(s).append("\",\"values\":[");
            for (int t = 0; t < length; t++) {
                out.append(t == 0 ? "" : ",").append(100 + (t % 12) * 3 + s % 7);
            }
            out.append("]}");
        }
        return out.append("]").toString();
    }

    private ResultActions postJson(String path, String body) throws Exception {
        return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    /** The request is refused with {@code status} naming {@code field}, its thread allocating little. */
    private void refusedCheaply(String path, String body, int status, String field, String detail) throws Exception {
        long allocated = allocatedBy(() -> postJson(path, body).andExpect(status().is(status))
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.field").value(field))
                .andExpect(jsonPath("$.detail").value(containsString(detail))));
        System.out.printf("HostileRequestsTest: %s with a %.2f MB body refused (%d %s), %.1f MB allocated%n", path,
                body.length() / 1e6, status, field, allocated / 1e6);
        assertThat(allocated).isLessThan(REFUSED_ALLOCATION);
    }

    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    /** Bytes the current thread allocated while {@code call} ran (MockMvc serves on this thread). */
    private static long allocatedBy(Call call) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        call.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    private HttpRequest.Builder request(String method, String path, String type, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            builder.header("Content-Type", type);
        }
        return builder;
    }

    private HttpResponse<String> http(String method, String path, String type, String body, String bigHeader)
            throws Exception {
        HttpRequest.Builder builder = request(method, path, type, body);
        if (bigHeader != null) {
            builder.header("X-Big", bigHeader);
        }
        return send(builder.build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .as("content type of a %d", status).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"status\":" + status).contains("\"title\"");
    }
}
