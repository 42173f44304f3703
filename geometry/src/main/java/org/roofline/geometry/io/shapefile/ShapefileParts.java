package org.roofline.geometry.io.shapefile;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The files that make up a Shapefile: X.shp beside X.shx, X.dbf, X.prj, X.cpg (extensions in any case). */
final class ShapefileParts {

    private ShapefileParts() {
    }

    /** @return the file name without its last extension */
    static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** @return the extension of the file name, lower case, without the dot, or "" */
    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    /** @return the companion with the given extension as it is named (any case), or null if there is none */
    static Path find(Path shp, String ext) throws IOException {
        Path dir = shp.toAbsolutePath().getParent();
        String base = baseName(shp);
        for (String candidate : new String[] {base + "." + ext, base + "." + ext.toUpperCase(Locale.ROOT)}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        String wanted = (base + "." + ext).toLowerCase(Locale.ROOT);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (p.getFileName().toString().toLowerCase(Locale.ROOT).equals(wanted) && Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** @return the companion's expected name (for messages) */
    static String expectedName(Path shp, String ext) {
        return baseName(shp) + "." + ext;
    }
}
