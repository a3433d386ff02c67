package io.seqcast.api.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Access rules. Open: actuator (probes, Prometheus), every read ({@code GET}/{@code HEAD}) except
 * training jobs, and {@code /forecast} and {@code /backtest} unless
 * {@code seqcast.security.protect-forecast}. Everything else (upload, promote, delete, training jobs
 * including their reads: every mutating request) needs an API key.
 * Stateless: no session, no cookies, so no CSRF token either.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
// A process without a web server (the seqcast.job=train command) has no requests to secure.
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, SecurityProperties properties) throws Exception {
        ApiKeys keys = ApiKeys.from(properties);
        ProblemSecurityHandler problems = new ProblemSecurityHandler(keys.size() > 0);
        if (!properties.enabled()) {
            log.warn("seqcast.security.enabled=false: every operation, including uploads and deletes, is open");
        } else if (keys.size() == 0) {
            log.info("No API keys configured: management operations answer 401 until seqcast.security.api-keys is set");
        } else {
            log.info("{} API key(s) configured for management operations", keys.size());
        }
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiKeyAuthenticationFilter(keys), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(auth -> {
                    if (!properties.enabled()) {
                        auth.anyRequest().permitAll();
                        return;
                    }
                    auth.requestMatchers("/actuator/**", "/error").permitAll();
                    if (properties.protectForecast()) {
                        auth.requestMatchers("/forecast/**", "/backtest/**").hasRole("MANAGER");
                    } else {
                        auth.requestMatchers("/forecast/**", "/backtest/**").permitAll();
                    }
                    // Training jobs are management, reads included: job listings show what others train.
                    auth.requestMatchers("/training-jobs", "/training-jobs/**", "/models/*/training-jobs",
                            "/models/*/training-jobs/**").hasRole("MANAGER");
                    auth.requestMatchers(HttpMethod.GET, "/**").permitAll()
                            .requestMatchers(HttpMethod.HEAD, "/**").permitAll()
                            .requestMatchers(HttpMethod.OPTIONS, "/**").permitAll()
                            .anyRequest().hasRole("MANAGER");
                });
        return http.build();
    }

    /** No users: authentication is by API key only (this also stops Boot from generating a password). */
    @Bean
    UserDetailsService noUsers() {
        return new InMemoryUserDetailsManager();
    }
}
