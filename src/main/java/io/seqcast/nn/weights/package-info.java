/**
 * Reading and writing model weights in the <a href="https://github.com/huggingface/safetensors">safetensors</a>
 * format, the format PyTorch models are exchanged in, so weights trained in PyTorch (and the parity
 * fixtures under {@code src/test/resources/fixtures/pytorch}) load into the tensor core, and weights
 * trained here can be saved and reloaded bit for bit.
 *
 * <p>Entry points: {@link io.seqcast.nn.weights.SafeTensors} (read and write),
 * {@link io.seqcast.nn.weights.SafeTensorsFile} (what a read returns),
 * {@link io.seqcast.nn.weights.TensorData} (one named row-major {@code float[]} tensor) and
 * {@link io.seqcast.nn.weights.Limits} (resource bounds for untrusted files). Every problem with a
 * file is a {@link io.seqcast.nn.weights.WeightsFormatException} naming the file, the tensor and the
 * expected and actual values.
 *
 * <p>The reader is strict on purpose: a weights file that is even slightly off (overlapping or
 * uncovered bytes, a shape that does not match its byte length, NaN weights) is far more likely to
 * be a bug or a corrupted upload than something to accept silently, and a bad weight shows up only
 * later as a wrong forecast. Files may be hostile: sizes read from a file are checked against
 * {@link io.seqcast.nn.weights.Limits} and the real file size before anything is allocated from them.
 *
 * <p>Depends on nothing but the JDK (no Spring, no Jackson): the small header JSON is handled by a
 * package-private strict parser, so the codec can be used from tests, tools and benchmarks alone.
 */
package io.seqcast.nn.weights;
