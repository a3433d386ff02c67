/**
 * The model registry: named models with immutable numbered versions (weights + manifest + sha256),
 * aliases, and the hot-swap of loaded versions under live traffic.
 */
package io.seqcast.registry;
