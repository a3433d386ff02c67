/** REST endpoints of the model registry: {@code /models}, versions, weights and aliases. */
package io.seqcast.api.models;
