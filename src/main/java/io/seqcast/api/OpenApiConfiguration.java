package io.seqcast.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}): served as OpenAPI
 * 3.0 ({@code springdoc.api-docs.version}), which generators and validators read and where springdoc
 * honours {@code @Schema(type = ...)} on the JSON-node fields; {@link OpenApiContract} adds security,
 * problem details and status codes.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI seqcastOpenApi() {
        return new OpenAPI().info(new Info()
                .title("seqcast")
                .version("v1")
                .description("Time-series forecasts with calibrated prediction intervals from recurrent networks "
                        + "(RNN, GRU, LSTM) on an in-process tensor core. Errors are RFC 9457 problem details "
                        + "(application/problem+json). POST /forecast also takes text/csv bodies "
                        + "(id,timestamp,value or timestamp,value) with model, horizon, levels and frequency as "
                        + "query parameters.")
                .license(new License().name("see the repository")));
    }

    @Bean
    OpenApiCustomizer seqcastOpenApiContract() {
        return new OpenApiContract();
    }
}
