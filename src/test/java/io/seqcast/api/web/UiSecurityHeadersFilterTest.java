package io.seqcast.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The page's policy covers the page and its files, not the API or Swagger UI (which needs inline code). */
class UiSecurityHeadersFilterTest {

    @Test
    void thePageAndItsFilesGetTheStrictPolicy() throws Exception {
        for (String path : new String[] {"/", "/index.html", "/ui/app.js", "/ui/examples/stock.csv"}) {
            MockHttpServletResponse response = filter(path);
            assertThat(response.getHeader("Content-Security-Policy")).as(path)
                    .isEqualTo(UiSecurityHeadersFilter.CONTENT_SECURITY_POLICY)
                    .contains("script-src 'self'", "style-src 'self'", "connect-src 'self'", "default-src 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
            assertThat(response.getHeader("Referrer-Policy")).as(path).isEqualTo("no-referrer");
        }
    }

    @Test
    void theApiAndSwaggerUiKeepTheirOwnHeaders() throws Exception {
        for (String path : new String[] {"/forecast", "/models/default", "/swagger-ui/index.html", "/swagger-ui.html",
                "/v3/api-docs", "/uifoo", "/index.htm"}) {
            assertThat(filter(path).getHeader("Content-Security-Policy")).as(path).isNull();
        }
    }

    @Test
    void aContextPathIsLeftOutOfTheMatch() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/seqcast/ui/app.css");
        request.setContextPath("/seqcast");
        MockHttpServletResponse response = new MockHttpServletResponse();
        new UiSecurityHeadersFilter().doFilter(request, response, new MockFilterChain());
        assertThat(response.getHeader("Content-Security-Policy")).isNotNull();
    }

    private static MockHttpServletResponse filter(String path) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        new UiSecurityHeadersFilter().doFilter(new MockHttpServletRequest("GET", path), response, new MockFilterChain());
        return response;
    }
}
