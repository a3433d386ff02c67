package io.seqcast.api.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.seqcast.SeqcastApplication;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;

/**
 * Random malformed bodies (mutated valid requests, wrong types in every field, junk bytes, CSV) sent to
 * a running service: never a 5xx, and every error is a problem detail.
 */
class MalformedBodiesProperties {

    private static ConfigurableApplicationContext context;
    private static HttpClient http;
    private static String url;
    private static String backtestUrl;

    @BeforeContainer
    static void start() throws Exception {
        context = new SpringApplicationBuilder(SeqcastApplication.class).run("--server.port=0",
                "--seqcast.registry.directory=" + Files.createTempDirectory("seqcast-fuzz"),
                "--seqcast.forecast.max-body-size=64KB", "--seqcast.forecast.max-horizon=200",
                "--seqcast.forecast.max-points=2000", "--seqcast.forecast.max-series=20");
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        url = "http://localhost:" + port + "/forecast";
        backtestUrl = "http://localhost:" + port + "/backtest";
        http = HttpClient.newHttpClient();
    }

    @AfterContainer
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    static final String VALID = "{\"model\":\"default\",\"horizon\":3,\"levels\":[80,95],\"frequency\":\"D\","
            + "\"series\":[{\"id\":\"a\",\"values\":[1,2,null,4,5,6,7,8,9,10],\"start\":\"2024-01-01\"},"
            + "{\"id\":\"b\",\"values\":[3,1,4,1,5,9,2,6],\"timestamps\":[\"2024-01-01\",\"2024-01-02\","
            + "\"2024-01-03\",\"2024-01-04\",\"2024-01-05\",\"2024-01-06\",\"2024-01-07\",\"2024-01-08\"]}]}";

    static final List<String> FRAGMENTS = List.of("null", "true", "false", "0", "-1", "1e400", "-1e400", "1.5",
            "\"12\"", "\"\"", "NaN", "Infinity", "-Infinity", "[]", "{}", "[null]", "[\"x\"]", "[[1]]", "{\"a\":1}",
            "99999999999999999999", "1e-320", "\"auto\"", "\"default@0\"", "\"P1M\"", "\"2024-13-45\"", "[1,2]",
            "[0.5, 100]", "\"\\u0000\"", "1e308", "-0");

    /** A valid backtest: 2 windows of horizon 3 with step 2 need 2 + 2 + 3 = 7 points; the series have 10 and 8. */
    static final String VALID_BACKTEST = VALID.replace("\"horizon\":3,", "\"horizon\":3,\"windows\":2,\"step\":2,");

    @Provide
    Arbitrary<String> jsonBodies() {
        return mutations(VALID);
    }

    @Provide
    Arbitrary<String> backtestBodies() {
        return mutations(VALID_BACKTEST);
    }

    static Arbitrary<String> mutations(String valid) {
        Arbitrary<String> replaced = Combinators.combine(Arbitraries.integers().between(0, valid.length() - 1),
                        Arbitraries.integers().between(0, 12), Arbitraries.of(FRAGMENTS))
                .as((at, length, fragment) -> valid.substring(0, at) + fragment
                        + valid.substring(Math.min(valid.length(), at + length)));
        Arbitrary<String> truncated = Arbitraries.integers().between(0, valid.length()).map(n -> valid.substring(0, n));
        Arbitrary<String> fieldSwap = Combinators.combine(
                        Arbitraries.of("model", "horizon", "levels", "frequency", "series", "id", "values", "timestamps",
                                "start", "windows", "step"),
                        Arbitraries.of(FRAGMENTS))
                .as((field, fragment) -> valid.replaceFirst("\"" + field + "\":(\"[^\"]*\"|\\[[^\\]]*\\]|[^,}\\]]+)",
                        "\"" + field + "\":" + java.util.regex.Matcher.quoteReplacement(fragment)));
        Arbitrary<String> junk = Arbitraries.strings().ofMaxLength(200);
        Arbitrary<String> deep = Arbitraries.integers().between(1, 3000).map(n -> "[".repeat(n) + "]".repeat(n / 2));
        return Arbitraries.oneOf(replaced, truncated, fieldSwap, junk, deep);
    }

    @Provide
    Arbitrary<String> csvBodies() {
        Arbitrary<String> cell = Arbitraries.oneOf(Arbitraries.of("", "NA", "NaN", "1", "2.5", "-3e2", "x", "\"",
                "\"a,b\"", "2024-01-01", "2024-01-02", "1e400", "id", "value", "timestamp"),
                Arbitraries.strings().ofMaxLength(8));
        Arbitrary<String> row = cell.list().ofMinSize(1).ofMaxSize(4).map(cells -> String.join(",", cells));
        return row.list().ofMaxSize(30).map(rows -> String.join("\n", rows));
    }

    @Property(tries = 150)
    void malformedJsonNeverGivesA5xx(@ForAll("jsonBodies") String body) throws Exception {
        HttpResponse<String> response = send("application/json", url, body);
        assertNoServerError(body, response);
    }

    @Example
    void theUnmutatedBacktestBodyIsValid() throws Exception {
        HttpResponse<String> response = send("application/json", backtestUrl, VALID_BACKTEST);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Property(tries = 100)
    void malformedBacktestJsonNeverGivesA5xx(@ForAll("backtestBodies") String body) throws Exception {
        HttpResponse<String> response = send("application/json", backtestUrl, body);
        assertNoServerError(body, response);
    }

    @Property(tries = 30)
    void malformedBacktestCsvNeverGivesA5xx(@ForAll("csvBodies") String body, @ForAll("horizons") String horizon,
                                            @ForAll("horizons") String windows) throws Exception {
        HttpResponse<String> response = send("text/csv", backtestUrl + "?horizon=" + horizon + "&windows=" + windows
                + "&step=" + horizon, body);
        assertNoServerError(body, response);
    }

    @Property(tries = 50)
    void malformedCsvNeverGivesA5xx(@ForAll("csvBodies") String body,
                                    @ForAll("horizons") String horizon) throws Exception {
        HttpResponse<String> response = send("text/csv", url + "?horizon=" + horizon, body);
        assertNoServerError(body, response);
    }

    @Provide
    Arbitrary<String> horizons() {
        return Arbitraries.of("1", "3", "0", "-2", "abc", "1000000000000", "2.5", "%20");
    }

    private static HttpResponse<String> send(String type, String target, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(target)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertNoServerError(String body, HttpResponse<String> response) {
        assertThat(response.statusCode()).as("status for body %s: %s", body, response.body()).isLessThan(500);
        if (response.statusCode() >= 400) {
            assertThat(response.headers().firstValue("Content-Type").orElse(""))
                    .as("error body for %s", body).startsWith("application/problem+json");
        }
    }
}
