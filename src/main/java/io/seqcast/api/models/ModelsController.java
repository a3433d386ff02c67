package io.seqcast.api.models;

import io.seqcast.registry.LoadedModel;
import io.seqcast.registry.ManifestJson;
import io.seqcast.registry.ModelAdministration;
import io.seqcast.registry.ModelAdministration.ModelInfo;
import io.seqcast.registry.ModelAdministration.VersionInfo;
import io.seqcast.registry.ModelManifest;
import io.seqcast.registry.ModelNames;
import io.seqcast.registry.ModelRegistry;
import io.seqcast.registry.RegistryProperties;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The model registry over HTTP. Reads are open; uploads, alias changes and deletes need an API key
 * (see {@code io.seqcast.api.security}). Errors are problem details from
 * {@link io.seqcast.api.ApiExceptionHandler}.
 */
@RestController
@RequestMapping("/models")
@Tag(name = "models", description = "The model registry: reads are open, changes need an API key")
class ModelsController {

    private final ModelRegistry registry;
    private final ModelAdministration admin;
    private final long maxUploadBytes;

    ModelsController(ModelRegistry registry, ModelAdministration admin, RegistryProperties properties) {
        this.registry = registry;
        this.admin = admin;
        this.maxUploadBytes = properties.maxUploadBytes().toBytes();
    }

    @GetMapping
    List<ModelInfo> models() {
        return admin.models();
    }

    @GetMapping("/{name}")
    ModelInfo model(@PathVariable String name) {
        return admin.model(name);
    }

    @GetMapping("/{name}/versions")
    List<VersionInfo> versions(@PathVariable String name) {
        return admin.versions(name);
    }

    @GetMapping("/{name}/versions/{version}")
    ModelManifest manifest(@PathVariable String name, @PathVariable int version) {
        return admin.manifest(name, version);
    }

    @GetMapping("/{name}/versions/{version}/weights")
    ResponseEntity<byte[]> weights(@PathVariable String name, @PathVariable int version) {
        ModelManifest manifest = admin.manifest(name, version);
        byte[] weights = admin.weights(name, version);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .eTag("\"" + manifest.sha256() + "\"")
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(name + "-" + version + ".safetensors").build().toString())
                .body(weights);
    }

    /**
     * Registers a new version from a multipart upload: {@code weights} (safetensors) and
     * {@code manifest} (JSON), or {@code weights} alone when its metadata carries the manifest under
     * {@value ManifestJson#METADATA_KEY}.
     */
    @PostMapping(path = "/{name}/versions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ModelManifest> register(@PathVariable String name, @RequestPart("weights") MultipartFile weights,
                                           @RequestPart(name = "manifest", required = false) String manifest) {
        ModelNames.require("model name", name);
        if (weights.getSize() > maxUploadBytes) {
            throw new MaxUploadSizeExceededException(maxUploadBytes);
        }
        byte[] bytes;
        try {
            bytes = weights.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded weights", e);
        }
        LoadedModel model = manifest == null || manifest.isBlank()
                ? admin.register(name, bytes)
                : registry.register(name, bytes, ManifestJson.read(manifest));
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequestUri()
                        .path("/{version}").buildAndExpand(model.version()).toUri())
                .body(model.manifest());
    }

    /** Body of {@code PUT /models/{name}/aliases/{alias}}. */
    record AliasRequest(@NotNull @Min(1) Integer version) {
    }

    /** The alias after the change; {@code previous} is 0 when it was new. */
    record AliasResponse(String name, String alias, int version, int previous) {
    }

    @PutMapping("/{name}/aliases/{alias}")
    AliasResponse setAlias(@PathVariable String name, @PathVariable String alias, @Valid @RequestBody AliasRequest request) {
        int previous = admin.setAlias(name, alias, request.version());
        return new AliasResponse(name, alias, request.version(), previous);
    }

    @DeleteMapping("/{name}/aliases/{alias}")
    ResponseEntity<Void> removeAlias(@PathVariable String name, @PathVariable String alias) {
        admin.removeAlias(name, alias);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{name}/versions/{version}")
    ResponseEntity<Void> deleteVersion(@PathVariable String name, @PathVariable int version) {
        admin.deleteVersion(name, version);
        return ResponseEntity.noContent().build();
    }
}
