package io.seqcast.nn.weights;

import static io.seqcast.nn.weights.BadFiles.entry;
import static io.seqcast.nn.weights.BadFiles.f32;
import static io.seqcast.nn.weights.BadFiles.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every malformed file fails with a WeightsFormatException naming the file, the tensor and the numbers. */
class SafeTensorsMalformedTest {

    private static final String SOURCE = "bad.safetensors";

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(byte[] bytes, Limits limits,
                                                                               String... fragments) {
        AbstractThrowableAssert<?, ? extends Throwable> a =
                assertThatThrownBy(() -> SafeTensors.read(bytes, SOURCE, limits))
                        .isInstanceOf(WeightsFormatException.class)
                        .hasMessageStartingWith(SOURCE + ": ");
        for (String f : fragments) {
            a.hasMessageContaining(f);
        }
        return a;
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(byte[] bytes, String... fragments) {
        return assertRejected(bytes, Limits.DEFAULT, fragments);
    }

    private static String header(String... entries) {
        return "{" + String.join(",", entries) + "}";
    }

    @Test
    void wellFormedHandBuiltFileReads() {
        byte[] bytes = file(header(entry("a", "F32", "[2]", 0, 8), entry("s", "F32", "[]", 8, 12),
                entry("e", "F32", "[0,3]", 12, 12)) + " \t\n\r", f32(1, 2, 3));
        SafeTensorsFile f = SafeTensors.read(bytes, SOURCE);
        assertThat(f.require("a").values()).containsExactly(1f, 2f);
        assertThat(f.require("s").shape()).isEmpty();
        assertThat(f.require("s").values()).containsExactly(3f);
        assertThat(f.require("e").size()).isZero();
        assertThat(f.metadata()).isEmpty();
        assertThat(SafeTensors.read(file("{}", new byte[0]), SOURCE).tensors()).isEmpty();
    }

    // ---- the 8-byte length prefix

    @Test
    void fileShorterThanTheLengthPrefix() {
        assertRejected(new byte[5], "only 5 bytes", "8-byte header length");
        assertThatThrownBy(() -> SafeTensors.read(new ByteArrayInputStream(new byte[3]), SOURCE, Limits.DEFAULT))
                .isInstanceOf(WeightsFormatException.class).hasMessageContaining(SOURCE).hasMessageContaining("only 3 bytes");
    }

    @Test
    void headerLengthZero() {
        assertRejected(file(0, new byte[0], new byte[8]), "header length is 0");
    }

    @Test
    void headerLengthPastTheEndOfTheFile() {
        assertRejected(file(100, "{}".getBytes(StandardCharsets.US_ASCII), new byte[18]),
                "header length 100 runs past the end", "only 20 bytes");
    }

    @ParameterizedTest
    @ValueSource(longs = {0x7FFF_FFFF_FFFF_FFF8L, -1L, 1L << 40})
    void hugeHeaderLengthIsRejectedBeforeAllocating(long declared) {
        String shown = Long.toUnsignedString(declared);
        byte[] bytes = file(declared, "{}".getBytes(StandardCharsets.US_ASCII), new byte[0]);
        assertRejected(bytes, "header length " + shown, "more than the limit of 1048576 bytes");
        // A stream that claims a huge header but ends right away: rejected without reading on.
        InputStream endless = new InputStream() {
            private int served;

            @Override
            public int read() {
                return served < bytes.length ? bytes[served++] & 0xFF : 'x';
            }
        };
        assertThatThrownBy(() -> SafeTensors.read(endless, SOURCE, Limits.DEFAULT))
                .isInstanceOf(WeightsFormatException.class).hasMessageContaining(shown);
    }

    @Test
    void headerOverASmallLimit() {
        byte[] bytes = file(header(entry("a", "F32", "[1]", 0, 4)), f32(1));
        assertRejected(bytes, new Limits(16, 10, 1 << 20), "more than the limit of 16 bytes");
    }

    @Test
    void fileOverTheTotalLimit(@TempDir Path dir) throws Exception {
        byte[] bytes = file(header(entry("a", "F32", "[64]", 0, 256)), f32(new float[64]));
        Limits small = new Limits(1024, 10, 100);
        assertRejected(bytes, small, bytes.length + " bytes", "more than the limit of 100 bytes");
        Path p = dir.resolve("big.safetensors");
        Files.write(p, bytes);
        assertThatThrownBy(() -> SafeTensors.read(p, small)).isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("big.safetensors").hasMessageContaining("limit of 100 bytes");
        assertThatThrownBy(() -> SafeTensors.read(new ByteArrayInputStream(bytes), SOURCE, small))
                .isInstanceOf(WeightsFormatException.class).hasMessageContaining("limit of 100 bytes");
    }

    // ---- truncation of a real file

    @Test
    void truncatedFixtureNamesTheFirstTensorThatNoLongerFits(@TempDir Path dir) throws Exception {
        byte[] full = Files.readAllBytes(SafeTensorsFixtureTest.fixture("lstm_i3_h16_l2.safetensors"));
        // Header is 992 bytes; keep 7000 bytes of the 14352-byte data area.
        Path cut = dir.resolve("lstm_i3_h16_l2.safetensors");
        Files.write(cut, Arrays.copyOf(full, 8 + 992 + 7000));
        assertThatThrownBy(() -> SafeTensors.read(cut))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("lstm_i3_h16_l2.safetensors")
                .hasMessageContaining("tensor 'rnn.weight_ih_l1'")
                .hasMessageContaining("[5376, 9472]")
                .hasMessageContaining("data area, which is 7000 bytes");
    }

    @Test
    void fileCutInsideTheHeader() {
        byte[] full = SafeTensors.write(List.of(new TensorData("w", new int[] {1}, new float[] {1})), null);
        assertRejected(Arrays.copyOf(full, 20), "header length", "runs past the end", "only 12 bytes");
    }

    // ---- header syntax

    @Test
    void malformedJson() {
        assertRejected(file("{\"w\":{\"dtype\":\"F32\",}}", new byte[0]), "malformed header JSON",
                "expected a string key");
    }

    @Test
    void trailingGarbageAfterTheHeaderObject() {
        assertRejected(file(header(entry("w", "F32", "[1]", 0, 4)) + "  x", f32(1)),
                "malformed header JSON", "unexpected content after the JSON value");
        assertRejected(file(header(entry("w", "F32", "[1]", 0, 4)) + "\0\0", f32(1)), "malformed header JSON");
    }

    @Test
    void headerIsNotUtf8() {
        byte[] h = "{\"w\u00e9\":1}".getBytes(StandardCharsets.ISO_8859_1);
        assertRejected(file(h.length, h, new byte[0]), "not valid UTF-8");
    }

    @Test
    void duplicateTensorName() {
        assertRejected(file(header(entry("w", "F32", "[1]", 0, 4), entry("w", "F32", "[1]", 4, 8)), f32(1, 2)),
                "duplicate key \"w\"");
    }

    @Test
    void duplicateFieldInsideAnEntry() {
        assertRejected(file("{\"w\":{\"dtype\":\"F32\",\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,4]}}",
                f32(1)), "duplicate key \"dtype\"");
    }

    @Test
    void topLevelNotAnObject() {
        assertRejected(file("[1,2]", new byte[0]), "header must be a JSON object", "found a JSON array");
    }

    // ---- entry fields

    @Test
    void missingFields() {
        assertRejected(file("{\"w\":{\"shape\":[1],\"data_offsets\":[0,4]}}", f32(1)), "tensor 'w'", "missing \"dtype\"");
        assertRejected(file("{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", f32(1)), "tensor 'w'", "missing \"shape\"");
        assertRejected(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", f32(1)), "tensor 'w'", "missing \"data_offsets\"");
    }

    @Test
    void wrongFieldTypes() {
        assertRejected(file("{\"w\":3}", new byte[0]), "tensor 'w'", "entry must be a JSON object, found a JSON number");
        assertRejected(file("{\"w\":{\"dtype\":32,\"shape\":[1],\"data_offsets\":[0,4]}}", f32(1)),
                "tensor 'w'", "dtype must be a string, found a JSON number");
        assertRejected(file("{\"w\":{\"dtype\":\"F32\",\"shape\":\"1\",\"data_offsets\":[0,4]}}", f32(1)),
                "tensor 'w'", "shape must be an array, found a JSON string");
        assertRejected(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", f32(1)),
                "tensor 'w'", "two integers", "found [0]");
        assertRejected(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}", f32(1)),
                "tensor 'w'", "two integers", "found [0,4,8]");
        assertRejected(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[\"0\",4]}}", f32(1)),
                "tensor 'w'", "data_offsets[0] must be a non-negative integer, found a JSON string");
        assertRejected(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":1}}", f32(1)),
                "tensor 'w'", "unexpected field \"x\"");
    }

    @Test
    void badShapeDimensions() {
        assertRejected(file(header(entry("w", "F32", "[-1]", 0, 4)), f32(1)), "tensor 'w'",
                "shape[0] must be a non-negative integer, found -1");
        assertRejected(file(header(entry("w", "F32", "[1.0]", 0, 4)), f32(1)), "tensor 'w'",
                "shape[0] must be a non-negative integer, found 1.0");
        assertRejected(file(header(entry("w", "F32", "[1,1e0]", 0, 4)), f32(1)), "tensor 'w'", "shape[1]", "found 1e0");
        assertRejected(file(header(entry("w", "F32", "[true]", 0, 4)), f32(1)), "tensor 'w'", "found a JSON boolean");
        assertRejected(file(header(entry("w", "F32", "[3000000000]", 0, 4)), f32(1)), "tensor 'w'",
                "shape[0] = 3000000000 is too large");
        assertRejected(file(header(entry("w", "F32", "[99999999999999999999]", 0, 4)), f32(1)), "tensor 'w'",
                "is too large");
    }

    @Test
    void shapeProductOverflowDoesNotWrapToAMatch() {
        // 2^31-1 squared, times 4, overflows nothing yet; three such dims overflow a long.
        assertRejected(file(header(entry("w", "F32", "[2147483647,2147483647,2147483647]", 0, 4)), f32(1)),
                "tensor 'w'", "span 4 bytes", "more than 2^63");
    }

    @Test
    void unsupportedAndUnknownDtypes() {
        assertRejected(file(header(entry("ids", "I32", "[1]", 0, 4)), f32(1)), "tensor 'ids'",
                "unsupported dtype \"I32\"");
        assertRejected(file(header(entry("w64", "F64", "[1]", 0, 8)), new byte[8]), "tensor 'w64'",
                "unsupported dtype \"F64\"");
        assertRejected(file(header(entry("m", "BOOL", "[4]", 0, 4)), new byte[4]), "tensor 'm'",
                "unsupported dtype \"BOOL\"");
        assertRejected(file(header(entry("w", "f32", "[1]", 0, 4)), f32(1)), "tensor 'w'", "unknown dtype \"f32\"");
    }

    // ---- offsets against shapes and against each other

    @Test
    void byteLengthDoesNotMatchTheShape() {
        assertRejected(file(header(entry("w", "F32", "[2,3]", 0, 16)), f32(1, 2, 3, 4)),
                "tensor 'w'", "data_offsets [0, 16] span 16 bytes", "shape [2, 3] of F32 needs 24 bytes",
                "6 elements x 4 bytes");
    }

    @Test
    void offsetsOutsideTheDataArea() {
        assertRejected(file(header(entry("w", "F32", "[4]", 0, 16)), f32(1, 2)),
                "tensor 'w'", "[0, 16]", "outside the data area, which is 8 bytes");
        assertRejected(file(header(entry("w", "F32", "[0]", 9, 9)), f32(1, 2)),
                "tensor 'w'", "[9, 9]", "outside the data area, which is 8 bytes");
    }

    @Test
    void offsetsEndBeforeTheyBegin() {
        assertRejected(file(header(entry("w", "F32", "[1]", 8, 4)), f32(1, 2)), "tensor 'w'",
                "data_offsets [8, 4] end before they begin");
    }

    @Test
    void overlappingTensors() {
        assertRejected(file(header(entry("a", "F32", "[2]", 0, 8), entry("b", "F32", "[2]", 4, 12)), f32(1, 2, 3)),
                "tensor 'b'", "data_offsets [4, 12] overlap tensor 'a' at data_offsets [0, 8]");
        // Listed out of order: the check sorts by offset, so it still finds the pair.
        assertRejected(file(header(entry("late", "F32", "[1]", 4, 8), entry("wide", "F32", "[2]", 0, 8)), f32(1, 2)),
                "tensor 'late'", "overlap tensor 'wide'");
    }

    @Test
    void gapBetweenTensors() {
        assertRejected(file(header(entry("a", "F32", "[1]", 0, 4), entry("b", "F32", "[1]", 8, 12)), f32(1, 2, 3)),
                "tensor 'b'", "gap: data area bytes [4, 8)", "previous tensor 'a' ends at 4");
        assertRejected(file(header(entry("b", "F32", "[1]", 4, 8)), f32(1, 2)),
                "tensor 'b'", "gap: data area bytes [0, 4)");
    }

    @Test
    void trailingBytesAfterTheLastTensor() {
        assertRejected(file(header(entry("a", "F32", "[1]", 0, 4)), f32(1, 2)),
                "4 trailing bytes", "data area is 8 bytes but the tensors cover only 4", "last tensor 'a'");
        assertRejected(file("{}", new byte[3]), "3 trailing bytes");
    }

    // ---- counts and values

    @Test
    void tooManyTensorsUnderASmallLimit() {
        byte[] bytes = file(header(entry("a", "F32", "[1]", 0, 4), entry("b", "F32", "[1]", 4, 8),
                entry("c", "F32", "[1]", 8, 12)), f32(1, 2, 3));
        Limits two = new Limits(1024, 2, 1 << 20);
        assertRejected(bytes, two, "header declares 3 tensors, more than the limit of 2");
        // __metadata__ is not a tensor.
        byte[] withMeta = file(header(entry("a", "F32", "[1]", 0, 4), entry("b", "F32", "[1]", 4, 8),
                "\"__metadata__\":{\"k\":\"v\"}"), f32(1, 2));
        assertThat(SafeTensors.read(withMeta, SOURCE, two).tensors()).hasSize(2);
    }

    @Test
    void nanAndInfinityWeights() {
        assertRejected(file(header(entry("w", "F32", "[2,2]", 0, 16)), f32(1, 2, Float.NaN, 4)),
                "tensor 'w'", "value at flat index 2 of shape [2, 2] is NaN");
        assertRejected(file(header(entry("ok", "F32", "[1]", 0, 4), entry("w", "F32", "[3]", 4, 16)),
                f32(0, 1, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY)),
                "tensor 'w'", "flat index 1", "is -Infinity");
    }

    @Test
    void metadataMustMapStringsToStrings() {
        assertRejected(file("{\"__metadata__\":{\"hidden_size\":8}}", new byte[0]),
                "__metadata__ value of \"hidden_size\" must be a string, found a JSON number");
        assertRejected(file("{\"__metadata__\":[\"a\"]}", new byte[0]),
                "__metadata__ must be a JSON object, found a JSON array");
    }

    @Test
    void ioFailureIsReportedAsAWeightsFormatExceptionWithTheCause(@TempDir Path dir) {
        Path missing = dir.resolve("missing.safetensors");
        assertThatThrownBy(() -> SafeTensors.read(missing)).isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("missing.safetensors").hasMessageContaining("cannot read")
                .hasCauseInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void exceptionCarriesSourceAndTensor() {
        try {
            SafeTensors.read(file(header(entry("w", "I8", "[1]", 0, 1)), new byte[1]), SOURCE);
        } catch (WeightsFormatException e) {
            assertThat(e.source()).isEqualTo(SOURCE);
            assertThat(e.tensor()).isEqualTo("w");
            return;
        }
        throw new AssertionError("not rejected");
    }
}
