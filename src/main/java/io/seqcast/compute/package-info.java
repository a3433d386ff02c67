/**
 * Spring wiring of the shared tensor core: reads {@code seqcast.tensor.*} and creates the one
 * {@link io.seqcast.tensor.ComputeContext} of the JVM.
 */
package io.seqcast.compute;
