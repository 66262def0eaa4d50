package org.semfill.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.internal.UserError;

class SafeTensorsTest {
    @TempDir
    Path dir;

    private static LinkedHashMap<String, TypedArray> sample() {
        LinkedHashMap<String, TypedArray> t = new LinkedHashMap<>();
        t.put("main.0.weight", TypedArray.f32(new float[] {1.5f, -2f, 0f, Float.MIN_VALUE, 3e38f, -0f}, 2, 3));
        t.put("main.1.num_batches_tracked", TypedArray.scalarI64(1234567890123L));
        t.put("main.1.bias", TypedArray.f32(new float[] {0.25f}, 1));
        t.put("empty", TypedArray.f32(new float[0], 0, 4));
        return t;
    }

    @Test
    void roundTripKeepsValuesOrderAndMetadata() {
        Path file = dir.resolve("model.safetensors");
        Map<String, String> meta = Map.of("format", "pt", "semfill.config", "{\"nz\":100}");
        SafeTensors.write(file, sample(), meta);
        SafeTensors.Contents back = SafeTensors.read(file);
        assertEquals(List.copyOf(sample().keySet()), List.copyOf(back.tensors().keySet()));
        sample().forEach((name, a) -> assertEquals(a, back.tensors().get(name), name));
        assertArrayEquals(new int[0], back.require("main.1.num_batches_tracked").shape());
        assertEquals(meta, back.metadata());
        UserError e = assertThrows(UserError.class, () -> back.require("nope"));
        assertTrue(e.getMessage().contains("model.safetensors"));
    }

