package org.semfill.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.internal.UserError;
import org.semfill.io.SafeTensors;
import org.semfill.io.TypedArray;
import org.semfill.nn.StateTensor;

/** Model files and run configs that are crafted, damaged or not models at all are refused with one clear line. */
class ModelFileSafetyTest {
    static final DcganConfig TINY = new DcganConfig(16, 1, 8, 4, 4);

    static Path savedModel(Path dir) throws Exception {
        Files.createDirectories(dir);
        ModelFiles.save(Dcgan.create(TINY, 3), dir);
        return dir;
    }

    static void rewrite(Path file, java.util.function.Consumer<Map<String, TypedArray>> tensors, Map<String, String> meta) {
        SafeTensors.Contents c = SafeTensors.read(file);
        Map<String, TypedArray> t = new LinkedHashMap<>(c.tensors());
        tensors.accept(t);
        SafeTensors.write(file, t, meta != null ? meta : c.metadata());
    }

    static void assertClean(String message) {
        assertFalse(message.contains("\n"), message);
        for (String leak : new String[] {"LENIENT", "Strictness", "JsonReader", "Exception", "gson", "Troubleshooting"})
            assertFalse(message.contains(leak), "no '" + leak + "' in: " + message);
    }

    @Test
    void stateShapesWithoutBuildingMatchTheNetworks() {
        for (DcganConfig c : new DcganConfig[] {TINY, new DcganConfig(28, 1, 10, 6, 5), new DcganConfig(64, 3, 100, 8, 9)}) {
            Dcgan gan = Dcgan.create(c, 0);
            for (boolean g : new boolean[] {true, false}) {
                Map<String, StateTensor> live = g ? gan.generator.stateDict() : gan.discriminator.stateDict();
                Map<String, int[]> expected = Dcgan.stateShapes(c, g);
                assertEquals(live.keySet(), expected.keySet());
                live.forEach((k, s) -> {
                    if (s.isLong()) assertEquals(null, expected.get(k), k);
                    else assertTrue(Arrays.equals(s.shape(), expected.get(k)), k);
                });
            }
            assertEquals(gan.generator.parameterCount() + gan.discriminator.parameterCount(), c.parameterCount(), c.toString());
        }
    }

    @Test
    void craftedMetadataIsRefusedBeforeAnythingIsBuilt(@TempDir Path tmp) throws Exception {
        Path run = savedModel(tmp.resolve("huge"));
        Map<String, String> meta = Map.of(ModelFiles.CONFIG_KEY, "{\"size\":128,\"channels\":1,\"nz\":4096,\"ngf\":1024,\"ndf\":64}", "format", "pt");
        rewrite(run.resolve(ModelFiles.GENERATOR), t -> {}, meta);
        UserError e = assertThrows(UserError.class, () -> ModelFiles.load(run));
        assertTrue(e.getMessage().contains(ModelFiles.GENERATOR) && e.getMessage().contains("3,937,110,784 parameters"), e.getMessage());
        assertClean(e.getMessage());

        // A config within bounds that does not match the tensors: refused by comparing shapes, naming the tensor.
        Path other = savedModel(tmp.resolve("other"));
        rewrite(other.resolve(ModelFiles.GENERATOR), t -> {}, Map.of(ModelFiles.CONFIG_KEY, Json.config(new DcganConfig(64, 3, 100, 64, 64))));
        e = assertThrows(UserError.class, () -> ModelFiles.load(other));
        assertTrue(e.getMessage().contains("tensor '0.weight' has shape [8, 8, 4, 4]") && e.getMessage().contains("[100, 512, 4, 4]"), e.getMessage());
    }

