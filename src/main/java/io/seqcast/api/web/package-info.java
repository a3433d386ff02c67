/**
 * The browser page served at {@code /} (static files under {@code classpath:/static}: {@code index.html} and
 * {@code ui/}) and the strict security headers that go with it. The page uses the JSON API as any client
 * does; nothing here changes the API.
 */
package io.seqcast.api.web;
