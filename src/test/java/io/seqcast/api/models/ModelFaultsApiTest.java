package io.seqcast.api.models;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import io.seqcast.registry.ModelAdministration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Model cards and stores that used to end in a 500 or in the wrong version over HTTP: a manifest
 * without its optional blocks forecasts, manifest fields out of bounds are 422 naming the field, and a
 * production version that cannot be served is a 503 problem, never the latest version.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ModelFaultsApiTest {

    static final String KEY = "faults-key";
    static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;
    static Path models;
    /** A Tomcat upload spool file as a process killed mid-upload leaves it, in the configured upload folder. */
    static Path staleUpload;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        // The default spring.servlet.multipart.location (application.yml), before the application starts.
        Path uploads = Path.of(System.getProperty("java.io.tmpdir"), "seqcast-uploads");
        Files.createDirectories(uploads);
        staleUpload = uploads.resolve("upload_" + java.util.UUID.randomUUID().toString().replace('-', '_') + "_00000001.tmp");
        Files.write(staleUpload, new byte[4096]);
        Files.setLastModifiedTime(staleUpload, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofDays(1))));
        models = Files.createTempDirectory("seqcast-model-faults");
        registry.add("seqcast.registry.directory", models::toString);
        registry.add("seqcast.security.api-keys", () -> KEY);
        registry.add("seqcast.registry.warmup-iterations", () -> "1");
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    ModelAdministration admin;

    static byte[] pytorchGru() throws IOException {
        try (InputStream in = ModelFaultsApiTest.class.getResourceAsStream("/fixtures/pytorch/gru_i1_h8_l1.safetensors")) {
            return in.readAllBytes();
        }
    }

    /** The PyTorch fixture's architecture and nothing else: what a PyTorch user writes first. */
    static String architectureOnly(int window) {
        return "{\"architecture\": {\"cell\": \"GRU\", \"inputSize\": 1, \"hiddenSize\": 8, \"numLayers\": 1, "
                + "\"window\": " + window + ", \"horizon\": 4}}";
    }

    private org.springframework.test.web.servlet.ResultActions upload(String name, String manifest) throws Exception {
        return mvc.perform(multipart("/models/{name}/versions", name)
                .file(new MockMultipartFile("weights", "model.safetensors", MediaType.APPLICATION_OCTET_STREAM_VALUE, pytorchGru()))
                .file(new MockMultipartFile("manifest", "manifest.json", MediaType.APPLICATION_JSON_VALUE, manifest.getBytes()))
                .header("X-API-Key", KEY));
    }

    private org.springframework.test.web.servlet.ResultActions forecast(String model) throws Exception {
        StringBuilder values = new StringBuilder();
        for (int t = 0; t < 36; t++) {
            values.append(t == 0 ? "" : ",").append(100 + 10 * Math.sin(t * 2 * Math.PI / 12));
        }
        return mvc.perform(post("/forecast").contentType(MediaType.APPLICATION_JSON).content(
                "{\"model\": \"" + model + "\", \"horizon\": 4, \"series\": [{\"id\": \"s\", \"values\": [" + values + "]}]}"));
    }

    @Test
    void theConfiguredUploadFolderIsClearedOfStaleSpoolFilesAtStart() {
        org.assertj.core.api.Assertions.assertThat(staleUpload).as("left by a killed process, removed at start").doesNotExist();
        org.assertj.core.api.Assertions.assertThat(staleUpload.getParent()).isDirectory();
    }

    @Test
    void aPytorchModelUploadedWithoutPreprocessingForecasts() throws Exception {
        upload("bare-card", architectureOnly(12)).andExpect(status().isCreated())
                .andExpect(jsonPath("$.preprocessing.normalization").value("window"))
                .andExpect(jsonPath("$.preprocessing.seasonalFeatures").value(false));
        forecast("bare-card").andExpect(status().isOk())
                .andExpect(jsonPath("$.forecasts[0].mean.length()").value(4));
    }

    @ParameterizedTest
    @CsvSource({
            "window, 2147483647", "window, 1000000000", "window, 0",
            "hiddenSize, 2147483647", "numLayers, 1000", "horizon, 100000", "inputSize, 1000000"})
    void anArchitectureFieldOutOfBoundsIs422NamingTheField(String field, long value) throws Exception {
        String manifest = architectureOnly(12).replaceFirst("\"" + field + "\": [0-9]+", "\"" + field + "\": " + value);
        upload("huge-" + field.toLowerCase(), manifest)
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.detail").value(containsString("architecture." + field)));
    }

    @Test
    void aManifestWhoseInputSizeDisagreesWithItsPreprocessingIs422() throws Exception {
        upload("three-inputs", architectureOnly(12).replace("\"inputSize\": 1", "\"inputSize\": 3"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.detail").value(containsString("architecture.inputSize")));
    }

    @Test
    void aProductionVersionThatCannotBeServedIs503NotTheLatestVersion() throws Exception {
        upload("broken-prod", architectureOnly(12)).andExpect(status().isCreated());
        upload("broken-prod", architectureOnly(12)).andExpect(status().isCreated());
        mvc.perform(put("/models/broken-prod/aliases/production").header("X-API-Key", KEY)
                .contentType(MediaType.APPLICATION_JSON).content("{\"version\": 1}")).andExpect(status().isOk());
        // Another process points production at a version this store does not have.
        Files.writeString(models.resolve("broken-prod").resolve("aliases.json"), "{\"production\": 9}");
        admin.refresh(); // what the poller does every interval
        forecast("broken-prod").andExpect(status().isOk()).andExpect(jsonPath("$.model.version").value(1));
        mvc.perform(get("/models/broken-prod")).andExpect(status().isOk())
                .andExpect(jsonPath("$.serving").value(1))
                .andExpect(jsonPath("$.problems[0]").value(containsString("version 9")));

        // Corrupt aliases and no production known to this process: 503 with the repair, never the latest.
        upload("unread", architectureOnly(12)).andExpect(status().isCreated());
        upload("unread", architectureOnly(12)).andExpect(status().isCreated());
        Files.writeString(models.resolve("unread").resolve("aliases.json"), "{not json");
        admin.refresh();
        forecast("unread").andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.title").value("Model unavailable"))
                .andExpect(jsonPath("$.detail").value(containsString("PUT /models/unread/aliases/")));
        forecast("unread@2").andExpect(status().isOk());
        mvc.perform(put("/models/unread/aliases/production").header("X-API-Key", KEY)
                .contentType(MediaType.APPLICATION_JSON).content("{\"version\": 2}")).andExpect(status().isOk());
        forecast("unread").andExpect(status().isOk());
    }
}
