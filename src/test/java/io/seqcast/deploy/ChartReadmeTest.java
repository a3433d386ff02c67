package io.seqcast.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * helm/seqcast/README.md's values table is generated from values.yaml, helm-docs style: a row per value
 * that has a {@code # --} comment (key path, type, default, the comment), in file order. Kept true by this
 * test; after changing values.yaml regenerate it with
 * {@code ./mvnw -q test -Dtest=ChartReadmeTest -Dseqcast.chart.readme.write=true}.
 */
class ChartReadmeTest {

    static final Path README = HelmChartTest.CHART.resolve("README.md");
    static final String START = "<!-- values table: generated from values.yaml by ChartReadmeTest, do not edit -->";
    static final String END = "<!-- end of values table -->";

    @Test
    void valuesTableIsGeneratedFromValuesYaml() throws IOException {
        String table = table(Files.readString(HelmChartTest.CHART.resolve("values.yaml")), HelmChartTest.readYaml(HelmChartTest.CHART.resolve("values.yaml")));
        String readme = Files.readString(README);
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertThat(start).as("README.md has the table markers").isNotNegative();
        assertThat(end).isGreaterThan(start);
        String expected = readme.substring(0, start + START.length()) + "\n" + table + readme.substring(end);
        if (Boolean.getBoolean("seqcast.chart.readme.write")) {
            Files.writeString(README, expected);
        }
        assertThat(readme).as("helm/seqcast/README.md's values table; regenerate: ./mvnw -q test -Dtest=ChartReadmeTest"
                + " -Dseqcast.chart.readme.write=true").isEqualTo(expected);
    }

    @Test
    void everyTopLevelValueHasARow() throws IOException {
        Map<String, Object> values = HelmChartTest.readYaml(HelmChartTest.CHART.resolve("values.yaml"));
        String table = table(Files.readString(HelmChartTest.CHART.resolve("values.yaml")), values);
        for (String key : values.keySet()) {
            assertThat(table).contains("| " + key + " |");
        }
        assertThat(table).contains("| lifecycle.preStopSleepSeconds | int | `10` |", "| image.repository | string | `\"ghcr.io/seqcast/seqcast\"` |");
    }

    /** The markdown table: one row per commented key of values.yaml. */
    static String table(String valuesYaml, Map<String, Object> values) {
        StringBuilder table = new StringBuilder("| Key | Type | Default | Description |\n|-----|------|---------|-------------|\n");
        Deque<Object[]> parents = new ArrayDeque<>(); // {indent, key or "-" for a list item}
        List<String> comment = new ArrayList<>();
        for (String line : valuesYaml.lines().toList()) {
            String content = line.strip();
            int indent = line.length() - line.stripLeading().length();
            if (content.startsWith("# --")) {
                comment.clear();
                comment.add(content.substring(4).strip());
                continue;
            }
            if (content.startsWith("#")) {
                if (!comment.isEmpty()) {
                    comment.add(content.substring(1).strip());
                }
                continue;
            }
            if (content.isEmpty()) {
                comment.clear();
                continue;
            }
            while (!parents.isEmpty() && (int) parents.peek()[0] >= indent) {
                parents.pop();
            }
            if (content.startsWith("-")) {
                parents.push(new Object[] {indent, "-"});
                comment.clear();
                continue;
            }
            String key = content.substring(0, content.indexOf(':'));
            boolean inList = parents.stream().anyMatch(p -> p[1].equals("-"));
            List<String> path = new ArrayList<>();
            parents.descendingIterator().forEachRemaining(p -> path.add((String) p[1]));
            path.add(key);
            parents.push(new Object[] {indent, key});
            if (!comment.isEmpty() && !inList) {
                Object value = valueAt(values, path);
                table.append("| ").append(String.join(".", path)).append(" | ").append(type(value)).append(" | `")
                        .append(json(value).replace("|", "\\\\|")).append("` | ").append(String.join(" ", comment).replace("|", "\\\\|"))
                        .append(" |\n");
            }
            comment.clear();
        }
        return table.toString();
    }

    @SuppressWarnings("unchecked")
    static Object valueAt(Map<String, Object> values, List<String> path) {
        Object node = values;
        for (String key : path) {
            node = ((Map<String, Object>) node).get(key);
        }
        return node;
    }

    static String type(Object value) {
        if (value instanceof String) {
            return "string";
        } else if (value instanceof Boolean) {
            return "bool";
        } else if (value instanceof Integer || value instanceof Long) {
            return "int";
        } else if (value instanceof Number) {
            return "float";
        } else if (value instanceof List<?>) {
            return "list";
        }
        return "object";
    }

    static String json(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
