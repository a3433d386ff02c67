package io.seqcast.api.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.seqcast.SeqcastApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;

/**
 * Random malformed bodies (mutated valid requests, wrong types in every field, junk strings, deep nesting,
 * random CSV) sent to a running service: never a 5xx, and every error is a problem detail.
 *
 * <p>A seeded fuzz test in plain JUnit: every try draws its input from its own {@link Random}, derived from
 * the seed, the property's name and the try's index, so one failing try can be replayed alone. The seed is
 * fixed ({@value #DEFAULT_SEED}) so that runs are reproducible; {@code -Dfuzz.seed=N} draws other inputs, and
 * {@code -Dfuzz.try=I} runs only try I of each property. A failure names the seed, the try and the body:
 * <pre>./mvnw -o test -Dtest=MalformedBodiesFuzzTest#malformedCsvNeverGivesA5xx -Dfuzz.seed=N -Dfuzz.try=I</pre>
 */
class MalformedBodiesFuzzTest {

    static final long DEFAULT_SEED = 20_240_601L;

    /** The seed this run uses: {@code -Dfuzz.seed}, else {@link #DEFAULT_SEED}. */
    static final long SEED = Long.getLong("fuzz.seed", DEFAULT_SEED);

    /** When set ({@code -Dfuzz.try}), only this try of each property runs: to replay one failure. */
    static final Integer ONLY_TRY = Integer.getInteger("fuzz.try");

    private static ConfigurableApplicationContext context;
    private static HttpClient http;
    private static String url;
    private static String backtestUrl;

    @BeforeAll
    static void start() throws Exception {
        System.out.println("MalformedBodiesFuzzTest: fuzz.seed=" + SEED
                + (ONLY_TRY != null ? ", fuzz.try=" + ONLY_TRY : "") + " (override with -Dfuzz.seed=N)");
        context = new SpringApplicationBuilder(SeqcastApplication.class).run("--server.port=0",
                "--seqcast.registry.directory=" + Files.createTempDirectory("seqcast-fuzz"),
                "--seqcast.forecast.max-body-size=64KB", "--seqcast.forecast.max-horizon=200",
                "--seqcast.forecast.max-points=2000", "--seqcast.forecast.max-series=20");
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        url = "http://localhost:" + port + "/forecast";
        backtestUrl = "http://localhost:" + port + "/backtest";
        http = HttpClient.newHttpClient();
    }

    @AfterAll
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

    /** Every field of a forecast or backtest request; a field the body lacks leaves it unchanged. */
    static final List<String> FIELDS = List.of("model", "horizon", "levels", "frequency", "series", "id", "values",
            "timestamps", "start", "windows", "step");

    static final List<String> CSV_CELLS = List.of("", "NA", "NaN", "1", "2.5", "-3e2", "x", "\"", "\"a,b\"",
            "2024-01-01", "2024-01-02", "1e400", "id", "value", "timestamp");

    static final List<String> HORIZONS = List.of("1", "3", "0", "-2", "abc", "1000000000000", "2.5", "%20");

    /** A valid backtest: 2 windows of horizon 3 with step 2 need 2 + 2 + 3 = 7 points; the series have 10 and 8. */
    static final String VALID_BACKTEST = VALID.replace("\"horizon\":3,", "\"horizon\":3,\"windows\":2,\"step\":2,");

    /** One generated request. */
    record Case(String contentType, String target, String body) {
    }

    @Test
    void malformedJsonNeverGivesA5xx() {
        check("malformedJsonNeverGivesA5xx", 150,
                random -> new Case("application/json", url, mutation(random, VALID)));
    }

    @Test
    void theUnmutatedBacktestBodyIsValid() throws Exception {
        HttpResponse<String> response = send(new Case("application/json", backtestUrl, VALID_BACKTEST));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void malformedBacktestJsonNeverGivesA5xx() {
        check("malformedBacktestJsonNeverGivesA5xx", 100,
                random -> new Case("application/json", backtestUrl, mutation(random, VALID_BACKTEST)));
    }

    @Test
    void malformedBacktestCsvNeverGivesA5xx() {
        check("malformedBacktestCsvNeverGivesA5xx", 30, random -> {
            String body = csv(random);
            String horizon = pick(random, HORIZONS);
            String windows = pick(random, HORIZONS);
            return new Case("text/csv", backtestUrl + "?horizon=" + horizon + "&windows=" + windows
                    + "&step=" + horizon, body);
        });
    }

    /**
     * Valid UTF-8 that is not JSON where a value should start: a 400 "Malformed JSON" problem at line 1. The
     * rest of its detail is still wrong: jackson-core 3.1.4's byte parser reads the character's first byte as
     * a Latin-1 letter and then calls the next one an "Invalid UTF-8 start byte"; only a parser that decodes
     * the character first can name it ("Unrecognized token 'é'"), so this test leaves the reason unchecked.
     */
    @Test
    void aNonAsciiCharacterWhereAValueShouldStartIsMalformedJson() throws Exception {
        for (String body : List.of("é", "€ and more", "{\"horizon\":é}")) {
            HttpResponse<String> response = send(new Case("application/json", url, body));
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            JsonNode problem = JsonMapper.builder().build().readTree(response.body());
            assertThat(problem.get("title").asString()).as(body).isEqualTo("Malformed JSON");
            assertThat(problem.get("detail").asString()).as(body).startsWith("malformed JSON at line 1, column ");
        }
    }

    @Test
    void malformedCsvNeverGivesA5xx() {
        check("malformedCsvNeverGivesA5xx", 50, random -> {
            String body = csv(random);
            String horizon = pick(random, HORIZONS);
            return new Case("text/csv", url + "?horizon=" + horizon, body);
        });
    }

    // ---- generators ----

    /** One of five kinds of mutation of a valid body, each equally likely. */
    static String mutation(Random random, String valid) {
        switch (random.nextInt(5)) {
            case 0: { // a fragment replaces 0..12 characters at a random place (0: inserted)
                int at = between(random, 0, valid.length() - 1);
                int length = between(random, 0, 12);
                String fragment = pick(random, FRAGMENTS);
                return valid.substring(0, at) + fragment + valid.substring(Math.min(valid.length(), at + length));
            }
            case 1: { // truncated anywhere, from empty to whole
                return valid.substring(0, between(random, 0, valid.length()));
            }
            case 2: { // a field's value replaced by a fragment of another type
                String field = pick(random, FIELDS);
                String fragment = pick(random, FRAGMENTS);
                return valid.replaceFirst("\"" + field + "\":(\"[^\"]*\"|\\[[^\\]]*\\]|[^,}\\]]+)",
                        "\"" + field + "\":" + Matcher.quoteReplacement(fragment));
            }
            case 3: { // junk: any characters
                return junk(random, 200);
            }
            default: { // deep, unbalanced nesting
                int n = between(random, 1, 3000);
                return "[".repeat(n) + "]".repeat(n / 2);
            }
        }
    }

    /** 0..30 rows of 1..4 cells, each a CSV-ish token or junk of up to 8 characters. */
    static String csv(Random random) {
        int rows = between(random, 0, 30);
        List<String> lines = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            int cells = between(random, 1, 4);
            List<String> row = new ArrayList<>(cells);
            for (int c = 0; c < cells; c++) {
                row.add(random.nextBoolean() ? pick(random, CSV_CELLS) : junk(random, 8));
            }
            lines.add(String.join(",", row));
        }
        return String.join("\n", lines);
    }

