package io.seqcast.nn.weights;

import static io.seqcast.nn.weights.BadFiles.entry;
import static io.seqcast.nn.weights.BadFiles.file;
import static io.seqcast.nn.weights.BadFiles.u16;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** F16 and BF16 data is widened to float exactly; their infinities and NaNs are rejected. */
class SafeTensorsHalfPrecisionTest {

    private static final String SOURCE = "half.safetensors";

    private static float[] readOne(String dtype, int... halves) {
        byte[] bytes = file("{" + entry("w", dtype, "[" + halves.length + "]", 0, 2L * halves.length) + "}",
                u16(halves));
        return SafeTensors.read(bytes, SOURCE).require("w").values();
    }

    private static void assertBits(float[] actual, float... expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(Float.floatToRawIntBits(actual[i])).as("index %d: %s vs %s", i, actual[i], expected[i])
                    .isEqualTo(Float.floatToRawIntBits(expected[i]));
        }
    }

    @Test
    void f16SpecialAndBoundaryValues() {
        float[] v = readOne("F16",
                0x0000, 0x8000,          // +0, -0
                0x0001, 0x8001,          // smallest subnormal, 2^-24, and its negative
                0x03FF,                  // largest subnormal, 1023 * 2^-24
                0x0400,                  // smallest normal, 2^-14
                0x3C00, 0xC000, 0x3555,  // 1, -2, 0.333251953125
                0x7BFF, 0xFBFF);         // +-65504, the largest finite
        assertBits(v, 0.0f, -0.0f, 0x1p-24f, -0x1p-24f, 1023 * 0x1p-24f, 0x1p-14f,
                1.0f, -2.0f, 0.333251953125f, 65504f, -65504f);
    }

    @Test
    void everyFiniteF16WidensExactly() {
        for (int bits = 0; bits < 0x10000; bits++) {
            int exponent = (bits >>> 10) & 0x1F;
            if (exponent == 0x1F) {
                continue;
            }
            int mantissa = bits & 0x3FF;
            // Independent formula in double: subnormals m * 2^-24, normals (1024 + m) * 2^(e - 25).
            double magnitude = exponent == 0 ? Math.scalb((double) mantissa, -24)
                    : Math.scalb((double) (1024 + mantissa), exponent - 25);
            float expected = (float) ((bits & 0x8000) != 0 ? -magnitude : magnitude);
            assertThat(Float.floatToRawIntBits(DType.halfToFloat((short) bits)))
                    .as("half 0x%04x", bits).isEqualTo(Float.floatToRawIntBits(expected));
        }
    }

    @Test
    void bf16SpecialAndBoundaryValues() {
        float[] v = readOne("BF16",
                0x0000, 0x8000,          // +0, -0
                0x0001,                  // smallest subnormal, 2^-133
                0x0080,                  // smallest normal, 2^-126
                0x3F80, 0xC049,          // 1, -3.140625
                0x7F7F, 0xFF7F);         // +-largest finite
        assertBits(v, 0.0f, -0.0f, Float.intBitsToFloat(0x00010000), Float.MIN_NORMAL,
                1.0f, -3.140625f, Float.intBitsToFloat(0x7F7F0000), Float.intBitsToFloat(0xFF7F0000));
    }

    @ParameterizedTest
    @CsvSource({
            "F16,  0x7C00, Infinity",
            "F16,  0xFC00, -Infinity",
            "F16,  0x7E00, NaN",
            "F16,  0x7C01, NaN",
            "BF16, 0x7F80, Infinity",
            "BF16, 0xFF80, -Infinity",
            "BF16, 0x7FC0, NaN",
    })
    void nonFiniteHalvesAreRejectedWithTheirIndex(String dtype, String bits, String shown) {
        int half = Integer.decode(bits);
        assertThatThrownBy(() -> readOne(dtype, 0x3C00, 0x0000, half))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining(SOURCE)
                .hasMessageContaining("tensor 'w'")
                .hasMessageContaining("flat index 2")
                .hasMessageContaining("is " + shown);
    }
}
