package io.seqcast.nn.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The writer's exact layout, determinism and argument checks; and TensorData's own checks. */
class SafeTensorsWriterTest {

    private static final TensorData A = new TensorData("layer.w", new int[] {2, 2}, new float[] {1, -0f, 0.5f, 3});
    private static final TensorData B = new TensorData("layer.b", new int[] {2}, new float[] {Float.MIN_VALUE, -7});

    @Test
    void exactLayoutInGivenOrderWithMetadataLastAndSpacePadding() {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("z", "1");
        meta.put("a", "\u00e9\"");
        byte[] bytes = SafeTensors.write(List.of(B, A), meta);
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = buf.getLong();
        assertThat((8 + n) % 8).isZero();
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        String json = "{\"layer.b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"layer.w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[8,24]},"
                + "\"__metadata__\":{\"z\":\"1\",\"a\":\"\u00e9\\\"\"}}";
        assertThat(header.strip()).isEqualTo(json);
        assertThat(header.substring(json.length())).matches(" {0,7}");
        assertThat(bytes.length).isEqualTo(8 + n + 24);
        buf.position((int) (8 + n));
        assertThat(Float.floatToRawIntBits(buf.getFloat())).isEqualTo(Float.floatToRawIntBits(Float.MIN_VALUE));
        buf.position((int) (8 + n + 12));
        assertThat(Float.floatToRawIntBits(buf.getFloat())).isEqualTo(Float.floatToRawIntBits(-0f));

        SafeTensorsFile back = SafeTensors.read(bytes, "mem");
        assertThat(back.tensors().keySet()).containsExactly("layer.b", "layer.w");
        assertThat(back.metadata()).containsExactlyEntriesOf(meta);
        assertThat(back.require("layer.w")).isEqualTo(A);
        assertThat(back.require("layer.b")).isEqualTo(B);
    }

    @Test
    void deterministicAndWithoutMetadataWhenNullOrEmpty() {
        assertThat(SafeTensors.write(List.of(A, B), null)).isEqualTo(SafeTensors.write(List.of(A, B), Map.of()));
        assertThat(new String(SafeTensors.write(List.of(), null), StandardCharsets.UTF_8)).endsWith("{}      ");
        assertThat(SafeTensors.read(SafeTensors.write(List.of(), null), "empty").tensors()).isEmpty();
    }

    @Test
    void scalarsAndEmptyTensorsRoundTrip() {
        TensorData scalar = new TensorData("s", new int[0], new float[] {42});
        TensorData empty = new TensorData("e", new int[] {0, 5}, new float[0]);
        SafeTensorsFile back = SafeTensors.read(SafeTensors.write(
                List.of(empty, scalar, new TensorData("e2", new int[] {3, 0}, new float[0])), null), "mem");
        assertThat(back.require("s")).isEqualTo(scalar);
        assertThat(back.require("e")).isEqualTo(empty);
        assertThat(back.require("e2").shape()).containsExactly(3, 0);
    }

    @Test
    void rejectsWhatTheReaderWouldRefuse() {
        assertThatThrownBy(() -> SafeTensors.write(List.of(A, A), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate tensor name 'layer.w'");
        assertThatThrownBy(() -> SafeTensors.write(List.of(new TensorData("__metadata__", new int[0], new float[1])), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> SafeTensors.write(List.of(new TensorData("n", new int[] {2}, new float[] {0, Float.NaN})), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tensor 'n'").hasMessageContaining("flat index 1");
        assertThatThrownBy(() -> SafeTensors.write(List.of(new TensorData("bad\uD800", new int[0], new float[1])), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unpaired surrogate");
    }

    @Test
    void tensorDataValidatesAndProtectsItsShape() {
        assertThatThrownBy(() -> new TensorData("w", new int[] {2, 3}, new float[5]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tensor 'w'").hasMessageContaining("[2, 3] has 6 elements but 5 values");
        assertThatThrownBy(() -> new TensorData("w", new int[] {-1}, new float[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative dimension");
        assertThatThrownBy(() -> new TensorData("w", new int[] {65536, 65536, 65536}, new float[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("values were given");
        int[] shape = {2};
        TensorData t = new TensorData("w", shape, new float[2]);
        shape[0] = 9;
        t.shape()[0] = 9;
        assertThat(t.shape()).containsExactly(2);
        assertThat(t.toString()).isEqualTo("TensorData[w [2]]");
        assertThat(new TensorData("w", new int[] {1}, new float[] {0f}))
                .isNotEqualTo(new TensorData("w", new int[] {1}, new float[] {-0f}));
    }

    @Test
    void limitsValidateTheirBounds() {
        assertThatThrownBy(() -> new Limits(0, 1, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Limits(1, -1, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Limits(1, 1, Limits.MAX_TOTAL_BYTES + 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
