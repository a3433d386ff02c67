package io.seqcast.api.admission;

import io.seqcast.forecast.ForecastProperties;
import io.seqcast.tensor.ComputeContext;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires {@link Admission} from {@code seqcast.admission.*} (its bulk lane closes with the context) and the
 * {@link RequestIntakeFilter} in front of the endpoints that take bodies.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdmissionProperties.class)
class AdmissionConfiguration {

    @Bean(destroyMethod = "close")
    Admission admission(AdmissionProperties properties, ForecastProperties forecast, ComputeContext compute) {
        return new Admission(properties, forecast, compute);
    }

    @Bean
    FilterRegistrationBean<RequestIntakeFilter> requestIntake(AdmissionProperties properties) {
        FilterRegistrationBean<RequestIntakeFilter> registration = new FilterRegistrationBean<>(
                new RequestIntakeFilter(properties.intake(), properties.retryAfter()));
        registration.addUrlPatterns("/forecast", "/forecast/*", "/backtest", "/backtest/*", "/training-jobs",
                "/training-jobs/*");
        registration.setName("requestIntake");
        registration.setEnabled(properties.enabled());
        return registration;
    }
}
