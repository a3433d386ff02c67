package io.seqcast.api.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.seqcast.registry.ModelReference;
import io.seqcast.registry.ModelRegistry;
import io.seqcast.series.SeriesData;
import io.seqcast.training.Datasets;
import io.seqcast.training.jobs.TrainingJobService;
import io.seqcast.training.jobs.TrainingJobStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Training jobs over the full wiring (security, real registry): one slot and one queue place, so a
 * long job makes the queue observable. Long jobs are cancelled after each test.
 */
@SpringBootTest
@AutoConfigureMockMvc
class TrainingJobsControllerTest {

    static final String KEY = "jobs-key";
    static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;
    static final String AIR = series(Datasets.head(Datasets.load("AirPassengers"), 120));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("seqcast-training-api");
        registry.add("seqcast.registry.directory", dir::toString);
        registry.add("seqcast.security.api-keys", () -> KEY);
        registry.add("seqcast.training.concurrency", () -> "1");
        registry.add("seqcast.training.queue-capacity", () -> "1");
        registry.add("seqcast.training.max-epochs", () -> "100000");
        registry.add("seqcast.training.max-series", () -> "3");
        registry.add("seqcast.training.retry-after", () -> "42s");
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    ModelRegistry registry;

    @Autowired
    TrainingJobService jobs;

    @AfterEach
    void cancelLeftovers() throws InterruptedException {
        for (TrainingJobStatus job : jobs.list()) {
            if (!job.state().finished()) {
                jobs.cancel(job.id());
            }
        }
        while (jobs.list().stream().anyMatch(j -> !j.state().finished())) {
            Thread.sleep(10);
        }
    }

