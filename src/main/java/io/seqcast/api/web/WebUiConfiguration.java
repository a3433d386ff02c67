package io.seqcast.api.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The web page at {@code /}: Spring Boot serves {@code static/index.html} there (its welcome page) and the
 * files under {@code static/ui/}; reads are open in the security rules, so the page needs no key to load.
 * This adds the page's security headers.
 */
@Configuration(proxyBeanMethods = false)
class WebUiConfiguration {

    @Bean
    FilterRegistrationBean<UiSecurityHeadersFilter> uiSecurityHeaders() {
        FilterRegistrationBean<UiSecurityHeadersFilter> registration =
                new FilterRegistrationBean<>(new UiSecurityHeadersFilter());
        registration.addUrlPatterns("/*");
        registration.setName("uiSecurityHeaders");
        return registration;
    }
}
