package io.seqcast.nn.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Strict reader and deterministic writer for the safetensors format.
 *
 * <p>Layout: an 8-byte little-endian unsigned header length {@code N}; {@code N} bytes of UTF-8
 * JSON; the data area. The JSON is an object mapping each tensor name to
 * {@code {"dtype": "F32", "shape": [rows, cols], "data_offsets": [begin, end]}} (byte offsets into
 * the data area, end exclusive), plus an optional {@code "__metadata__"} object of string values.
 *
 * <p><b>Reading</b> accepts F32, F16 and BF16 data (the halves widened to float exactly) and
 * rejects every other dtype, including F64 (narrowing would silently lose precision; convert to F32
 * when exporting). Beyond the format itself it requires: the tensors tile the data area exactly
 * (sorted by offset, each begins where the previous ends, the last ends at the end of the file; no
 * overlap, gap or trailing bytes, as PyTorch and the reference implementation write it); every
 * value is finite; tensor entries have exactly the three fields above with integer literals (no
 * {@code 4.0}); the header is strict JSON without duplicate keys, optionally padded with JSON
 * whitespace. The header length need not be a multiple of 8. Each failure is a
 * {@link WeightsFormatException}.
 *
 * <p><b>Writing</b> emits F32 only, tensors in the given order both in the header and in the data
 * area, {@code __metadata__} last (as the PyTorch fixture generator does, so re-writing a fixture
 * reproduces it byte for byte), compact JSON padded with spaces to a multiple of 8 bytes. The same
 * input always gives the same bytes.
 */
public final class SafeTensors {

    private static final String METADATA_KEY = "__metadata__";
    /** A valid header nests 3 deep (object, entry, array); a little slack gives type errors instead. */
    private static final int HEADER_MAX_DEPTH = 8;
    private static final int LENGTH_PREFIX = 8;

    private SafeTensors() {
    }

    // ------------------------------------------------------------------------------------------
    // Reading

    /** Reads a file with {@link Limits#DEFAULT}; the path is the source name in messages. */
    public static SafeTensorsFile read(Path file) {
        return read(file, Limits.DEFAULT);
    }

    /** Reads a file; the path is the source name in messages. */
    public static SafeTensorsFile read(Path file, Limits limits) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(limits, "limits");
        String source = file.toString();
        byte[] bytes;
        try {
            // The size comes from the file system, not from the file's contents: safe to allocate once checked.
            long size = Files.size(file);
            if (size > limits.maxTotalBytes()) {
                throw new WeightsFormatException(source, null,
                        "file is " + size + " bytes, more than the limit of " + limits.maxTotalBytes() + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new WeightsFormatException(source, null, "cannot read the file: " + e, e);
        }
        return read(bytes, source, limits);
    }

    /** Reads a whole file held in memory with {@link Limits#DEFAULT}. */
    public static SafeTensorsFile read(byte[] bytes, String sourceName) {
        return read(bytes, sourceName, Limits.DEFAULT);
    }

    /** Reads a whole file held in memory; {@code sourceName} names it in error messages. */
    public static SafeTensorsFile read(byte[] bytes, String sourceName, Limits limits) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(limits, "limits");
        if (bytes.length > limits.maxTotalBytes()) {
            throw new WeightsFormatException(sourceName, null, "file is " + bytes.length
                    + " bytes, more than the limit of " + limits.maxTotalBytes() + " bytes");
        }
        if (bytes.length < LENGTH_PREFIX) {
            throw new WeightsFormatException(sourceName, null, "file is only " + bytes.length
                    + " bytes; a safetensors file starts with an 8-byte header length");
        }
        long headerLength = ByteBuffer.wrap(bytes, 0, LENGTH_PREFIX).order(ByteOrder.LITTLE_ENDIAN).getLong();
        checkHeaderLength(headerLength, bytes.length - LENGTH_PREFIX, sourceName, limits);
        return decode((int) headerLength, bytes, LENGTH_PREFIX, sourceName, limits);
    }

