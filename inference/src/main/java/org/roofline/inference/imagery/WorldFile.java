package org.roofline.inference.imagery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.roofline.geometry.crs.Crs;

/**
 * An Esri world file beside an image, and the {@code .prj} beside it for the CRS.
 *
 * <h2>Names</h2>
 * As GDAL looks for them, for an image {@code name.ext}: {@code name.<first and last letter of ext>w}
 * ({@code .tfw}, {@code .pgw}, {@code .jgw}), {@code name.<ext>w} ({@code .tifw}, {@code .pngw}, {@code .jpgw}), then
 * {@code name.wld}; each in lower case, then upper case. The CRS is read from {@code name.prj} (WKT, GDAL's or Esri's
 * flavour, or {@code EPSG:n}).
 *
 * <h2>Contents</h2>
 * Six numbers, one a line: A (x size of a pixel), D (rotation), B (rotation), E (y size of a pixel, negative for
 * north-up), C and F (map x and y of the <em>centre</em> of the top-left pixel). Converted to a GDAL geotransform
 * referring to the pixel's corner, as GDAL does: {@code (C - A/2 - B/2, A, B, F - D/2 - E/2, D, E)}.
 *
 * @param file      the world file read
 * @param transform the pixel-to-map transform
 * @param crs       the CRS from the {@code .prj}, or null when there is none
 */
record WorldFile(Path file, PixelToMap transform, Crs crs) {

    /** World files are six short lines; anything much larger is not one. */
    static final long MAX_BYTES = 64 << 10;
    /** A .prj is one WKT string; generous. */
    static final long MAX_PRJ_BYTES = 1 << 20;

    /** @return the world file names GDAL would try for an image, in order */
    static List<Path> candidates(Path image) {
        String name = image.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot + 1) : "";
        Set<String> suffixes = new LinkedHashSet<>();
        if (ext.length() >= 2) {
            suffixes.add("" + ext.charAt(0) + ext.charAt(ext.length() - 1) + "w");
        }
        if (!ext.isEmpty()) {
            suffixes.add(ext + "w");
        }
        suffixes.add("wld");
        List<Path> out = new ArrayList<>();
        for (String s : suffixes) {
            out.add(image.resolveSibling(base + "." + s.toLowerCase(Locale.ROOT)));
            out.add(image.resolveSibling(base + "." + s.toUpperCase(Locale.ROOT)));
        }
        return out;
    }

    /** @return the {@code .prj} GDAL would read beside a world-file image */
    static Path prjFor(Path image) {
        String name = image.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return image.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".prj");
    }

    /**
     * Reads the world file of an image, and its {@code .prj}, if there is one.
     *
     * @throws RooflineInputException naming the world file or the {@code .prj} when one exists but cannot be read
     *                                or understood
     */
    static Optional<WorldFile> read(Path image) throws RooflineInputException {
        for (Path candidate : candidates(image)) {
            if (Files.isRegularFile(candidate)) {
                PixelToMap transform = parse(candidate, text(candidate, MAX_BYTES, "world file"));
                return Optional.of(new WorldFile(candidate, transform, readPrj(prjFor(image)).orElse(null)));
            }
        }
        return Optional.empty();
    }

    /** @return the CRS of a {@code .prj}, or empty when the file does not exist */
    static Optional<Crs> readPrj(Path prj) throws RooflineInputException {
        if (!Files.isRegularFile(prj)) {
            return Optional.empty();
        }
        String text = text(prj, MAX_PRJ_BYTES, ".prj");
        if (text.isBlank()) {
            throw new RooflineInputException(prj, "empty .prj: no coordinate system");
        }
        try {
            return Optional.of(SisReferencing.crsFromText(text));
        } catch (IllegalArgumentException e) {
            throw new RooflineInputException(prj, "cannot understand the coordinate system (WKT): " + e.getMessage(), e);
        }
    }

    static PixelToMap parse(Path file, String text) throws RooflineInputException {
        double[] v = new double[6];
        int n = 0;
        int lineNo = 0;
        for (String line : text.split("\\R")) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (n == 6) {
                break; // GDAL reads the first six values and ignores the rest
            }
            try {
                v[n++] = Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw new RooflineInputException(file, "a world file holds 6 numbers, one a line; line " + lineNo
                        + " is \"" + PamSidecar.abbreviate(t) + "\"", e);
            }
        }
        if (n < 6) {
            throw new RooflineInputException(file, "a world file holds 6 numbers, one a line; found " + n);
        }
        double a = v[0];
        double d = v[1];
        double b = v[2];
        double e = v[3];
        double c = v[4];
        double f = v[5];
        try {
            return new PixelToMap(c - 0.5 * a - 0.5 * b, a, b, f - 0.5 * d - 0.5 * e, d, e);
        } catch (IllegalArgumentException ex) {
            throw new RooflineInputException(file, "the world file's transform is " + ex.getMessage(), ex);
        }
    }

    private static String text(Path file, long limit, String what) throws RooflineInputException {
        try {
            long size = Files.size(file);
            if (size > limit) {
                throw new RooflineInputException(file, "too large for a " + what + " (" + size + " bytes)");
            }
            byte[] bytes = Files.readAllBytes(file);
            String s = new String(bytes, StandardCharsets.UTF_8);
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (IOException e) {
            throw new RooflineInputException(file, "cannot read: " + e.getMessage(), e);
        }
    }
}
