package io.seqcast.nn.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Set;

/** The element types the reader decodes, all to {@code float} without rounding. */
enum DType {
    F32(4),
    F16(2),
    BF16(2);

    /**
     * The other safetensors dtypes: recognised so the message says "unsupported" rather than
     * "unknown". F64 is here too: narrowing it would silently change the weights.
     */
    private static final Set<String> UNSUPPORTED = Set.of(
            "F64", "BOOL", "U8", "I8", "U16", "I16", "U32", "I32", "U64", "I64",
            "F8_E4M3", "F8_E5M2", "F8_E8M0", "F6_E2M3", "F6_E3M2", "F4", "C64");

    final int size;

    DType(int size) {
        this.size = size;
    }

    static DType forName(String name, String tensor, String source) {
        switch (name) {
            case "F32":
                return F32;
            case "F16":
                return F16;
            case "BF16":
                return BF16;
            default:
                String kind = UNSUPPORTED.contains(name) ? "unsupported" : "unknown";
                throw new WeightsFormatException(source, tensor, kind + " dtype \"" + name
                        + "\"; only F32, F16 and BF16 can be read (convert the weights to F32)");
        }
    }

    /** Decodes {@code count} little-endian elements starting at {@code offset}. */
    float[] decode(byte[] bytes, int offset, int count) {
        ByteBuffer b = ByteBuffer.wrap(bytes, offset, count * size).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[count];
        switch (this) {
            case F32 -> b.asFloatBuffer().get(out);
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = halfToFloat(b.getShort());
                }
            }
            case BF16 -> {
                for (int i = 0; i < count; i++) {
                    // bfloat16 is the upper half of a float32: widening is a shift.
                    out[i] = Float.intBitsToFloat((b.getShort() & 0xFFFF) << 16);
                }
            }
            default -> throw new AssertionError(this);
        }
        return out;
    }

    /**
     * IEEE 754 binary16 to float, exactly (every half is a float). Written out because
     * {@code Float.float16ToFloat} only arrived in Java 20 and we build for 17.
     */
    static float halfToFloat(short half) {
        int bits = half & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0) {
            // Zero or subnormal: mantissa * 2^-24. Both factors and the product are exact floats.
            float magnitude = mantissa * 0x1p-24f;
            return sign != 0 ? -magnitude : magnitude;
        }
        if (exponent == 0x1F) {
            // Infinity or NaN (payload kept); the reader rejects both afterwards.
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
    }
}
