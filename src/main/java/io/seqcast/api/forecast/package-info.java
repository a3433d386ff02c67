/**
 * {@code POST /forecast} over HTTP: JSON and CSV bodies, their mapping onto
 * {@link io.seqcast.forecast.ForecastInput} with errors that name the field, the request-size limit,
 * and the response records (also the OpenAPI schema).
 */
package io.seqcast.api.forecast;