    @Test
    void oversizedTrainingOptionsAreRefusedUpFront() {
        UserError e = assertThrows(UserError.class, () -> new DcganConfig(128, 1, 4096, 1024, 64));
        assertTrue(e.getMessage().contains("3,937,110,784 parameters") && e.getMessage().contains("200,000,000"), e.getMessage());
        DcganConfig wide = new DcganConfig(128, 1, 100, 8, 200); // fine on its own, too large in batches of 4096
        e = assertThrows(UserError.class, () -> new TrainOptions("bundled", wide, 1, 4096, 2e-4f, 0.5f, 0, 0, 1, 0));
        assertTrue(e.getMessage().startsWith("batch size 4096 is too large"), e.getMessage()); // the CLI says --batch (SettingFlags)
        new DcganConfig(64, 3, 100, 64, 64); // the reference DCGAN still passes
        new DcganConfig(128, 3, 100, 128, 128);
    }

    @Test
    void nonFiniteWeightsAreRefusedNamingTheTensor(@TempDir Path tmp) throws Exception {
        Path run = savedModel(tmp.resolve("nan"));
        rewrite(run.resolve(ModelFiles.DISCRIMINATOR), t -> {
            float[] v = t.get("3.weight").floats().clone();
            v[2] = Float.NaN;
            t.put("3.weight", TypedArray.f32(v, t.get("3.weight").shape()));
        }, null);
        UserError e = assertThrows(UserError.class, () -> ModelFiles.load(run));
        assertTrue(e.getMessage().contains(ModelFiles.DISCRIMINATOR) && e.getMessage().contains("'3.weight' holds NaN (at index 2)"), e.getMessage());

        Path inf = savedModel(tmp.resolve("inf"));
        rewrite(inf.resolve(ModelFiles.GENERATOR), t -> {
            float[] v = t.get("1.running_var").floats().clone();
            v[0] = Float.POSITIVE_INFINITY;
            t.put("1.running_var", TypedArray.f32(v, t.get("1.running_var").shape()));
        }, null);
        e = assertThrows(UserError.class, () -> ModelFiles.load(inf));
        assertTrue(e.getMessage().contains("'1.running_var' holds Infinity"), e.getMessage());
    }

    @Test
    void aTextFileIsNotAModelAndBrokenJsonIsNamedPlainly(@TempDir Path tmp) throws Exception {
        Path text = tmp.resolve("notes.txt");
        Files.writeString(text, "these are my notes about the model\n");
        UserError e = assertThrows(UserError.class, () -> ModelFiles.load(text));
        assertTrue(e.getMessage().contains("is not a safetensors model file") && !e.getMessage().contains("discriminator"), e.getMessage());

        Path run = savedModel(tmp.resolve("run"));
        rewrite(run.resolve(ModelFiles.GENERATOR), t -> {}, Map.of(ModelFiles.CONFIG_KEY, "{size: 16, oops"));
        e = assertThrows(UserError.class, () -> ModelFiles.load(run));
        assertTrue(e.getMessage().contains("metadata is not valid JSON"), e.getMessage());
        assertClean(e.getMessage());

        Path r2 = tmp.resolve("r2");
        Files.createDirectories(r2);
        Files.writeString(r2.resolve(RunDirectory.CONFIG), "{\n  \"data\": \"bundled\",\n  \"epochs\": 3,,\n}\n");
        e = assertThrows(UserError.class, () -> RunDirectory.of(r2).config());
        assertTrue(e.getMessage().contains("config.json is not valid JSON (at line 3)"), e.getMessage());
        assertClean(e.getMessage());
        Files.writeString(r2.resolve(RunDirectory.CONFIG), "{\n  \"data\": \"bundled\",\n  \"epochs\": \"many\"\n}\n");
        e = assertThrows(UserError.class, () -> RunDirectory.of(r2).config());
        assertTrue(e.getMessage().contains("config.json has a value of the wrong type (at line 3)"), e.getMessage());
        assertClean(e.getMessage());

        // A safetensors header that is not JSON: no Gson advice either.
        Path bad = tmp.resolve("bad.safetensors");
        byte[] header = "{\"a\": {oops}}   ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + header.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header);
        Files.write(bad, b.array());
        e = assertThrows(UserError.class, () -> SafeTensors.read(bad));
        assertTrue(e.getMessage().contains("not valid safetensors JSON"), e.getMessage());
        assertClean(e.getMessage());
    }
}
