package io.seqcast.observability;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.seqcast.input.ProblemException;
import io.seqcast.registry.InvalidModelNameException;
import io.seqcast.registry.LoadedModel;
import io.seqcast.registry.ModelNotFoundException;
import io.seqcast.series.InvalidSeriesException;
import io.seqcast.series.InvalidTimestampsException;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;

import java.time.Duration;
import java.util.Locale;

/**
 * Meters of {@code POST /forecast}, recorded by the forecast controller (the api layer; forecasting
 * itself stays free of observability, see docs/architecture.md):
 * <ul>
 *   <li>{@code seqcast.forecast.requests} timer (model, version, outcome): whole request, validation to
 *       response, as a histogram with SLO boundaries 10 ms, 50 ms, 100 ms, 250 ms, 1 s;</li>
 *   <li>{@code seqcast.forecast.series} distribution summary (model, outcome): series per request, as a
 *       histogram.</li>
 * </ul>
 *
 * <p>Call order: {@link #start()} when the request arrives, then exactly one {@code record...} call when
 * it ends, whichever way. Tags are bounded by construction: the model tag is a served model's name
 * (names exist in the registry), {@value #AUTO} for an ephemeral auto-fitted model and {@value #UNKNOWN}
 * when no model was resolved (a 404, a request refused before resolving); never the requested string.
 * Thread-safe.
 */
@Component
public class ForecastMetrics {

    /** The model tag of forecasts made by an ephemeral auto-fitted model. */
    public static final String AUTO = "auto";
    /** The model tag when no registered model was resolved. */
    public static final String UNKNOWN = "unknown";
    /** The version tag when there is no registered version. */
    public static final String NO_VERSION = "none";

    static final Duration[] SLOS = {Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofSeconds(1)};

    /** How a forecast request ended; the tag is the lower-case name. */
    public enum Outcome {
        OK, CLIENT_ERROR, NOT_FOUND, SERVER_ERROR;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** From an HTTP status: 2xx/3xx ok, 404 not_found, other 4xx client_error, 5xx server_error. */
        public static Outcome ofStatus(int status) {
            if (status == 404) {
                return NOT_FOUND;
            }
            if (status >= 500) {
                return SERVER_ERROR;
            }
            return status >= 400 ? CLIENT_ERROR : OK;
        }

        /**
         * From the exception that ended a request: its own status when it carries one (a
         * {@link ProblemException}, or Spring's {@link ErrorResponse}), the same status the client got
         * (see {@code ApiExceptionHandler}); of the registry's and series' exceptions, which carry none,
         * a missing model is not_found and the rest client_error; anything else server_error.
         */
        public static Outcome of(Throwable failure) {
            if (failure instanceof ProblemException problem) {
                return ofStatus(problem.status());
            }
            if (failure instanceof ErrorResponse response) {
                return ofStatus(response.getStatusCode().value());
            }
            if (failure instanceof ModelNotFoundException) {
                return NOT_FOUND;
            }
            if (failure instanceof InvalidModelNameException || failure instanceof InvalidSeriesException
                    || failure instanceof InvalidTimestampsException) {
                return CLIENT_ERROR;
            }
            return SERVER_ERROR;
        }
    }

    private final MeterRegistry meters;

    public ForecastMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Starts timing a request. */
    public Timer.Sample start() {
        return Timer.start(meters);
    }

    /**
     * Records a request that ended with a registered model resolved, or none.
     *
     * @param served the model that answered (or was resolved before the request failed); {@code null}
     *     when none was resolved: tagged {@value #UNKNOWN}
     * @param seriesCount series in the request, 0 when it could not be read
     */
    public void record(Timer.Sample sample, LoadedModel served, Outcome outcome, int seriesCount) {
        if (served == null) {
            record(sample, UNKNOWN, NO_VERSION, outcome, seriesCount);
        } else {
            record(sample, served.name(), Integer.toString(served.version()), outcome, seriesCount);
        }
    }

    /**
     * Records a request answered by a registered model, named as the registry resolved it (so the tag
     * values stay bounded by the registry's models, never taken from the request).
     */
    public void recordServed(Timer.Sample sample, String registeredName, int version, Outcome outcome, int seriesCount) {
        record(sample, registeredName, Integer.toString(version), outcome, seriesCount);
    }

    /** Records a request answered (or refused) by an ephemeral auto-fitted model: tagged {@value #AUTO}. */
    public void recordAuto(Timer.Sample sample, Outcome outcome, int seriesCount) {
        record(sample, AUTO, NO_VERSION, outcome, seriesCount);
    }

    private void record(Timer.Sample sample, String model, String version, Outcome outcome, int seriesCount) {
        sample.stop(Timer.builder("seqcast.forecast.requests")
                .description("Forecast requests, from arrival to response, by model, version and outcome")
                .tag("model", model).tag("version", version).tag("outcome", outcome.tag())
                .publishPercentileHistogram().serviceLevelObjectives(SLOS)
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(meters));
        DistributionSummary.builder("seqcast.forecast.series")
                .description("Series per forecast request")
                .baseUnit("series").tag("model", model).tag("outcome", outcome.tag())
                .publishPercentileHistogram().minimumExpectedValue(1.0).maximumExpectedValue(10_000.0)
                .register(meters).record(Math.max(0, seriesCount));
    }
}
