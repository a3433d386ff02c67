/**
 * The REST API: controllers by feature in sub-packages, and {@link io.seqcast.api.ApiExceptionHandler},
 * the one place errors become RFC 9457 problem details.
 */
package io.seqcast.api;
