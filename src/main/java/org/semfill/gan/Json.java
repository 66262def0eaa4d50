package org.semfill.gan;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.nio.file.Path;
import org.semfill.internal.UserError;

/** JSON forms of configs and options (run directories, model metadata). */
final class Json {
    static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    private static final Gson COMPACT = new Gson();

    private Json() {}

    static String config(DcganConfig c) {
        return COMPACT.toJson(c);
    }

    static DcganConfig parseConfig(String json, Path file) {
        try {
            DcganConfig c = COMPACT.fromJson(json, DcganConfig.class);
            // Gson fills records without running the compact constructor: rebuild to validate.
            return new DcganConfig(c.size(), c.channels(), c.nz(), c.ngf(), c.ndf());
        } catch (JsonParseException | NullPointerException e) {
            throw new UserError(file + ": the stored model config is not valid JSON (" + e.getMessage() + ")");
        }
    }
}
