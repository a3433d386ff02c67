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
 * card still loads); missing optional blocks take their defaults ({@link ModelManifest}); a manifest
 * without an architecture, or with a field out of {@link ManifestLimits}, is refused.
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
     * @throws InvalidModelException when it is not JSON of the manifest's shape, lacks an architecture or
     *     has a field out of {@link ManifestLimits} (the message names the field)
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
        ManifestLimits.check(manifest);
        return manifest;
    }

    public static ModelManifest read(String json) {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }
}
