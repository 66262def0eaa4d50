package org.semfill.gan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.semfill.internal.ReadableFiles;
import org.semfill.internal.UserError;
import org.semfill.io.SafeTensors;
import org.semfill.io.TypedArray;

/**
 * The model files of a run: {@code generator.safetensors} and {@code discriminator.safetensors}, keys exactly
 * those of the reference's {@code G.state_dict()} / {@code D.state_dict()}. The config is stored in the
 * metadata and, for files made elsewhere (PyTorch), inferred from the tensor shapes.
 */
public final class ModelFiles {
    public static final String GENERATOR = org.semfill.data.RunFolderMarker.GENERATOR, DISCRIMINATOR = "discriminator.safetensors";
    static final String CONFIG_KEY = "semfill.config";

    private ModelFiles() {}

    public static void save(Dcgan gan, Path dir) {
        Map<String, String> meta = new java.util.TreeMap<>(Map.of(CONFIG_KEY, Json.config(gan.config), "format", "pt")); // sorted: same bytes every run
        SafeTensors.write(dir.resolve(GENERATOR), StateFiles.toArrays(gan.generator.stateDict(), ""), meta);
        SafeTensors.write(dir.resolve(DISCRIMINATOR), StateFiles.toArrays(gan.discriminator.stateDict(), ""), meta);
    }

    /**
     * Loads a model from a run directory, or from a generator file (its discriminator is expected beside it,
     * named discriminator.safetensors or with "generator" replaced by "discriminator" in the name).
     */
    public static Dcgan load(Path runOrFile) {
        Path gFile, dFile;
        if (Files.isDirectory(runOrFile)) {
            gFile = runOrFile.resolve(GENERATOR);
            dFile = runOrFile.resolve(DISCRIMINATOR);
            if (!Files.exists(gFile))
                throw new UserError("no model in " + runOrFile + ": " + GENERATOR + " is missing (has training finished? train with 'semfill train --out " + runOrFile + "')");
        } else if (Files.isRegularFile(runOrFile)) {
            gFile = runOrFile;
            String name = runOrFile.getFileName().toString();
            Path sibling = runOrFile.resolveSibling(name.replace("generator", "discriminator"));
            dFile = !sibling.equals(runOrFile) && Files.exists(sibling) ? sibling : runOrFile.resolveSibling(DISCRIMINATOR);
        } else {
            if (Files.exists(runOrFile)) ReadableFiles.require(runOrFile, "model file"); // a FIFO or device: say so
            throw new UserError("no such model: " + runOrFile + " (give a run directory or a generator .safetensors file)");
        }
        SafeTensors.Contents g = SafeTensors.read(gFile); // first: a file that is no model at all is named as such
        if (g.tensors().keySet().stream().anyMatch(k -> k.startsWith("G.")) && g.tensors().keySet().stream().anyMatch(k -> k.startsWith("D.")))
            throw new UserError(gFile + " is a training checkpoint (both networks and the optimisers' state, keys G.* and D.*), not a "
                    + "model: give the run folder or its " + GENERATOR + " (written when training ends)");
        if (!Files.exists(dFile)) throw new UserError("the discriminator for " + gFile + " is missing: expected " + dFile);
        SafeTensors.Contents d = SafeTensors.read(dFile);
        DcganConfig config = g.metadata() != null && g.metadata().containsKey(CONFIG_KEY)
                ? Json.parseConfig(g.metadata().get(CONFIG_KEY), gFile) : infer(g.tensors(), d.tensors(), gFile);
        // Compare the files with the config before building anything: a crafted config must not allocate the network.
        if (!g.tensors().isEmpty() && fits(Dcgan.stateShapes(config, false), g.tensors(), gFile))
            throw new UserError(gFile + " holds a discriminator (its tensors have D's shapes for " + config + "), not a generator: "
                    + "give the run folder or its " + GENERATOR);
        StateFiles.check(Dcgan.stateShapes(config, true), g.tensors(), "", gFile);
        StateFiles.check(Dcgan.stateShapes(config, false), d.tensors(), "", dFile);
        Dcgan gan = Dcgan.create(config, 0);
        StateFiles.load(gan.generator.stateDict(), g.tensors(), "", gFile);
        StateFiles.load(gan.discriminator.stateDict(), d.tensors(), "", dFile);
        requireMatchingConfig(gFile.resolveSibling(RunDirectory.CONFIG), config, gFile);
        Path encoder = gFile.resolveSibling(Encoder.FILE);
        if (Files.isRegularFile(encoder)) gan.attachLazily(encoder);
        return gan;
    }

    /** True if {@code tensors} are exactly a state of these shapes. */
    private static boolean fits(Map<String, int[]> shapes, Map<String, TypedArray> tensors, Path file) {
        try {
            StateFiles.check(shapes, tensors, "", file);
            return true;
        } catch (UserError e) {
            return false;
        }
    }

    /**
     * A run's config.json must describe the model beside it: commands take the data's size and channels from it, so
     * an edited or foreign one would feed the model images it cannot take. Checked wherever a model is loaded.
     */
    private static void requireMatchingConfig(Path configFile, DcganConfig model, Path gFile) {
        if (!Files.isRegularFile(configFile)) return;
        DcganConfig stated = RunDirectory.of(configFile.getParent()).config().model();
        if (!stated.equals(model))
            throw new UserError(configFile + " says the model is " + stated + ", but " + gFile.getFileName() + " beside it holds " + model
                    + ": the file was edited or belongs to another run; put back the run's own config.json");
    }

    /**
     * Reads the config off the shapes of a state dict: G's first weight is (nz, C1, k, k) with k = 7 for 28x28
     * images; G's last weight is (ngf, channels, 4, 4); D's first is (ndf, channels, 4, 4); the number of G
     * convolutions gives the size (3 -> 28, L -> 2^(L+1)).
     */
    static DcganConfig infer(Map<String, TypedArray> g, Map<String, TypedArray> d, Path file) {
        java.util.List<int[]> convs = new java.util.ArrayList<>();
        for (Map.Entry<String, TypedArray> e : g.entrySet()) if (e.getValue().shape().length == 4) convs.add(e.getValue().shape());
        TypedArray d0 = d.get("0.weight");
        if (convs.size() < 3 || d0 == null || d0.shape().length != 4)
            throw new UserError(file + " does not look like a DCGAN generator/discriminator pair (no 4-D conv weights found)");
        int[] first = convs.get(0), last = convs.get(convs.size() - 1);
        int size = first[2] == 7 ? 28 : 1 << (convs.size() + 1);
        try {
            return new DcganConfig(size, last[1], first[0], last[0], d0.shape()[0]);
        } catch (UserError e) {
            throw new UserError(file + ": its tensor shapes describe a DCGAN semfill cannot build: " + e.getMessage());
        }
    }
}