    /** Chance that a bounded draw takes an edge value (a bound or its neighbour, or the empty string). */
    static final double EDGE_CASE_PROBABILITY = 0.05;

    /** An integer in [min, max], the bounds and their neighbours more often than by chance. */
    static int between(Random random, int min, int max) {
        if (random.nextDouble() < EDGE_CASE_PROBABILITY) {
            int[] edges = {min, Math.min(max, min + 1), Math.max(min, max - 1), max};
            return edges[random.nextInt(edges.length)];
        }
        return min + random.nextInt(max - min + 1);
    }

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /**
     * A string of 0..max characters drawn from the whole Basic Multilingual Plane, less surrogates, noncharacters
     * and private-use characters (a body of such characters round-trips through UTF-8 unchanged).
     */
    static String junk(Random random, int max) {
        if (random.nextDouble() < EDGE_CASE_PROBABILITY) {
            return "";
        }
        int length = random.nextInt(max + 1);
        StringBuilder s = new StringBuilder(length);
        while (s.length() < length) {
            char c = (char) random.nextInt(Character.MAX_VALUE + 1);
            boolean surrogate = c >= 0xd800 && c <= 0xdfff;
            boolean noncharacter = (c >= 0xfdd0 && c <= 0xfdef) || c == 0xfffe || c == 0xffff;
            boolean privateUse = c >= 0xe000 && c <= 0xf8ff;
            if (!surrogate && !noncharacter && !privateUse) {
                s.append(c);
            }
        }
        return s.toString();
    }

    // ---- running ----

    /**
     * Runs {@code tries} generated cases through the service (or only {@code -Dfuzz.try}); the first failure
     * names what replays it.
     */
    private static void check(String property, int tries, Function<Random, Case> generator) {
        for (int i = 0; i < tries; i++) {
            if (ONLY_TRY != null && ONLY_TRY != i) {
                continue;
            }
            Case c = generator.apply(new Random(seedOf(property, i)));
            String replay = "fuzz.seed=" + SEED + " try=" + i + " of " + tries + " (replay: -Dtest="
                    + MalformedBodiesFuzzTest.class.getSimpleName() + "#" + property + " -Dfuzz.seed=" + SEED
                    + " -Dfuzz.try=" + i + ")\n" + c.contentType() + " POST " + c.target() + "\nbody ("
                    + c.body().length() + " chars, as a Java literal): " + literal(c.body());
            HttpResponse<String> response;
            try {
                response = send(c);
            } catch (Exception e) {
                throw new AssertionError("request failed: " + e + "\n" + replay, e);
            }
            assertNoServerError(replay, response);
        }
    }

    /** The seed of one try: the run's seed, the property and the try's index, mixed (SplitMix64). */
    static long seedOf(String property, int index) {
        long z = SEED + 0x9E3779B97F4A7C15L * (property.hashCode() * 1_000_003L + index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The body as a Java string literal: printable ASCII as is, everything else escaped. */
    static String literal(String body) {
        StringBuilder s = new StringBuilder(body.length() + 2).append('"');
        for (int k = 0; k < body.length(); k++) {
            char c = body.charAt(k);
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c == '\n') {
                s.append("\\n");
            } else if (c >= 0x20 && c < 0x7f) {
                s.append(c);
            } else {
                s.append(String.format("\\u%04x", (int) c));
            }
        }
        return s.append('"').toString();
    }

    private static HttpResponse<String> send(Case c) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(c.target())).header("Content-Type", c.contentType())
                .POST(HttpRequest.BodyPublishers.ofString(c.body())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertNoServerError(String replay, HttpResponse<String> response) {
        if (response.statusCode() >= 500) {
            fail("status " + response.statusCode() + ": " + response.body() + "\n" + replay);
        }
        if (response.statusCode() >= 400) {
            assertThat(response.headers().firstValue("Content-Type").orElse(""))
                    .as("error %s (%s) is not a problem detail\n%s", response.statusCode(), response.body(), replay)
                    .startsWith("application/problem+json");
        }
    }
}
