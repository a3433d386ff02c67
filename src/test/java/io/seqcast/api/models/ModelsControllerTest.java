package io.seqcast.api.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.seqcast.nn.PytorchFixture;
import io.seqcast.registry.ModelReference;
import io.seqcast.registry.ModelRegistry;
import io.seqcast.tensor.ComputeContext;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

/** Every /models endpoint over the full wiring (security included), with its statuses and problem bodies. */
@SpringBootTest
@AutoConfigureMockMvc
class ModelsControllerTest {

    static final String KEY = "test-key-1";
    static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("seqcast-models-api");
        registry.add("seqcast.registry.directory", dir::toString);
        registry.add("seqcast.security.api-keys", () -> KEY + ",other-key");
        registry.add("seqcast.registry.max-upload-bytes", () -> "64KB");
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    ModelRegistry registry;

    @Autowired
    ComputeContext compute;

    static byte[] resource(String name) throws IOException {
        try (InputStream in = ModelsControllerTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    static MockMultipartFile weightsPart(byte[] bytes) {
        return new MockMultipartFile("weights", "model.safetensors", MediaType.APPLICATION_OCTET_STREAM_VALUE, bytes);
    }

    static MockMultipartFile manifestPart() throws IOException {
        return new MockMultipartFile("manifest", "manifest.json", MediaType.APPLICATION_JSON_VALUE,
                resource("/registry/tiny-gru/manifest.json"));
    }

    static MockMultipartHttpServletRequestBuilder upload(String name) throws IOException {
        return (MockMultipartHttpServletRequestBuilder) multipart("/models/{name}/versions", name)
                .file(weightsPart(resource("/fixtures/pytorch/gru_i1_h8_l1.safetensors"))).file(manifestPart());
    }

    static <B extends AbstractMockHttpServletRequestBuilder<B>> B keyed(B request) {
        return request.header("X-API-Key", KEY);
    }

    private void uploadOk(String name) throws Exception {
        mvc.perform(keyed(upload(name))).andExpect(status().isCreated());
    }

    @Test
    void uploadingAPytorchFixtureWithAManifestReturns201AndItForecastsLikePytorch() throws Exception {
        mvc.perform(keyed(upload("pytorch-gru")))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", endsWith("/models/pytorch-gru/versions/1")))
                .andExpect(jsonPath("$.name").value("pytorch-gru"))
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.sha256").isString())
                .andExpect(jsonPath("$.architecture.cell").value("GRU"));

        PytorchFixture fixture = PytorchFixture.load("gru_i1_h8_l1");
        float[] out = new float[fixture.batch() * 4];
        registry.resolve(ModelReference.parse("pytorch-gru")).model()
                .predict(compute, fixture.tensor("input"), fixture.batch(), fixture.steps(), out);
        assertThat(PytorchFixture.maxAbsDiff(fixture.tensor("output"), out)).isLessThan(1e-5);
    }

    @Test
    void readsListModelsVersionsManifestAndWeights() throws Exception {
        uploadOk("browse");
        mvc.perform(get("/models")).andExpect(status().isOk()).andExpect(jsonPath("$[?(@.name == 'browse')].latest").value(1));
        mvc.perform(get("/models/browse")).andExpect(status().isOk())
                .andExpect(jsonPath("$.versions[0]").value(1)).andExpect(jsonPath("$.serving").value(1));
        mvc.perform(get("/models/browse/versions")).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].version").value(1)).andExpect(jsonPath("$[0].loaded").value(true));
        mvc.perform(get("/models/browse/versions/1")).andExpect(status().isOk())
                .andExpect(jsonPath("$.architecture.window").value(12));
        byte[] weights = mvc.perform(get("/models/browse/versions/1/weights")).andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_OCTET_STREAM))
                .andExpect(header().string("Content-Disposition", containsString("browse-1.safetensors")))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(weights).isEqualTo(resource("/fixtures/pytorch/gru_i1_h8_l1.safetensors"));
    }

    @Test
    void promoteRollBackAndDeleteAnAlias() throws Exception {
        uploadOk("promo");
        uploadOk("promo");
        mvc.perform(keyed(put("/models/promo/aliases/production")).contentType(MediaType.APPLICATION_JSON).content("{\"version\": 1}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.version").value(1)).andExpect(jsonPath("$.previous").value(0));
        assertThat(registry.resolve(ModelReference.parse("promo")).version()).isEqualTo(1);
        mvc.perform(keyed(put("/models/promo/aliases/production")).contentType(MediaType.APPLICATION_JSON).content("{\"version\": 2}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.previous").value(1));
        assertThat(registry.resolve(ModelReference.parse("promo")).version()).isEqualTo(2);
        mvc.perform(keyed(delete("/models/promo/aliases/production"))).andExpect(status().isNoContent());
        mvc.perform(keyed(delete("/models/promo/aliases/production")))
                .andExpect(status().isNotFound()).andExpect(content().contentType(PROBLEM));
    }

    @Test
    void deletingAnAliasedOrServingVersionIs409AndAnIdleOneIs204() throws Exception {
        uploadOk("del");
        uploadOk("del");
        uploadOk("del");
        mvc.perform(keyed(put("/models/del/aliases/staging")).contentType(MediaType.APPLICATION_JSON).content("{\"version\": 1}"))
                .andExpect(status().isOk());
        mvc.perform(keyed(delete("/models/del/versions/1")))
                .andExpect(status().isConflict()).andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.title").value("Model conflict"))
                .andExpect(jsonPath("$.detail").value(containsString("staging")));
        mvc.perform(keyed(delete("/models/del/versions/3"))).andExpect(status().isConflict());
        mvc.perform(keyed(delete("/models/del/versions/2"))).andExpect(status().isNoContent());
        mvc.perform(get("/models/del/versions/2")).andExpect(status().isNotFound());
    }

    @Test
    void invalidNamesAre400() throws Exception {
        mvc.perform(get("/models/Not_Valid")).andExpect(status().isBadRequest())
                .andExpect(content().contentType(PROBLEM)).andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.detail").value(containsString("not valid")));
        mvc.perform(keyed(upload(".hidden"))).andExpect(status().isBadRequest()).andExpect(content().contentType(PROBLEM));
        mvc.perform(keyed(put("/models/x/aliases/BAD")).contentType(MediaType.APPLICATION_JSON).content("{\"version\": 1}"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/models/x/versions/abc")).andExpect(status().isBadRequest()).andExpect(content().contentType(PROBLEM));
        mvc.perform(keyed(put("/models/x/aliases/production")).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest()).andExpect(content().contentType(PROBLEM));
    }

    @Test
    void unknownModelsVersionsAndAliasesAre404() throws Exception {
        mvc.perform(get("/models/nobody")).andExpect(status().isNotFound())
                .andExpect(content().contentType(PROBLEM)).andExpect(jsonPath("$.title").value("Model not found"))
                .andExpect(jsonPath("$.instance").value("/models/nobody"));
        uploadOk("known");
        mvc.perform(get("/models/known/versions/9")).andExpect(status().isNotFound());
        mvc.perform(get("/models/known/versions/9/weights")).andExpect(status().isNotFound());
        mvc.perform(keyed(put("/models/known/aliases/production")).contentType(MediaType.APPLICATION_JSON).content("{\"version\": 9}"))
                .andExpect(status().isNotFound());
    }

    @Test
    void invalidWeightsAre422WithTheReasonAndNothingIsStored() throws Exception {
        MockMultipartHttpServletRequestBuilder garbage = (MockMultipartHttpServletRequestBuilder) multipart("/models/bad/versions")
                .file(weightsPart(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})).file(manifestPart());
        mvc.perform(keyed(garbage)).andExpect(status().isUnprocessableContent())
                .andExpect(content().contentType(PROBLEM)).andExpect(jsonPath("$.title").value("Invalid model"))
                .andExpect(jsonPath("$.detail").value(containsString("header length")));
        MockMultipartHttpServletRequestBuilder noManifest = (MockMultipartHttpServletRequestBuilder) multipart("/models/bad/versions")
                .file(weightsPart(resource("/fixtures/pytorch/gru_i1_h8_l1.safetensors")));
        mvc.perform(keyed(noManifest)).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.detail").value(containsString("no manifest")));
        MockMultipartHttpServletRequestBuilder lstmWeights = (MockMultipartHttpServletRequestBuilder) multipart("/models/bad/versions")
                .file(weightsPart(resource("/fixtures/pytorch/lstm_i1_h8_l1.safetensors"))).file(manifestPart());
        mvc.perform(keyed(lstmWeights)).andExpect(status().isUnprocessableContent());
        mvc.perform(get("/models/bad")).andExpect(status().isNotFound());
    }

    @Test
    void anOversizedUploadIs413() throws Exception {
        MockMultipartHttpServletRequestBuilder big = (MockMultipartHttpServletRequestBuilder) multipart("/models/big/versions")
                .file(weightsPart(new byte[65 * 1024])).file(manifestPart());
        mvc.perform(keyed(big)).andExpect(status().isPayloadTooLarge()).andExpect(content().contentType(PROBLEM));
    }

    @Test
    void managementWithoutAKeyIs401AndWithAWrongKeyIs403() throws Exception {
        mvc.perform(upload("sec")).andExpect(status().isUnauthorized())
                .andExpect(content().contentType(PROBLEM)).andExpect(header().string("WWW-Authenticate", "Bearer"))
                .andExpect(jsonPath("$.detail").value(containsString("X-API-Key")));
        mvc.perform(upload("sec").header("X-API-Key", "wrong")).andExpect(status().isForbidden())
                .andExpect(content().contentType(PROBLEM)).andExpect(jsonPath("$.status").value(403));
        mvc.perform(delete("/models/sec/versions/1").header("Authorization", "Bearer wrong")).andExpect(status().isForbidden());
        mvc.perform(delete("/models/sec/aliases/production")).andExpect(status().isUnauthorized());
        mvc.perform(put("/models/sec/aliases/production").contentType(MediaType.APPLICATION_JSON).content("{\"version\": 1}"))
                .andExpect(status().isUnauthorized());
        // A bearer token works like X-API-Key; so does any configured key.
        mvc.perform(upload("sec").header("Authorization", "Bearer " + KEY)).andExpect(status().isCreated());
        mvc.perform(upload("sec").header("X-API-Key", "other-key")).andExpect(status().isCreated());
        // Reads, probes and metrics stay open.
        mvc.perform(get("/models/sec")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk());
    }
}
