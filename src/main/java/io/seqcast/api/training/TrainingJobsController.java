package io.seqcast.api.training;

import io.seqcast.api.JsonNumbers;
import io.seqcast.api.training.TrainingJobRequest.ConfigPayload;
import io.seqcast.api.training.TrainingJobRequest.SeriesPayload;
import io.seqcast.registry.ModelNames;
import io.seqcast.series.SeriesData;
import io.seqcast.training.jobs.InvalidTrainingJobException;
import io.seqcast.training.jobs.TrainingJobService;
import io.seqcast.training.jobs.TrainingJobState;
import io.seqcast.training.jobs.TrainingJobStatus;
import io.seqcast.training.jobs.TrainingSettings;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Training jobs over HTTP; every endpoint needs an API key (see {@code io.seqcast.api.security}).
 * {@code POST /models/{name}/training-jobs} validates the request at once (400 naming the field or
 * series) and answers 202 with the queued job and its {@code Location}; the job then trains in the
 * background and registers a new version of {@code name}.
 *
 * <p>The body is read here rather than by Spring's converter: with non-numeric numbers allowed, a
 * {@code NaN} or {@code Infinity} value reaches the validation and is refused by its position
 * ({@code series[0].values[3]}) instead of failing the whole parse; unknown fields are refused too, so
 * a misspelt setting does not silently fall back to its default.
 */
@RestController
@Tag(name = "training jobs", description = "Train a new model version in the background (API key required)")
class TrainingJobsController {

    private final TrainingJobService jobs;
    private final JsonMapper reader;

    TrainingJobsController(TrainingJobService jobs, JsonMapper mapper) {
        this.jobs = jobs;
        this.reader = mapper.rebuild()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = TrainingJobRequest.class)))
    @PostMapping(path = "/models/{name}/training-jobs", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TrainingJobResponse> submit(@PathVariable String name, @RequestBody(required = false) byte[] body) {
        TrainingJobStatus job = queue(name, body);
        return ResponseEntity.accepted()
                .location(ServletUriComponentsBuilder.fromCurrentContextPath().path("/training-jobs/{id}")
                        .buildAndExpand(job.id()).toUri())
                .body(TrainingJobResponse.of(job));
    }

    @GetMapping("/training-jobs")
    List<TrainingJobResponse.Summary> list() {
        return jobs.list().stream().map(TrainingJobResponse.Summary::of).toList();
    }

    @GetMapping("/training-jobs/{id}")
    TrainingJobResponse get(@PathVariable String id) {
        return TrainingJobResponse.of(jobs.get(id));
    }

    /** 200 when the job is cancelled (it was queued, or already cancelled); 202 while a running job stops. */
    @DeleteMapping("/training-jobs/{id}")
    ResponseEntity<TrainingJobResponse> cancel(@PathVariable String id) {
        TrainingJobStatus job = jobs.cancel(id);
        HttpStatus status = job.state() == TrainingJobState.CANCELLED ? HttpStatus.OK : HttpStatus.ACCEPTED;
        return ResponseEntity.status(status).body(TrainingJobResponse.of(job));
    }

    /**
     * Validates a request body exactly as {@code POST /models/{name}/training-jobs} does and queues the
     * job; shared with {@link TrainingJobCommand}.
     */
    TrainingJobStatus queue(String name, byte[] body) {
        ModelNames.require("model name", name);
        TrainingJobRequest request = parse(body);
        return jobs.submit(name, series(request.series()), settings(request));
    }

    // ------------------------------------------------------------------------------------------
    // Reading the request

    private TrainingJobRequest parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidTrainingJobException("body", "the body must be a JSON object with at least \"series\"");
        }
        TrainingJobRequest request;
        try {
            request = reader.readValue(body, TrainingJobRequest.class);
        } catch (UnrecognizedPropertyException e) {
            String field = path(e);
            throw new InvalidTrainingJobException(field, field + " is not a known field");
        } catch (StreamReadException e) {
            throw new InvalidTrainingJobException("body", "the body is not valid JSON" + location(e) + ": "
                    + firstLine(e.getOriginalMessage()));
        } catch (JacksonException e) {
            String field = path(e);
            throw new InvalidTrainingJobException(field.isEmpty() ? "body" : field, (field.isEmpty() ? "the body" : field)
                    + " has the wrong type" + location(e));
        }
        if (request == null) {
            throw new InvalidTrainingJobException("body", "the body must be a JSON object with at least \"series\"");
        }
        return request;
    }

    /** The failing field as the client wrote it, e.g. {@code config.hidden} or {@code series[0].values}. */
    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String location(JacksonException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    /** The parser's own words without its source-location noise. */
    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String text = message;
        for (String noise : new String[] {"\n", " (start marker at", " at [Source", " [Source"}) {
            int end = text.indexOf(noise);
            if (end >= 0) {
                text = text.substring(0, end);
            }
        }
        return text.strip();
    }

    private static List<SeriesData> series(List<SeriesPayload> payloads) {
        if (payloads == null) {
            return List.of();
        }
        List<SeriesData> series = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            SeriesPayload p = payloads.get(i);
            String field = "series[" + i + "]";
            if (p == null) {
                throw new InvalidTrainingJobException(field, field + " is null");
            }
            if (p.id() == null || p.id().isBlank()) {
                throw new InvalidTrainingJobException(field + ".id", field + ".id is required");
            }
            if (p.values() == null) {
                throw new InvalidTrainingJobException(field + ".values", field + ".values is required");
            }
            double[] values = new double[p.values().size()];
            for (int j = 0; j < values.length; j++) {
                values[j] = value(p.values().get(j), field + ".values[" + j + "]");
            }
            if (p.timestamps() != null) {
                int k = p.timestamps().indexOf(null);
                if (k >= 0) {
                    throw new InvalidTrainingJobException(field + ".timestamps[" + k + "]",
                            field + ".timestamps[" + k + "] is null");
                }
            }
            series.add(new SeriesData(p.id(), values, p.timestamps()));
        }
        return series;
    }

    /** A finite number, or {@code NaN} for a missing ({@code null}) value. */
    private static double value(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return Double.NaN;
        }
        if (!node.isNumber()) {
            throw new InvalidTrainingJobException(field, field + " must be a number or null (missing), got "
                    + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        double v = JsonNumbers.toDouble(node);
        if (!Double.isFinite(v)) {
            throw new InvalidTrainingJobException(field, field + " is " + v
                    + "; send finite numbers, and null for a missing value");
        }
        return v;
    }

    private static TrainingSettings settings(TrainingJobRequest r) {
        ConfigPayload c = r.config() == null
                ? new ConfigPayload(null, null, null, null, null, null, null, null, null, null, null, null)
                : r.config();
        if (r.horizon() != null && c.horizon() != null && !Objects.equals(r.horizon(), c.horizon())) {
            throw new InvalidTrainingJobException("config.horizon", "config.horizon " + c.horizon()
                    + " and horizon " + r.horizon() + " disagree; send one of them");
        }
        Integer horizon = r.horizon() != null ? r.horizon() : c.horizon();
        return new TrainingSettings(c.cell(), c.hidden(), c.layers(), c.window(), horizon, c.epochs(), c.batchSize(),
                c.learningRate(), c.loss(), c.seed(), c.validationFraction(), c.patience(), r.frequency());
    }
}
