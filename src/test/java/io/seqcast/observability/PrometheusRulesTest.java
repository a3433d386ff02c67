package io.seqcast.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import io.seqcast.testing.RequiredService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code promtool check rules} and {@code check config} on the shipped files. Without promtool it fails
 * in CI and is reported as skipped elsewhere ({@link RequiredService}).
 */
class PrometheusRulesTest {

    @BeforeEach
    void promtoolIsInstalled() {
        RequiredService.require(PrometheusScrapeTest.executable("promtool") == null ? "no promtool on the PATH" : null,
                "apt-get install prometheus; .ci/prometheus.sh installs it");
    }

    @Test
    void alertRulesPassPromtool() throws Exception {
        assertThat(promtool("check", "rules", "deploy/prometheus/alerts.yml")).contains("SUCCESS: 8 rules found");
    }

    @Test
    void composePrometheusConfigPassesPromtool() throws Exception {
        assertThat(promtool("check", "config", "deploy/prometheus/prometheus.yml")).contains("SUCCESS");
    }

    private static String promtool(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = PrometheusScrapeTest.executable("promtool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
