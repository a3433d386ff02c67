package io.seqcast.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the controllers' annotations cannot say in one place: the API-key security schemes on the
 * management operations, the problem-details schema with seqcast's extension members, and the status
 * codes each operation really answers (the success code, then the errors, each with that schema).
 *
 * <p>The table {@link #OPERATIONS} is the contract; {@code OpenApiContractTest} sends a request down
 * every listed path and validates the exchange against the served document, so a code listed here that
 * the service never answers, or an answer the document does not list, fails there.
 */
final class OpenApiContract implements OpenApiCustomizer {

    static final String PROBLEM = "Problem";
    static final String API_KEY = "apiKey";
    static final String BEARER = "bearer";

    /** Each operation's summary (when its annotations give none), success code, access and further codes. */
    record Codes(String summary, String success, Access access, List<String> errors) {
        static Codes open(String summary, String success, String... errors) {
            return new Codes(summary, success, Access.OPEN, List.of(errors));
        }

        static Codes keyOptional(String summary, String success, String... errors) {
            return new Codes(summary, success, Access.KEY_IF_PROTECTED, List.of(errors));
        }

        static Codes managed(String summary, String success, String... errors) {
            return new Codes(summary, success, Access.KEY, List.of(errors));
        }
    }

    /** Who may call: anyone; anyone unless seqcast.security.protect-forecast; holders of an API key. */
    enum Access { OPEN, KEY_IF_PROTECTED, KEY }

    private static final Map<String, Codes> OPERATIONS = operations();

    private static Map<String, Codes> operations() {
        Map<String, Codes> m = new LinkedHashMap<>();
        // 401/403 on forecasting only with seqcast.security.protect-forecast=true.
        m.put("POST /forecast", Codes.keyOptional(null, "200", "400", "401", "403", "404", "413", "415", "422", "429", "503"));
        m.put("POST /backtest", Codes.keyOptional(null, "200", "400", "401", "403", "404", "413", "415", "422", "429", "503"));
        m.put("GET /models", Codes.open("List the models", "200"));
        m.put("GET /models/{name}", Codes.open("One model", "200", "400", "404"));
        m.put("GET /models/{name}/versions", Codes.open("A model's versions", "200", "400", "404"));
        m.put("GET /models/{name}/versions/{version}", Codes.open("A version's manifest", "200", "400", "404"));
        m.put("GET /models/{name}/versions/{version}/weights", Codes.open("A version's weights (safetensors)",
                "200", "400", "404"));
        m.put("POST /models/{name}/versions", Codes.managed("Upload a new version (multipart weights and manifest)",
                "201", "400", "401", "403", "409", "413", "415", "422"));
        m.put("PUT /models/{name}/aliases/{alias}", Codes.managed("Point an alias at a version (promote, roll back)",
                "200", "400", "401", "403", "404", "415", "422", "503"));
        m.put("DELETE /models/{name}/aliases/{alias}", Codes.managed("Remove an alias",
                "204", "400", "401", "403", "404", "503"));
        m.put("DELETE /models/{name}/versions/{version}", Codes.managed("Delete a version",
                "204", "400", "401", "403", "404", "409", "503"));
        m.put("POST /models/{name}/training-jobs", Codes.managed("Train a new version in the background",
                "202", "400", "401", "403", "404", "409", "413", "415", "429"));
        m.put("GET /training-jobs", Codes.managed("List the training jobs", "200", "401", "403"));
        m.put("GET /training-jobs/{id}", Codes.managed("A training job's progress", "200", "401", "403", "404"));
        m.put("DELETE /training-jobs/{id}", Codes.managed("Cancel a training job (202 while a running job stops)",
                "200", "202", "401", "403", "404", "409"));
        return m;
    }

    private static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("202", "Accepted: under way"),
            Map.entry("400", "Invalid request: the problem names the field (and the series and index where one is at fault)"),
            Map.entry("401", "No API key (X-API-Key or Authorization: Bearer)"),
            Map.entry("403", "Wrong API key"),
            Map.entry("404", "No such model, version, alias or job"),
            Map.entry("409", "Conflicts with the current state (a version an alias points at, a finished job...)"),
            Map.entry("413", "Over a size limit: body, series, points, levels or answer size (the problem names the field)"),
            Map.entry("415", "Content type not accepted here"),
            Map.entry("422", "Well-formed but cannot be processed (an invalid model, values too large to forecast)"),
            Map.entry("429", "Busy (the training queue is full, or the request's cost class): retry after Retry-After seconds"),
            Map.entry("503", "Cannot answer now (model not loaded, unreadable alias store, or the request passed its deadline)"));

    /** The operations' keys ({@code "POST /forecast"}), for the contract test. */
    static Map<String, Codes> operationsTable() {
        return OPERATIONS;
    }

    @Override
    public void customise(OpenAPI api) {
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        api.setComponents(components);
        components.addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name("X-API-Key")
                .description("One of seqcast.security.api-keys"));
        components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("The same key as Authorization: Bearer KEY"));
        if (components.getSchemas() != null) {
            components.getSchemas().values().forEach(OpenApiContract::optionalMeansNullable);
        }
        components.addSchemas(PROBLEM, problemSchema());
        components.getSchemas().remove("ProblemDetail");
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            Codes codes = OPERATIONS.get(method.name() + " " + path);
            if (codes != null) {
                apply(codes, operation);
            }
        }));
    }

    private static void apply(Codes codes, Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        ApiResponse ok = responses.get("200");
        if (!codes.success().equals("200") && ok != null) {
            responses.remove("200");
            if (codes.success().equals("204")) {
                ok.setContent(null);
                ok.setDescription("Done; no content");
            }
            responses.put(codes.success(), ok);
        }
        ApiResponses ordered = new ApiResponses();
        ordered.put(codes.success(), responses.get(codes.success()));
        for (String code : codes.errors()) {
            ApiResponse given = responses.get(code);
            if (code.startsWith("2")) { // another success, same body (a cancel that is still under way)
                ApiResponse success = ordered.get(codes.success());
                ordered.put(code, new ApiResponse().description(REASONS.get(code)).content(success.getContent()));
                continue;
            }
            ordered.put(code, given == null ? problemResponse(REASONS.get(code)) : problem(given));
        }
        ordered.put("default", problemResponse("Unexpected error (a bug): a problem without internals"));
        operation.setResponses(ordered);
        if (operation.getSummary() == null && codes.summary() != null) {
            operation.setSummary(codes.summary());
        }
        SecurityRequirement key = new SecurityRequirement().addList(API_KEY);
        SecurityRequirement bearer = new SecurityRequirement().addList(BEARER);
        operation.setSecurity(switch (codes.access()) {
            case OPEN -> List.of(new SecurityRequirement());
            case KEY_IF_PROTECTED -> List.of(new SecurityRequirement(), key, bearer);
            case KEY -> List.of(key, bearer);
        });
    }

    /**
     * The records serialize an absent optional member as {@code null} (or leave it out): every property
     * not {@code required} is nullable; a nullable reference becomes {@code allOf: [$ref]} (OpenAPI 3.0
     * ignores siblings of {@code $ref}). A {@code Map<String, Object>} (a manifest's training settings)
     * takes any values, not only objects. A {@code float} is declared a plain number: its shortest
     * decimal is not exactly representable, and validators reject it as a {@code format: float}.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void optionalMeansNullable(Schema schema) {
        if (schema.getProperties() == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        Map<String, Schema> properties = schema.getProperties();
        properties.replaceAll((name, property) -> {
            if ("float".equals(property.getFormat())) {
                property.setFormat(null); // the decimal a float prints is not exactly a float: plain number
            }
            if (property.getAdditionalProperties() instanceof Schema values && "object".equals(values.getType())
                    && values.getProperties() == null && values.get$ref() == null) {
                property.setAdditionalProperties(Boolean.TRUE);
            }
            if (required.contains(name)) {
                return property;
            }
            if (property.get$ref() != null) {
                return new Schema<>().type("object").allOf(List.of(new Schema<>().$ref(property.get$ref())))
                        .nullable(true).description(property.getDescription());
            }
            property.setNullable(true);
            return property;
        });
    }

    /** An annotated error response keeps its description and examples; its schema becomes {@link #PROBLEM}. */
    private static ApiResponse problem(ApiResponse given) {
        if (given.getContent() == null || given.getContent().isEmpty()) {
            return problemResponse(given.getDescription());
        }
        given.getContent().values().forEach(media -> media.setSchema(new Schema<>().$ref(ref(PROBLEM))));
        return given;
    }

    private static ApiResponse problemResponse(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                new MediaType().schema(new Schema<>().$ref(ref(PROBLEM)))));
    }

    private static String ref(String schema) {
        return "#/components/schemas/" + schema;
    }

    /** RFC 9457's members and seqcast's extensions; more members may appear (additionalProperties). */
    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", new StringSchema().description("Problem type URI; about:blank or "
                + "tag:seqcast.io,2026:problem:NAME").example("about:blank"));
        properties.put("title", new StringSchema().description("Short summary of the problem type")
                .example("Invalid forecast request"));
        properties.put("status", new IntegerSchema().description("The HTTP status").example(400));
        properties.put("detail", new StringSchema().description("What went wrong, for a person: names the field, "
                + "series and index").example("series[0].values[2] must be a number or null, got a string (\"12\")"));
        properties.put("instance", new StringSchema().description("The request path").example("/forecast"));
        properties.put("field", new StringSchema().nullable(true).description("The offending request field: "
                + "horizon, levels[1], series[0].values[2], line 3 (CSV)").example("series[0].values[2]"));
        properties.put("seriesId", new StringSchema().nullable(true).description("The id of the series at fault")
                .example("store-1"));
        properties.put("index", new IntegerSchema().nullable(true).description("Index of the offending value or "
                + "timestamp in its series").example(2));
        ObjectSchema schema = new ObjectSchema();
        schema.setProperties(properties);
        schema.setAdditionalProperties(Boolean.TRUE);
        schema.description("RFC 9457 problem details (application/problem+json)");
        return schema;
    }
}
