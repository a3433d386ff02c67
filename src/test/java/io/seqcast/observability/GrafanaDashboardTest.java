package io.seqcast.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dashboard is portable: every query goes through the {@code DS_PROMETHEUS} data source variable, which
 * {@code __inputs} also declares, so it works provisioned from a file (the variable picks the default
 * Prometheus) and imported into an existing Grafana (the import asks for the data source). What the
 * queries return is {@code PrometheusScrapeTest}'s part.
 */
class GrafanaDashboardTest {

    static final String DATASOURCE = "${DS_PROMETHEUS}";

    final JsonNode dashboard = read(PrometheusScrapeTest.DASHBOARD);

    @Test
    void importDeclaresThePrometheusDataSourceInput() {
        assertThat(dashboard.path("__inputs")).singleElement().satisfies(input -> {
            assertThat(input.path("name").asText()).isEqualTo("DS_PROMETHEUS");
            assertThat(input.path("type").asText()).isEqualTo("datasource");
            assertThat(input.path("pluginId").asText()).isEqualTo("prometheus");
        });
    }

    @Test
    void aDataSourceVariableAndJobInstanceAndModelVariablesExist() {
        List<String> variables = new ArrayList<>();
        dashboard.path("templating").path("list").forEach(v -> variables.add(v.path("name").asText() + ":" + v.path("type").asText()));
        assertThat(variables).containsExactly("DS_PROMETHEUS:datasource", "job:query", "instance:query", "model:query");
        assertThat(dashboard.path("templating").path("list").get(0).path("query").asText()).isEqualTo("prometheus");
    }

    @Test
    void everyPanelTargetAndVariableQueriesThroughTheDataSourceVariable() {
        List<String> wrong = new ArrayList<>();
        collectDataSources(dashboard, "", wrong);
        assertThat(wrong).as("data source references that are not %s", DATASOURCE).isEmpty();
        assertThat(dashboard.toString()).doesNotContain("\"uid\":\"prometheus\"");
        int targets = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            if (!"row".equals(panel.path("type").asText())) {
                assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText()).isEqualTo(DATASOURCE);
                targets += panel.path("targets").size();
            }
        }
        assertThat(targets).isGreaterThanOrEqualTo(30);
    }

    @Test
    void theChartCarriesTheSameDashboard() throws IOException {
        assertThat(read(Path.of("helm/seqcast/files/seqcast.json"))).isEqualTo(dashboard);
    }

    private static void collectDataSources(JsonNode node, String path, List<String> wrong) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("datasource") && !field.getValue().path("uid").asText().equals(DATASOURCE)) {
                    wrong.add(path + ".datasource = " + field.getValue());
                } else {
                    collectDataSources(field.getValue(), path + "." + field.getKey(), wrong);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectDataSources(node.get(i), path + "[" + i + "]", wrong);
            }
        }
    }

    private static JsonNode read(Path path) {
        try {
            return new ObjectMapper().readTree(path.toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
