package io.seqcast.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.util.List;

/**
 * Who may change the service.
 *
 * @param enabled whether management operations need a key; {@code false} opens everything (only for
 *     a private development machine; a warning is logged at start-up)
 * @param apiKeys accepted keys, sent as {@code X-API-Key: KEY} or {@code Authorization: Bearer KEY}
 * @param apiKeysFile a file with more keys, one per line ({@code #} comments and blank lines
 *     ignored), e.g. a mounted Kubernetes secret; read at start-up
 * @param protectForecast whether {@code /forecast} and {@code /backtest} need a key too
 */
@Validated
@ConfigurationProperties("seqcast.security")
public record SecurityProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue List<String> apiKeys,
        Path apiKeysFile,
        @DefaultValue("false") boolean protectForecast) {

    /** Never prints the keys. */
    @Override
    public String toString() {
        return "SecurityProperties[enabled=" + enabled + ", apiKeys=" + (apiKeys == null ? 0 : apiKeys.size())
                + " key(s), apiKeysFile=" + apiKeysFile + ", protectForecast=" + protectForecast + "]";
    }
}
