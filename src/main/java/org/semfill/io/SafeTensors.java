package org.semfill.io;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.semfill.internal.AtomicFiles;
import org.semfill.internal.ReadableFiles;
import org.semfill.internal.UserError;

/**
 * Reads and writes the safetensors format (Hugging Face), so semfill's model files open in other tools.
 *
 * <pre>
 * [8 bytes]  N, the header length, unsigned 64-bit little-endian
 * [N bytes]  a UTF-8 JSON object: {"__metadata__": {"key": "value", ...},            (optional)
 *                                  "name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]}, ...}
 *            padded with spaces so that the data starts at a multiple of 8
 * [rest]     the data: each array's values little-endian and row-major, at its offsets relative to the
 *            byte after the header
 * </pre>
 * The writer puts the arrays in the map's iteration order, contiguously from offset 0. The reader checks
 * everything the reference implementation checks and names the file in every error: header length against
 * the file (and at most 100 MB), well-formed JSON, known dtype, byte length = product of the shape * dtype size,
 * and offsets that cover the data exactly (no gap, no overlap, nothing missing, nothing left over).
 */
public final class SafeTensors {
    private SafeTensors() {}

    /** Name of the optional string-to-string metadata entry. */
    public static final String METADATA_KEY = "__metadata__";
    /** The reference implementation refuses headers above this size, and so do we. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;
    /** Every dtype name of the format, to tell an unsupported type from a damaged header. */
    private static final Set<String> KNOWN_DTYPES = Set.of("BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16",
            "F16", "BF16", "I32", "U32", "F32", "F64", "I64", "U64");

    /** What a file holds: arrays in header order, the metadata, and where it came from (for messages). */
    public record Contents(Path file, LinkedHashMap<String, TypedArray> tensors, Map<String, String> metadata) {
        /** The array called {@code name}; a {@link UserError} naming the file if it is not there. */
        public TypedArray require(String name) {
            TypedArray a = tensors.get(name);
            if (a == null) throw new UserError(file + " has no tensor named '" + name + "'; is it a semfill model file?");
            return a;
        }
    }

    /**
     * Writes arrays and metadata (may be empty or null) atomically. A failure to write is a {@link UserError}
     * naming the file.
     */
    public static void write(Path file, Map<String, TypedArray> tensors, Map<String, String> metadata) {
        JsonObject header = new JsonObject();
        if (metadata != null && !metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach(meta::addProperty);
            header.add(METADATA_KEY, meta);
        }
        long offset = 0;
        for (Map.Entry<String, TypedArray> e : tensors.entrySet()) {
            if (e.getKey().equals(METADATA_KEY))
                throw new IllegalArgumentException("'" + METADATA_KEY + "' is reserved, not a tensor name");
            TypedArray a = e.getValue();
            JsonObject info = new JsonObject();
            info.addProperty("dtype", a.dtype().name());
            JsonArray shape = new JsonArray();
            for (int d : a.shape()) shape.add(d);
            info.add("shape", shape);
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offsets.add(offset + a.byteSize());
            info.add("data_offsets", offsets);
            header.add(e.getKey(), info);
            offset += a.byteSize();
        }
        byte[] json = new GsonBuilder().disableHtmlEscaping().create().toJson(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] headerBytes = Arrays.copyOf(json, padded);
        Arrays.fill(headerBytes, json.length, padded, (byte) ' ');
        try {
            AtomicFiles.write(file, out -> {
                out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
                out.write(headerBytes);
                for (TypedArray a : tensors.values()) writeData(out, a);
            });
        } catch (IOException e) {
            throw new UserError("cannot write " + file + ": " + ReadableFiles.reason(e), e);
        }
    }

