package org.semfill.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.internal.Rng;
import org.semfill.internal.UserError;
import org.semfill.io.SafeTensors;
import org.semfill.tensor.Tensor;

/** The encoder network: its layers, its input, its guesses and its file beside the model. */
class EncoderTest {
    static final DcganConfig SMALL = new DcganConfig(16, 1, 6, 4, 4);

    @Test
    void isTheDiscriminatorsBodyWithAZHead() {
        for (DcganConfig c : new DcganConfig[] {SMALL, new DcganConfig(28, 1, 100, 32, 32), new DcganConfig(64, 3, 100, 64, 64)}) {
            var specs = LayerSpec.encoder(c);
            var d = LayerSpec.discriminator(c);
            assertEquals(d.size(), specs.size());
            assertEquals(c.channels() + 1, specs.get(0).in(), "image channels plus the known plane");
            assertEquals(c.nz(), specs.get(specs.size() - 1).out());
            assertEquals(1, specs.get(specs.size() - 1).sizeOut());
            Encoder e = Encoder.create(c, 1);
            float[] z = e.encode(new float[2 * c.channels() * c.size() * c.size()], new float[c.size() * c.size()], 2);
            assertEquals(2 * c.nz(), z.length);
        }
    }

    @Test
    void inputStacksEachImageWithItsKnownPlane() {
        Encoder e = Encoder.create(new DcganConfig(16, 3, 6, 4, 4), 1);
        int plane = 256, per = 3 * plane;
        float[] damaged = new float[2 * per], known = new float[2 * plane];
        for (int i = 0; i < damaged.length; i++) damaged[i] = i;
        for (int i = 0; i < known.length; i++) known[i] = -i;
        Tensor x = e.input(damaged, known, 2);
        assertArrayEquals(new int[] {2, 4, 16, 16}, x.shape());
        assertEquals(per + 5, x.data()[per + plane + 5], 0f, "image 1, channel 0 follows image 0's known plane");
        assertEquals(-(plane + 7), x.data()[2 * per + plane + 7], 0f, "image 1's own known plane");
        Tensor shared = e.input(damaged, java.util.Arrays.copyOf(known, plane), 2);
        assertEquals(-7, shared.data()[2 * per + plane + 7], 0f, "one plane serves every image");
    }

    @Test
    void guessesLieInThePriorAndAreDeterministic() {
        Encoder e = Encoder.create(SMALL, 3);
        float[] img = Tensor.uniform(new Rng(4), -1, 1, 3, 1, 16, 16).data(), known = new float[256];
        java.util.Arrays.fill(known, 0, 128, 1f);
        float[] z = e.encode(img, known, 3);
        for (float v : z) assertTrue(v >= -1 && v <= 1);
        assertArrayEquals(z, e.encode(img, known, 3), 0f);
    }

    @Test
    void savedBesideTheModelItIsFoundAndReadOnFirstUse(@TempDir Path dir) throws Exception {
        Dcgan gan = Dcgan.create(SMALL, 1);
        ModelFiles.save(gan, dir);
        assertFalse(ModelFiles.load(dir).hasEncoder());
        Encoder e = Encoder.create(SMALL, 7);
        e.save(dir.resolve(Encoder.FILE), gan.generatorSha256());
        Dcgan loaded = ModelFiles.load(dir);
        assertTrue(loaded.hasEncoder());
        float[] img = Tensor.uniform(new Rng(4), -1, 1, 2, 1, 16, 16).data(), known = new float[256];
        assertArrayEquals(e.encode(img, known, 2), loaded.encoder().encode(img, known, 2), 0f);
        Files.writeString(dir.resolve(Encoder.FILE), "not a model");
        Dcgan damaged = ModelFiles.load(dir); // the GAN itself still loads: the encoder is read only when used
        assertTrue(damaged.hasEncoder());
        assertThrows(UserError.class, damaged::encoder);
    }

    @Test
    void refusesAnEncoderOfAnotherModelOrAModelFile(@TempDir Path dir) {
        Dcgan otherModel = Dcgan.create(new DcganConfig(16, 1, 8, 4, 4), 1);
        Encoder.create(otherModel.config, 1).save(dir.resolve("other.safetensors"), otherModel.generatorSha256());
        UserError other = assertThrows(UserError.class, () -> Encoder.load(dir.resolve("other.safetensors"), SMALL, "any"));
        assertTrue(other.getMessage().contains("another model"), other.getMessage());
        ModelFiles.save(Dcgan.create(SMALL, 1), dir);
        UserError notEncoder = assertThrows(UserError.class, () -> Encoder.load(dir.resolve(ModelFiles.GENERATOR), SMALL, "any"));
        assertTrue(notEncoder.getMessage().contains("not a semfill encoder"), notEncoder.getMessage());
        assertNotNull(Encoder.load(dir.resolve("other.safetensors"), otherModel.config, otherModel.generatorSha256()));
    }

    /** An encoder is bound to the very G it was trained against: one of the same shapes but other weights is refused. */
    @Test
    void refusesAnEncoderTrainedAgainstAnotherGeneratorOfTheSameShapes(@TempDir Path dir) throws Exception {
        Path a = Files.createDirectories(dir.resolve("a")), b = Files.createDirectories(dir.resolve("b"));
        Dcgan first = Dcgan.create(SMALL, 1), second = Dcgan.create(SMALL, 2);
        ModelFiles.save(first, a);
        ModelFiles.save(second, b);
        Encoder.create(SMALL, 7).save(a.resolve(Encoder.FILE), first.generatorSha256());
        assertNotNull(ModelFiles.load(a).encoder());
        Files.copy(a.resolve(Encoder.FILE), b.resolve(Encoder.FILE)); // copied beside a model of the same widths
        UserError copied = assertThrows(UserError.class, () -> ModelFiles.load(b).encoder());
        assertTrue(copied.getMessage().contains(b.resolve(Encoder.FILE).toString()) && copied.getMessage().contains("another generator")
                && copied.getMessage().contains("train-encoder") && !copied.getMessage().contains("\n"), copied.getMessage());

        // An encoder from before encoders recorded their G: refused the same way, with what to do.
        Map<String, String> meta = new java.util.TreeMap<>(SafeTensors.read(a.resolve(Encoder.FILE)).metadata());
        meta.remove(Encoder.GENERATOR_KEY);
        SafeTensors.write(a.resolve(Encoder.FILE), SafeTensors.read(a.resolve(Encoder.FILE)).tensors(), meta);
        UserError old = assertThrows(UserError.class, () -> ModelFiles.load(a).encoder());
        assertTrue(old.getMessage().contains("does not record which generator") && old.getMessage().contains("train-encoder"), old.getMessage());
    }
}