    /** A series as JSON: {@code {"id": ..., "values": [...], "timestamps": [...]}}. */
    static String series(SeriesData s) {
        String values = java.util.Arrays.stream(s.values()).mapToObj(v -> Double.isNaN(v) ? "null" : Double.toString(v))
                .collect(Collectors.joining(","));
        String timestamps = s.timestamps() == null ? ""
                : ", \"timestamps\": [" + s.timestamps().stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(","))
                + "]";
        return "{\"id\": \"" + s.id() + "\", \"values\": [" + values + "]" + timestamps + "}";
    }

    static String body(String series, String extra) {
        return "{\"series\": [" + series + "]" + (extra.isEmpty() ? "" : ", " + extra) + "}";
    }

    static String quick(int epochs) {
        return "\"horizon\": 12, \"config\": {\"hidden\": 8, \"epochs\": " + epochs + ", \"seed\": 1, \"patience\": 0}";
    }

    static MockHttpServletRequestBuilder submit(String model, String body) {
        return post("/models/{name}/training-jobs", model).header("X-API-Key", KEY)
                .contentType(MediaType.APPLICATION_JSON).content(body);
    }

    static String id(ResultActions result) throws Exception {
        return JsonPath.read(result.andReturn().getResponse().getContentAsString(), "$.id");
    }

    private String awaitJob(String id, Predicate<String> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            String json = mvc.perform(get("/training-jobs/{id}", id).header("X-API-Key", KEY))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            if (condition.test(json)) {
                return json;
            }
            assertThat(System.nanoTime()).as("waiting for job %s: %s", id, json).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    static Predicate<String> state(String... states) {
        return json -> java.util.List.of(states).contains(JsonPath.<String>read(json, "$.state"));
    }

    static Predicate<String> finished() {
        return state("succeeded", "failed", "cancelled");
    }

    @Test
    void submittingReturns202WithLocationAndTheJobTrainsANewResolvableVersion() throws Exception {
        ResultActions submitted = mvc.perform(submit("air-jobs", body(AIR, quick(3))))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", startsWith("http://localhost/training-jobs/")))
                .andExpect(jsonPath("$.modelName").value("air-jobs"))
                .andExpect(jsonPath("$.state").value(org.hamcrest.Matchers.oneOf("queued", "running")))
                .andExpect(jsonPath("$.config.window").value(36))
                .andExpect(jsonPath("$.config.hidden").value(8))
                .andExpect(jsonPath("$.config.cell").value("GRU"));
        String id = id(submitted);
        submitted.andExpect(header().string("Location", endsWith("/training-jobs/" + id)));

        String done = awaitJob(id, finished());
        assertThat(JsonPath.<String>read(done, "$.state")).as(done).isEqualTo("succeeded");
        assertThat(JsonPath.<Integer>read(done, "$.epoch")).isEqualTo(3);
        assertThat(JsonPath.<java.util.List<Object>>read(done, "$.epochs[*].trainLoss")).hasSize(3);
        assertThat(JsonPath.<java.util.List<Object>>read(done, "$.epochs[*].validationLoss")).hasSize(3)
                .doesNotContainNull();
        assertThat(JsonPath.<Double>read(done, "$.elapsedSeconds")).isNotNull();
        assertThat(JsonPath.<String>read(done, "$.model.name")).isEqualTo("air-jobs");
        assertThat(JsonPath.<Integer>read(done, "$.model.version")).isEqualTo(1);
        assertThat(JsonPath.<Object>read(done, "$.error")).isNull();

        assertThat(registry.resolve(ModelReference.parse("air-jobs")).version()).isEqualTo(1);
        mvc.perform(get("/models/air-jobs/versions/1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.training.trainingJob").value(id))
                .andExpect(jsonPath("$.training.hidden").value(8))
                .andExpect(jsonPath("$.data.seriesCount").value(1))
                .andExpect(jsonPath("$.data.firstTimestamp").value("1949-01-01"))
                .andExpect(jsonPath("$.validation.model.mase").isNumber())
                .andExpect(jsonPath("$.validation.seasonalNaive.mase").isNumber())
                .andExpect(jsonPath("$.intervals.quantiles.length()").value(12));
    }

    @Test
    void progressShowsEpochsAndAnEtaAndDeleteCancelsALongJob() throws Exception {
        String id = id(mvc.perform(submit("long-jobs", body(AIR, quick(100000)))).andExpect(status().isAccepted()));
        String running = awaitJob(id, json -> JsonPath.<Integer>read(json, "$.epoch") >= 2);
        assertThat(JsonPath.<String>read(running, "$.state")).isEqualTo("running");
        assertThat(JsonPath.<String>read(running, "$.stage")).isEqualTo("training");
        assertThat(JsonPath.<Double>read(running, "$.etaSeconds")).isPositive();
        assertThat(JsonPath.<Integer>read(running, "$.maxEpochs")).isEqualTo(100000);

        mvc.perform(delete("/training-jobs/{id}", id).header("X-API-Key", KEY))
                .andExpect(status().is2xxSuccessful())
                .andExpect(jsonPath("$.id").value(id));
        String cancelled = awaitJob(id, finished());
        assertThat(JsonPath.<String>read(cancelled, "$.state")).isEqualTo("cancelled");
        assertThat(JsonPath.<String>read(cancelled, "$.error")).startsWith("cancelled on request during training");
        assertThat(JsonPath.<java.util.Map<String, Object>>read(cancelled, "$")).doesNotContainKey("model");
        mvc.perform(get("/models/long-jobs")).andExpect(status().isNotFound());
    }

    @Test
    void aFullQueueIs429WithRetryAfterAndAQueuedJobCancelsAtOnce() throws Exception {
        String running = id(mvc.perform(submit("queue-jobs", body(AIR, quick(100000)))).andExpect(status().isAccepted()));
        awaitJob(running, state("running"));
        String queued = id(mvc.perform(submit("queue-jobs", body(AIR, quick(100000))))
                .andExpect(status().isAccepted()).andExpect(jsonPath("$.state").value("queued")));
        mvc.perform(submit("queue-jobs", body(AIR, quick(2))))
                .andExpect(status().isTooManyRequests())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(header().string("Retry-After", "42"))
                .andExpect(jsonPath("$.title").value("Training queue full"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("queue is full")));

        mvc.perform(delete("/training-jobs/{id}", queued).header("X-API-Key", KEY))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("cancelled"))
                .andExpect(jsonPath("$.startedAt").doesNotExist())
                .andExpect(jsonPath("$.error").value("cancelled on request before it started"));

        mvc.perform(get("/training-jobs").header("X-API-Key", KEY))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(queued))
                .andExpect(jsonPath("$[0].state").value("cancelled"))
                .andExpect(jsonPath("$[1].id").value(running))
                .andExpect(jsonPath("$[1].state").value("running"))
                .andExpect(jsonPath("$[1].epochs").doesNotExist());
    }

    @Test
    void cancellingASucceededJobIs409() throws Exception {
        String id = id(mvc.perform(submit("done-jobs", body(AIR, quick(1)))).andExpect(status().isAccepted()));
        awaitJob(id, state("succeeded"));
        mvc.perform(delete("/training-jobs/{id}", id).header("X-API-Key", KEY))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.detail").value("training job '" + id
                        + "' already succeeded; only a queued or running job can be cancelled"));
    }

    @Test
    void everyTrainingJobEndpointNeedsAnApiKey() throws Exception {
        mvc.perform(post("/models/x/training-jobs").contentType(MediaType.APPLICATION_JSON).content(body(AIR, quick(1))))
                .andExpect(status().isUnauthorized()).andExpect(content().contentType(PROBLEM));
        mvc.perform(get("/training-jobs")).andExpect(status().isUnauthorized());
        mvc.perform(get("/training-jobs/some-id")).andExpect(status().isUnauthorized());
        mvc.perform(delete("/training-jobs/some-id")).andExpect(status().isUnauthorized());
        mvc.perform(get("/training-jobs").header("X-API-Key", "wrong")).andExpect(status().isForbidden());
        assertThat(jobs.list()).noneMatch(j -> j.modelName().equals("x"));
    }

    @Test
    void anUnknownJobIs404() throws Exception {
        mvc.perform(get("/training-jobs/{id}", "no-such-job").header("X-API-Key", KEY))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.title").value("Training job not found"))
                .andExpect(jsonPath("$.detail").value(startsWith("no training job 'no-such-job'")));
        mvc.perform(delete("/training-jobs/{id}", "no-such-job").header("X-API-Key", KEY))
                .andExpect(status().isNotFound());
    }

    static Stream<Arguments> badRequests() {
        String tiny = "{\"id\": \"tiny\", \"values\": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}";
        String three = "{\"id\": \"s\", \"values\": [1, 2, 3]}";
        String h = "\"horizon\": 12";
        return Stream.of(
                Arguments.of("no series", "{\"series\": [], " + h + "}", "series",
                        "series is required: at least one series"),
                Arguments.of("no body", "", "body", "the body must be a JSON object with at least \"series\""),
                Arguments.of("malformed JSON", "{\"series\": [", "body",
                        "the body is not valid JSON (line 1, column 13): Unexpected end-of-input: expected close marker for Array"),
                Arguments.of("all missing", body("{\"id\": \"store-1\", \"values\": [null, null, null, null]}", h),
                        "series[0].values", "series 'store-1': has 0 observed value(s) out of 4 (4 missing); at least 2 are needed"),
                Arguments.of("NaN token", body("{\"id\": \"a\", \"values\": [1, NaN, 3]}", h), "series[0].values[1]",
                        "series[0].values[1] is NaN; send finite numbers, and null for a missing value"),
                Arguments.of("Infinity token", body(AIR + ", {\"id\": \"b\", \"values\": [1, 2, -Infinity]}", h),
                        "series[1].values[2]",
                        "series[1].values[2] is -Infinity; send finite numbers, and null for a missing value"),
                Arguments.of("NaN string", body("{\"id\": \"a\", \"values\": [1, \"NaN\", 3]}", h), "series[0].values[1]",
                        "series[0].values[1] must be a number or null (missing), got string"),
                Arguments.of("too short", body(tiny, h), "series[0]",
                        "series[0] ('tiny'): a series of 10 points is too short for horizon 12: it needs at least 14"),
                Arguments.of("one of two too short", body(AIR + ", " + tiny.replace("]", ", 11, 12, 13, 14, 15]"), h),
                        "series[1]", "series[1] ('tiny') has 15 points but window 36 + horizon 12 need at least 48"),
                Arguments.of("hidden 0", body(AIR, h + ", \"config\": {\"hidden\": 0}"), "config.hidden",
                        "config.hidden must be between 1 and 512, got 0"),
                Arguments.of("epochs over the limit", body(AIR, h + ", \"config\": {\"epochs\": 100001}"), "config.epochs",
                        "config.epochs must be between 1 and 100000, got 100001 (the limit is seqcast.training.max-epochs)"),
                Arguments.of("window longer than the data", body(AIR, h + ", \"config\": {\"window\": 200}"),
                        "config.window", "config.window 200 is longer than the data allows: with horizon 12 every "
                                + "series needs at least 212 points, but series[0] ('AirPassengers') has 120"),
                Arguments.of("unknown cell", body(AIR, h + ", \"config\": {\"cell\": \"TRANSFORMER\"}"), "config.cell",
                        "config.cell: unknown cell type 'TRANSFORMER'; expected one of GRU, LSTM, RNN_TANH, RNN_RELU"),
                Arguments.of("misspelt setting", body(AIR, h + ", \"config\": {\"hiden\": 8}"), "config.hiden",
                        "config.hiden is not a known field"),
                Arguments.of("wrong type", body(AIR, h + ", \"config\": {\"hidden\": \"many\"}"), "config.hidden",
                        "config.hidden has the wrong type (line 1, column 2385)"),
                Arguments.of("learning rate", body(AIR, h + ", \"config\": {\"learningRate\": 5}"), "config.learningRate",
                        "config.learningRate must be in (0, 1], got 5.0"),
                Arguments.of("validation fraction", body(AIR, h + ", \"config\": {\"validationFraction\": 0.95}"),
                        "config.validationFraction", "config.validationFraction must be in [0, 0.9), got 0.95"),
                Arguments.of("two horizons", body(AIR, h + ", \"config\": {\"horizon\": 6}"), "config.horizon",
                        "config.horizon 6 and horizon 12 disagree; send one of them"),
                Arguments.of("no horizon for a new model", body(AIR, ""), "horizon",
                        "horizon is required: model 'bad-input' has no version yet whose horizon a new one could keep"),
                Arguments.of("missing id", body("{\"values\": [1, 2]}", h), "series[0].id", "series[0].id is required"),
                Arguments.of("duplicate id", body(AIR + ", " + AIR, h), "series[1].id",
                        "series id 'AirPassengers' appears more than once: series[1] and series[0]; ids must be unique"),
                Arguments.of("timestamps count", body("{\"id\": \"t\", \"values\": [1, 2, 3], \"timestamps\": [\"2024-01-01\"]}", h),
                        "series[0].timestamps", "series 't' (series[0]) has 3 values but 1 timestamps; send one per value or none"),
                Arguments.of("too many series", body(String.join(", ", three, three.replace("\"s\"", "\"t\""),
                        three.replace("\"s\"", "\"u\""), three.replace("\"s\"", "\"v\"")), h), "series",
                        "a request may hold at most 3 series but this one has 4 (seqcast.training.max-series)"),
                Arguments.of("bad frequency", body(AIR, h + ", \"frequency\": \"fortnightly\""), "frequency",
                        "frequency: unknown frequency 'fortnightly'; expected min, H, D, B, W, M, Q, Y with an optional "
                                + "multiple (15min, 2H) or an ISO-8601 duration (P1D, PT15M, P1M)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badInputIs400ProblemNamingTheFieldOrSeries(String name, String body, String field, String detail) throws Exception {
        ResultActions result = mvc.perform(submit("bad-input", body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.title").value("Invalid training request"))
                .andExpect(jsonPath("$.field").value(field))
                .andExpect(jsonPath("$.instance").value("/models/bad-input/training-jobs"));
        result.andExpect(jsonPath("$.detail").value(detail));
        assertThat(jobs.list()).noneMatch(j -> j.modelName().equals("bad-input"));
    }

    @Test
    void anInvalidModelNameIs400() throws Exception {
        mvc.perform(submit("Not_Valid!", body(AIR, quick(1))))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.title").value("Invalid model name"));
    }

    @Test
    void aVeryLongSeriesIsCheckedQuickly() throws Exception {
        String values = IntStream.range(0, 20000).mapToObj(i -> Double.toString(100 + 10 * Math.sin(i / 7.0)))
                .collect(Collectors.joining(","));
        long start = System.nanoTime();
        mvc.perform(submit("bad-input", body("{\"id\": \"long\", \"values\": [" + values + "]}",
                        "\"horizon\": 12, \"config\": {\"hidden\": 0}")))
                .andExpect(status().isBadRequest());
        String id = id(mvc.perform(submit("long-series", body("{\"id\": \"long\", \"values\": [" + values + "]}",
                "\"horizon\": 12, \"config\": {\"hidden\": 8, \"epochs\": 1}"))).andExpect(status().isAccepted()));
        // A generous bound, not a speed check: it catches a submit that trains on the request thread
        // (minutes for 20,000 points) instead of queueing the job, while a loaded shared CI machine
        // that takes seconds to validate and queue it still passes.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
        jobs.cancel(id);
    }
}
