package io.seqcast.api.forecast;

import io.seqcast.forecast.ForecastProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The request-size limit on {@code /forecast} and {@code /backtest}. */
@Configuration(proxyBeanMethods = false)
class ForecastWebConfiguration {

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> forecastBodyLimit(ForecastProperties properties) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(properties.maxBodySize().toBytes()));
        registration.addUrlPatterns("/forecast", "/forecast/*", "/backtest", "/backtest/*");
        registration.setName("forecastBodyLimit");
        return registration;
    }
}
