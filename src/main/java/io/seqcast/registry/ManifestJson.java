package io.seqcast.registry;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;

/**
 * The manifest's JSON form, as stored in {@code manifest.json}, in the PostgreSQL {@code jsonb}
 * column and in a safetensors {@code __metadata__} entry. Unknown fields are ignored (a newer model
 * card still loads); a manifest without an architecture is refused.
 */
public final class ManifestJson {

    /** The safetensors {@code __metadata__} key that may carry the whole manifest as a JSON string. */
    public static final String METADATA_KEY = "seqcast.manifest";

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ManifestJson() {
    }

    public static byte[] write(ModelManifest manifest) {
        return MAPPER.writeValueAsBytes(manifest);
    }

    public static String writeString(ModelManifest manifest) {
        return new String(write(manifest), StandardCharsets.UTF_8);
    }

    /**
     * Parses and checks a manifest.
     *
     * @throws InvalidModelException when it is not JSON of the manifest's shape or lacks an architecture
     */
    public static ModelManifest read(byte[] json) {
        ModelManifest manifest;
        try {
            manifest = MAPPER.readValue(json, ModelManifest.class);
        } catch (JacksonException e) {
            throw new InvalidModelException("manifest is not a valid model card: " + e.getOriginalMessage());
        }
        if (manifest == null) {
            throw new InvalidModelException("manifest is empty");
        }
        if (manifest.format() != null && !manifest.format().startsWith("seqcast-manifest/")) {
            throw new InvalidModelException("manifest format '" + manifest.format() + "' is not a seqcast manifest");
        }
        ModelManifest.Architecture a = manifest.architecture();
        if (a == null) {
            throw new InvalidModelException("manifest has no architecture (cell, inputSize, hiddenSize, numLayers, window, horizon)");
        }
        if (a.window() < 1) {
            throw new InvalidModelException("manifest architecture.window must be at least 1, got " + a.window());
        }
        try {
            a.spec();
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException("manifest architecture is invalid: " + e.getMessage());
        }
        return manifest;
    }

    public static ModelManifest read(String json) {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }
}