    /**
     * Reads a safetensors stream to its end (the stream is not closed). Memory grows with the bytes
     * actually present, never with sizes claimed by the header, and stops at
     * {@link Limits#maxTotalBytes()}.
     */
    public static SafeTensorsFile read(InputStream in, String sourceName, Limits limits) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(limits, "limits");
        try {
            byte[] prefix = in.readNBytes(LENGTH_PREFIX);
            if (prefix.length < LENGTH_PREFIX) {
                throw new WeightsFormatException(sourceName, null, "stream holds only " + prefix.length
                        + " bytes; a safetensors file starts with an 8-byte header length");
            }
            long headerLength = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getLong();
            // Check against the limit before reading on; the real size is only known at the end.
            checkHeaderLength(headerLength, Long.MAX_VALUE, sourceName, limits);
            // readNBytes(int) reads in small chunks, so a short stream costs only what it holds.
            int maxRest = (int) (limits.maxTotalBytes() - LENGTH_PREFIX);
            byte[] rest = in.readNBytes(maxRest);
            if (rest.length == maxRest && in.read() != -1) {
                throw new WeightsFormatException(sourceName, null,
                        "stream is more than the limit of " + limits.maxTotalBytes() + " bytes");
            }
            checkHeaderLength(headerLength, rest.length, sourceName, limits);
            return decode((int) headerLength, rest, 0, sourceName, limits);
        } catch (IOException e) {
            throw new WeightsFormatException(sourceName, null, "cannot read the stream: " + e, e);
        }
    }

    /** The length prefix is an unsigned 64-bit value: a "negative" one is simply huge. */
    private static void checkHeaderLength(long headerLength, long available, String source, Limits limits) {
        String shown = Long.toUnsignedString(headerLength);
        if (headerLength == 0) {
            throw new WeightsFormatException(source, null, "header length is 0; the header must hold a JSON object");
        }
        if (headerLength < 0 || headerLength > limits.maxHeaderBytes()) {
            throw new WeightsFormatException(source, null, "header length " + shown
                    + " is more than the limit of " + limits.maxHeaderBytes() + " bytes");
        }
        if (headerLength > available) {
            throw new WeightsFormatException(source, null, "header length " + shown
                    + " runs past the end of the file: only " + available + " bytes follow the 8-byte length");
        }
    }

    /** One validated header entry. */
    private record Entry(String name, DType dtype, int[] shape, int elements, long begin, long end) {
        String offsets() {
            return "data_offsets [" + begin + ", " + end + "]";
        }
    }

    /** Decodes header and data; {@code bytes[start..]} holds the header followed by the data area. */
    private static SafeTensorsFile decode(int headerLength, byte[] bytes, int start, String source, Limits limits) {
        String headerText;
        try {
            headerText = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, headerLength))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new WeightsFormatException(source, null, "header is not valid UTF-8: " + e.getMessage(), e);
        }
        Object root;
        try {
            root = Json.parse(headerText, HEADER_MAX_DEPTH);
        } catch (Json.SyntaxException e) {
            throw new WeightsFormatException(source, null, "malformed header JSON: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> rootMap)) {
            throw new WeightsFormatException(source, null,
                    "header must be a JSON object, found a JSON " + Json.typeName(root));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> header = (Map<String, Object>) rootMap;

        int tensorCount = header.size() - (header.containsKey(METADATA_KEY) ? 1 : 0);
        if (tensorCount > limits.maxTensors()) {
            throw new WeightsFormatException(source, null, "header declares " + tensorCount
                    + " tensors, more than the limit of " + limits.maxTensors());
        }
        Map<String, String> metadata = metadata(header.get(METADATA_KEY), source);

        int dataStart = start + headerLength;
        long dataLength = bytes.length - (long) dataStart;
        List<Entry> entries = new ArrayList<>(tensorCount);
        for (Map.Entry<String, Object> e : header.entrySet()) {
            if (!e.getKey().equals(METADATA_KEY)) {
                entries.add(entry(e.getKey(), e.getValue(), dataLength, source));
            }
        }
        checkTiling(entries, dataLength, source);

        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (Entry e : entries) {
            float[] values = e.dtype.decode(bytes, dataStart + (int) e.begin, e.elements);
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    throw new WeightsFormatException(source, e.name, "value at flat index " + i + " of shape "
                            + Arrays.toString(e.shape) + " is " + values[i] + "; non-finite weights are rejected");
                }
            }
            tensors.put(e.name, new TensorData(e.name, e.shape, values));
        }
        return new SafeTensorsFile(source, tensors, metadata);
    }

    private static Map<String, String> metadata(Object value, String source) {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (value == null) {
            return metadata;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new WeightsFormatException(source, null,
                    METADATA_KEY + " must be a JSON object, found a JSON " + Json.typeName(value));
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new WeightsFormatException(source, null, METADATA_KEY + " value of \"" + e.getKey()
                        + "\" must be a string, found a JSON " + Json.typeName(e.getValue()));
            }
            metadata.put((String) e.getKey(), s);
        }
        return metadata;
    }

    private static Entry entry(String name, Object value, long dataLength, String source) {
        if (!(value instanceof Map<?, ?> fields)) {
            throw new WeightsFormatException(source, name,
                    "entry must be a JSON object, found a JSON " + Json.typeName(value));
        }
        for (Object key : fields.keySet()) {
            if (!key.equals("dtype") && !key.equals("shape") && !key.equals("data_offsets")) {
                throw new WeightsFormatException(source, name, "unexpected field \"" + key
                        + "\"; an entry has exactly dtype, shape and data_offsets");
            }
        }
        Object dtypeValue = require(fields, "dtype", name, source);
        if (!(dtypeValue instanceof String dtypeName)) {
            throw new WeightsFormatException(source, name,
                    "dtype must be a string, found a JSON " + Json.typeName(dtypeValue));
        }
        DType dtype = DType.forName(dtypeName, name, source);

        Object shapeValue = require(fields, "shape", name, source);
        if (!(shapeValue instanceof List<?> dims)) {
            throw new WeightsFormatException(source, name,
                    "shape must be an array, found a JSON " + Json.typeName(shapeValue));
        }
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            long d = integer(dims.get(i), "shape[" + i + "]", name, source);
            if (d > Integer.MAX_VALUE) {
                throw new WeightsFormatException(source, name, "shape[" + i + "] = " + d + " is too large");
            }
            shape[i] = (int) d;
        }

        Object offsetsValue = require(fields, "data_offsets", name, source);
        if (!(offsetsValue instanceof List<?> offsets) || offsets.size() != 2) {
            throw new WeightsFormatException(source, name,
                    "data_offsets must be an array of two integers [begin, end], found " + Json.write(offsetsValue));
        }
        long begin = integer(offsets.get(0), "data_offsets[0]", name, source);
        long end = integer(offsets.get(1), "data_offsets[1]", name, source);
        if (begin > end) {
            throw new WeightsFormatException(source, name,
                    "data_offsets [" + begin + ", " + end + "] end before they begin");
        }
        if (end > dataLength) {
            throw new WeightsFormatException(source, name, "data_offsets [" + begin + ", " + end
                    + "] lie outside the data area, which is " + dataLength + " bytes");
        }

        // Exact arithmetic: a forged shape must not wrap around to a small, matching product.
        long byteLength = end - begin;
        long elements = 1;
        long needed;
        try {
            for (int d : shape) {
                elements = Math.multiplyExact(elements, d);
            }
            needed = Math.multiplyExact(elements, (long) dtype.size);
        } catch (ArithmeticException overflow) {
            needed = -1;
        }
        if (needed != byteLength) {
            throw new WeightsFormatException(source, name, "data_offsets [" + begin + ", " + end + "] span "
                    + byteLength + " bytes but shape " + Arrays.toString(shape) + " of " + dtype + " needs "
                    + (needed < 0 ? "more than 2^63" : needed) + " bytes ("
                    + (needed < 0 ? "overflowing" : elements) + " elements x " + dtype.size + " bytes)");
        }
        // elements <= byteLength <= dataLength < 2^31, so the int cast is exact.
        return new Entry(name, dtype, shape, (int) elements, begin, end);
    }

    private static Object require(Map<?, ?> fields, String field, String name, String source) {
        Object v = fields.get(field);
        if (v == null) {
            throw new WeightsFormatException(source, name, "missing \"" + field + "\"");
        }
        return v;
    }

    /** A non-negative integer literal that fits a long; {@code what} names it in messages. */
    private static long integer(Object value, String what, String name, String source) {
        if (!(value instanceof Json.JsonNumber n) || !n.isIntegerLiteral()) {
            throw new WeightsFormatException(source, name, what + " must be a non-negative integer, found "
                    + (value instanceof Json.JsonNumber ? value : "a JSON " + Json.typeName(value)));
        }
        long v;
        try {
            v = Long.parseLong(n.text());
        } catch (NumberFormatException e) {
            throw new WeightsFormatException(source, name, what + " = " + n + " is too large");
        }
        if (v < 0) {
            throw new WeightsFormatException(source, name, what + " must be a non-negative integer, found " + v);
        }
        return v;
    }

    /**
     * The tensors must tile the data area: sorted by offset, each begins exactly where the previous
     * one ends and the last ends at the end of the file. Uncovered bytes are not harmless: they mean
     * the header and the data disagree (a truncated header, a file concatenated onto another).
     */
    private static void checkTiling(List<Entry> entries, long dataLength, String source) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long cursor = 0;
        Entry previous = null;
        for (Entry e : sorted) {
            if (e.begin < cursor) {
                throw new WeightsFormatException(source, e.name, e.offsets() + " overlap tensor '"
                        + previous.name + "' at " + previous.offsets());
            }
            if (e.begin > cursor) {
                throw new WeightsFormatException(source, e.name, "gap: data area bytes [" + cursor + ", "
                        + e.begin + ") before its " + e.offsets() + " belong to no tensor"
                        + (previous == null ? "" : " (previous tensor '" + previous.name + "' ends at " + cursor + ")"));
            }
            cursor = e.end;
            previous = e;
        }
        if (cursor != dataLength) {
            throw new WeightsFormatException(source, null, (dataLength - cursor)
                    + " trailing bytes: the data area is " + dataLength + " bytes but the tensors cover only "
                    + cursor + (previous == null ? "" : " (last tensor '" + previous.name + "' ends at " + cursor + ")"));
        }
    }

    // ------------------------------------------------------------------------------------------
    // Writing

    /**
     * Encodes tensors as F32 safetensors bytes.
     *
     * @param tensors written in this order, both in the header and in the data area
     * @param metadata the {@code __metadata__} map, written in its iteration order; {@code null} or
     *     empty writes none
     * @throws IllegalArgumentException for duplicate names, the reserved name {@code __metadata__},
     *     a non-finite value (the reader would reject the file), a string with an unpaired surrogate,
     *     or a result over {@link Limits#MAX_TOTAL_BYTES}
     */
    public static byte[] write(List<TensorData> tensors, Map<String, String> metadata) {
        Objects.requireNonNull(tensors, "tensors");
        Map<String, Object> header = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        long offset = 0;
        for (TensorData t : tensors) {
            Objects.requireNonNull(t, "tensor");
            if (t.name().equals(METADATA_KEY)) {
                throw new IllegalArgumentException("'" + METADATA_KEY + "' is reserved and cannot name a tensor");
            }
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("duplicate tensor name '" + t.name() + "'");
            }
            float[] v = t.values();
            for (int i = 0; i < v.length; i++) {
                if (!Float.isFinite(v[i])) {
                    throw new IllegalArgumentException("tensor '" + t.name() + "': value at flat index " + i
                            + " is " + v[i] + "; non-finite weights cannot be written");
                }
            }
            List<Object> shape = new ArrayList<>();
            for (int d : t.shape()) {
                shape.add(d);
            }
            long end = offset + 4L * v.length;
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", DType.F32.name());
            entry.put("shape", shape);
            entry.put("data_offsets", List.of(offset, end));
            header.put(t.name(), entry);
            offset = end;
        }
        if (metadata != null && !metadata.isEmpty()) {
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                Objects.requireNonNull(e.getKey(), "metadata key");
                Objects.requireNonNull(e.getValue(), "metadata value for " + e.getKey());
            }
            header.put(METADATA_KEY, new LinkedHashMap<>(metadata));
        }
        byte[] json = utf8(Json.write(header));
        // Pad with spaces so the data area starts 8-byte aligned, as the reference writer does.
        int headerLength = (json.length + 7) & ~7;
        long total = LENGTH_PREFIX + (long) headerLength + offset;
        if (total > Limits.MAX_TOTAL_BYTES) {
            throw new IllegalArgumentException("the file would be " + total + " bytes, more than "
                    + Limits.MAX_TOTAL_BYTES);
        }
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(headerLength);
        out.put(json);
        for (int i = json.length; i < headerLength; i++) {
            out.put((byte) ' ');
        }
        for (TensorData t : tensors) {
            out.asFloatBuffer().put(t.values());
            out.position(out.position() + 4 * t.size());
        }
        return out.array();
    }

    /** Writes {@link #write(List, Map)}'s bytes to a file, replacing it if it exists. */
    public static void write(Path file, List<TensorData> tensors, Map<String, String> metadata) throws IOException {
        Files.write(file, write(tensors, metadata));
    }

    private static byte[] utf8(String s) {
        try {
            ByteBuffer b = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
            return Arrays.copyOf(b.array(), b.limit());
        } catch (CharacterCodingException e) {
            // Json.write already rejects unpaired surrogates, the only unencodable strings.
            throw new IllegalArgumentException("header is not encodable as UTF-8", e);
        }
    }
}
