/**
 * Spring Security for the API: management operations (every mutating request except forecasting)
 * need an API key from configuration or a mounted secret file, compared in constant time; 401/403
 * answer as problem details.
 */
package io.seqcast.api.security;