    @Test
    void layoutIsTheReferenceOne() throws IOException {
        Path file = dir.resolve("small.safetensors");
        LinkedHashMap<String, TypedArray> t = new LinkedHashMap<>();
        t.put("a", TypedArray.f32(new float[] {1f, 2f}, 2));
        t.put("n", TypedArray.scalarI64(7));
        SafeTensors.write(file, t, Map.of("format", "pt"));
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8, "header padded to a multiple of 8");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertEquals("{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"n\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[8,16]}}", header.stripTrailing());
        assertTrue(header.endsWith(" ") || header.length() % 8 == 0);
        assertEquals(8 + n + 16, bytes.length);
        ByteBuffer data = ByteBuffer.wrap(bytes, 8 + (int) n, 16).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1f, data.getFloat());
        assertEquals(2f, data.getFloat());
        assertEquals(7L, data.getLong());
    }

    /** A file made of a header length, the given header text (unpadded) and the given data bytes. */
    private Path raw(String name, long headerLength, String header, byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerLength).array());
        out.write(header.getBytes(StandardCharsets.UTF_8));
        out.write(data);
        Path file = dir.resolve(name);
        Files.write(file, out.toByteArray());
        return file;
    }

    private Path raw(String name, String header, int dataBytes) throws IOException {
        return raw(name, header.getBytes(StandardCharsets.UTF_8).length, header, new byte[dataBytes]);
    }

    private static void assertRejected(Path file, String expectedWords) {
        UserError e = assertThrows(UserError.class, () -> SafeTensors.read(file));
        assertTrue(e.getMessage().contains(file.toString()), "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(expectedWords), "says '" + expectedWords + "': " + e.getMessage());
    }

    private static String entry(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin
                + "," + end + "]}";
    }

    @Test
    void aValidHandMadeFileIsAccepted() throws IOException {
        // Guards the corruption tests below: the same construction, done right, reads fine.
        Path ok = raw("ok.safetensors", "{" + entry("x", "F32", "[2]", 0, 8) + "," + entry("y", "I64", "[1]", 8, 16)
                + "}  ", 16);
        assertEquals(2, SafeTensors.read(ok).tensors().size());
    }

    @Test
    void shortFilesAndBadHeaderLengthsAreRejected() throws IOException {
        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[] {1, 2, 3});
        assertRejected(tiny, "shorter than the 8-byte header length");
        assertRejected(raw("long-header.safetensors", 1000, "{}", new byte[0]), "declares a header of 1000 bytes");
        assertRejected(raw("absurd.safetensors", 200_000_000L, "{}", new byte[0]), "more than");
        assertRejected(raw("negative.safetensors", -1L, "{}", new byte[0]), "more than");
    }

    @Test
    void malformedHeadersAreRejected() throws IOException {
        assertRejected(raw("notjson.safetensors", "{\"x\": [1, 2", 0), "not valid");
        assertRejected(raw("array.safetensors", "[1, 2, 3]", 0), "not a JSON object");
        assertRejected(raw("trailing.safetensors", "{} {}", 0), "not valid");
        assertRejected(raw("dup.safetensors", "{" + entry("x", "F32", "[1]", 0, 4) + ","
                + entry("x", "F32", "[1]", 4, 8) + "}", 8), "twice");
        assertRejected(raw("meta.safetensors", "{\"__metadata__\":{\"k\":1}}", 0), "not a string");
        assertRejected(raw("missing.safetensors", "{\"x\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4), "lacks");
        assertRejected(raw("fraction.safetensors", "{" + entry("x", "F32", "[1.5]", 0, 4) + "}", 4), "not valid");
        byte[] latin1 = {'{', '"', (byte) 0xE9, '"', ':', '1', '}'};
        Path bad = dir.resolve("utf8.safetensors");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(latin1.length).array());
        out.write(latin1);
        Files.write(bad, out.toByteArray());
        assertRejected(bad, "UTF-8");
    }

    @Test
    void unknownAndUnsupportedDtypesAreRejected() throws IOException {
        assertRejected(raw("dtype.safetensors", "{" + entry("x", "F31", "[1]", 0, 4) + "}", 4), "unknown dtype 'F31'");
        assertRejected(raw("f16.safetensors", "{" + entry("x", "F16", "[2]", 0, 4) + "}", 4), "a valid type that semfill does not read: it reads F32");
    }

    @Test
    void shapeMustMatchTheByteLength() throws IOException {
        assertRejected(raw("shape.safetensors", "{" + entry("x", "F32", "[3]", 0, 8) + "}", 8), "spanning 8 bytes");
        assertRejected(raw("i64.safetensors", "{" + entry("x", "I64", "[]", 0, 4) + "}", 4), "spanning 4 bytes");
    }

    @Test
    void offsetsMustCoverTheDataExactly() throws IOException {
        assertRejected(raw("truncated.safetensors", "{" + entry("x", "F32", "[4]", 0, 16) + "}", 10), "truncated");
        assertRejected(raw("range.safetensors", "{" + entry("x", "F32", "[1]", 100, 104) + "}", 8), "truncated");
        assertRejected(raw("gap.safetensors", "{" + entry("x", "F32", "[1]", 0, 4) + ","
                + entry("y", "F32", "[1]", 8, 12) + "}", 12), "gap");
        assertRejected(raw("overlap.safetensors", "{" + entry("x", "F32", "[2]", 0, 8) + ","
                + entry("y", "F32", "[1]", 4, 8) + "}", 8), "overlapping");
        assertRejected(raw("extra.safetensors", "{" + entry("x", "F32", "[1]", 0, 4) + "}", 12), "8 bytes after");
        assertRejected(raw("backwards.safetensors", "{" + entry("x", "F32", "[0]", 8, 4) + "}", 8), "end before");
    }

    @Test
    void truncatingAWrittenFileIsDetected() throws IOException {
        Path file = dir.resolve("cut.safetensors");
        SafeTensors.write(file, sample(), Map.of());
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));
        assertRejected(file, "truncated");
    }

    @Test
    void missingFileIsAUserError() {
        Path file = dir.resolve("none.safetensors");
        UserError e = assertThrows(UserError.class, () -> SafeTensors.read(file));
        assertTrue(e.getMessage().contains("none.safetensors"));
    }
}