    private static void writeData(OutputStream out, TypedArray a) throws IOException {
        final int chunk = 8192;
        ByteBuffer buf = ByteBuffer.allocate(chunk * 8).order(ByteOrder.LITTLE_ENDIAN);
        int n = a.numel();
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
            buf.clear();
            if (a.dtype() == TypedArray.DType.F32) buf.asFloatBuffer().put(a.floats(), from, to - from);
            else buf.asLongBuffer().put(a.longs(), from, to - from);
            out.write(buf.array(), 0, (to - from) * a.dtype().bytes);
        }
    }

    /** Reads and validates a whole file; any problem is a {@link UserError} naming the file. */
    public static Contents read(Path file) {
        byte[] bytes;
        ReadableFiles.require(file, "model file"); // a FIFO would hang the read
        try {
            long size = Files.size(file);
            if (size > Integer.MAX_VALUE - 16) throw bad(file, "is " + size + " bytes, too large to load");
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserError("no such model file: " + file);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + ReadableFiles.reason(e), e);
        }
        if (bytes.length < 8) throw bad(file, "is only " + bytes.length + " bytes, shorter than the 8-byte header length");
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (looksLikeText(bytes))
            throw new UserError(file + " is not a safetensors model file (it starts with text, not a header length); "
                    + "give a generator .safetensors file or a run directory");
        if (n < 0 || n > MAX_HEADER_BYTES)
            throw bad(file, "declares a header of " + Long.toUnsignedString(n) + " bytes, more than the "
                    + MAX_HEADER_BYTES + " allowed");
        if (n > bytes.length - 8)
            throw bad(file, "declares a header of " + n + " bytes but the file has only " + (bytes.length - 8)
                    + " bytes after the length");
        String json = decodeUtf8(file, bytes, (int) n);
        LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        parseHeader(file, json, entries, metadata);

        int dataStart = 8 + (int) n;
        long dataLength = bytes.length - dataStart;
        checkLayout(file, entries, dataLength);
        LinkedHashMap<String, TypedArray> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            Entry en = e.getValue();
            ByteBuffer data = ByteBuffer.wrap(bytes, dataStart + (int) en.begin, (int) (en.end - en.begin))
                    .slice().order(ByteOrder.LITTLE_ENDIAN);
            int numel = (int) TypedArray.numel(en.shape);
            if (en.dtype == TypedArray.DType.F32) {
                float[] v = new float[numel];
                data.asFloatBuffer().get(v);
                tensors.put(e.getKey(), TypedArray.f32(v, en.shape));
            } else {
                long[] v = new long[numel];
                data.asLongBuffer().get(v);
                tensors.put(e.getKey(), TypedArray.i64(v, en.shape));
            }
        }
        return new Contents(file, tensors, metadata);
    }

    /**
     * A safetensors file starts with a little-endian length below 100 MB, so its bytes 4..7 are zero; a text file's
     * first eight bytes are all printable (or whitespace).
     */
    private static boolean looksLikeText(byte[] bytes) {
        for (int i = 0; i < 8; i++) {
            int b = bytes[i] & 0xFF;
            if (!(b >= 0x20 && b < 0x7F) && b != '\n' && b != '\r' && b != '\t') return false;
        }
        return true;
    }

    /** One header entry before its data is read. */
    private record Entry(String name, TypedArray.DType dtype, int[] shape, long begin, long end) {}

    private static String decodeUtf8(Path file, byte[] bytes, int n) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 8, n)).toString();
        } catch (CharacterCodingException e) {
            throw bad(file, "has a header that is not UTF-8 text");
        }
    }

    private static void parseHeader(Path file, String json, Map<String, Entry> entries, Map<String, String> metadata) {
        if (!json.startsWith("{")) throw bad(file, "has a header that is not a JSON object");
        try (JsonReader r = new JsonReader(new StringReader(json))) {
            r.setStrictness(Strictness.STRICT);
            r.beginObject();
            Set<String> seen = new java.util.HashSet<>();
            while (r.hasNext()) {
                String name = r.nextName();
                if (!seen.add(name)) throw bad(file, "names '" + name + "' twice in its header");
                if (name.equals(METADATA_KEY)) readMetadata(file, r, metadata);
                else entries.put(name, readEntry(file, r, name));
            }
            r.endObject();
            if (r.peek() != JsonToken.END_DOCUMENT) throw bad(file, "has text after the JSON header");
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            // Gson's messages carry exception names and advice about lenient parsing: keep only where it happened.
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("column (\\d+)").matcher(String.valueOf(e.getMessage()));
            throw bad(file, "has a header that is not valid safetensors JSON" + (m.find() ? " (at character " + m.group(1) + ")" : ""));
        }
    }

    private static void readMetadata(Path file, JsonReader r, Map<String, String> metadata) throws IOException {
        r.beginObject();
        while (r.hasNext()) {
            String key = r.nextName();
            if (r.peek() != JsonToken.STRING) throw bad(file, "has metadata '" + key + "' that is not a string");
            metadata.put(key, r.nextString());
        }
        r.endObject();
    }

    private static Entry readEntry(Path file, JsonReader r, String name) throws IOException {
        String dtype = null;
        long[] shape = null, offsets = null;
        r.beginObject();
        while (r.hasNext()) {
            switch (r.nextName()) {
                case "dtype" -> {
                    if (r.peek() != JsonToken.STRING) throw bad(file, "gives tensor '" + name + "' a dtype that is not a string");
                    dtype = r.nextString();
                }
                case "shape" -> shape = readCounts(file, r, name, "shape");
                case "data_offsets" -> offsets = readCounts(file, r, name, "data_offsets");
                default -> r.skipValue(); // unknown fields are ignored, as the reference implementation does
            }
        }
        r.endObject();
        if (dtype == null || shape == null || offsets == null)
            throw bad(file, "lacks dtype, shape or data_offsets for tensor '" + name + "'");
        if (!KNOWN_DTYPES.contains(dtype)) throw bad(file, "gives tensor '" + name + "' the unknown dtype '" + dtype + "'");
        TypedArray.DType type;
        try {
            type = TypedArray.DType.valueOf(dtype);
        } catch (IllegalArgumentException e) {
            throw new UserError("model file " + file + " stores tensor '" + name + "' as " + dtype + ", a valid type that semfill does not read: "
                    + "it reads F32 (and I64 counters); save the model as float32 (in PyTorch: model.float() before save_file)");
        }
        if (offsets.length != 2) throw bad(file, "gives tensor '" + name + "' " + offsets.length + " data_offsets, not 2");
        int[] dims = new int[shape.length];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] > Integer.MAX_VALUE) throw bad(file, "gives tensor '" + name + "' a dimension too large to load");
            dims[i] = (int) shape[i];
            numel *= shape[i];
            if (numel > Integer.MAX_VALUE) throw bad(file, "gives tensor '" + name + "' a shape too large to load");
        }
        long begin = offsets[0], end = offsets[1];
        if (end < begin) throw bad(file, "gives tensor '" + name + "' data_offsets that end before they begin");
        if (numel * type.bytes != end - begin)
            throw bad(file, "gives tensor '" + name + "' shape " + Arrays.toString(shape) + " of " + dtype + " ("
                    + numel * type.bytes + " bytes) but data_offsets spanning " + (end - begin) + " bytes");
        return new Entry(name, type, dims, begin, end);
    }

    /** An array of non-negative integers (shape or offsets). */
    private static long[] readCounts(Path file, JsonReader r, String name, String field) throws IOException {
        List<Long> values = new ArrayList<>();
        r.beginArray();
        while (r.hasNext()) {
            if (r.peek() != JsonToken.NUMBER) throw bad(file, "has a non-number in the " + field + " of '" + name + "'");
            long v = r.nextLong();
            if (v < 0) throw bad(file, "has a negative number in the " + field + " of '" + name + "'");
            values.add(v);
        }
        r.endArray();
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    /** The data must be covered exactly: sorted by offset, each array starts where the previous one ended. */
    private static void checkLayout(Path file, Map<String, Entry> entries, long dataLength) {
        List<Entry> sorted = new ArrayList<>(entries.values());
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long needed = 0;
        for (Entry e : sorted) needed = Math.max(needed, e.end);
        if (needed > dataLength)
            throw bad(file, "is truncated: its tensors need " + needed + " bytes of data but only " + dataLength
                    + " follow the header");
        long expected = 0;
        for (Entry e : sorted) {
            if (e.begin > expected)
                throw bad(file, "leaves a gap of " + (e.begin - expected) + " bytes before tensor '" + e.name + "'");
            if (e.begin < expected)
                throw bad(file, "has tensor '" + e.name + "' overlapping the data of another tensor");
            expected = e.end;
        }
        if (expected != dataLength)
            throw bad(file, "has " + (dataLength - expected) + " bytes after the last tensor's data");
    }

    private static UserError bad(Path file, String problem) {
        return new UserError("model file " + file + " " + problem + "; it is damaged or not a safetensors file");
    }
}
