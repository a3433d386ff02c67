/**
 * The shared tensor core: flat row-major {@code float[]} storage, the {@link io.seqcast.tensor.Kernels}
 * (a scalar reference and a Vector API implementation chosen once per JVM), per-thread workspaces
 * and the one bounded compute pool that every model, request and training job shares.
 *
 * <p>Imports nothing from Spring or the web layer; a benchmark or a test uses it alone.
 */
package io.seqcast.tensor;
