/** Meters and health indicators of the service. */
package io.seqcast.observability;
