package org.semfill.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semfill.internal.Rng;
import org.semfill.internal.UserError;
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
        e.save(dir.resolve(Encoder.FILE));
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
        Encoder.create(new DcganConfig(16, 1, 8, 4, 4), 1).save(dir.resolve("other.safetensors"));
        UserError other = assertThrows(UserError.class, () -> Encoder.load(dir.resolve("other.safetensors"), SMALL));
        assertTrue(other.getMessage().contains("another model"), other.getMessage());
        ModelFiles.save(Dcgan.create(SMALL, 1), dir);
        UserError notEncoder = assertThrows(UserError.class, () -> Encoder.load(dir.resolve(ModelFiles.GENERATOR), SMALL));
        assertTrue(notEncoder.getMessage().contains("not a semfill encoder"), notEncoder.getMessage());
        assertNotNull(Encoder.load(dir.resolve("other.safetensors"), new DcganConfig(16, 1, 8, 4, 4)));
    }
}
