package org.roofline.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.roofline.inference.imagery.GeoImage;
import org.roofline.inference.imagery.Georeferencing;
import org.roofline.inference.imagery.PixelToMap;
import org.roofline.inference.imagery.RasterInfo;
import org.roofline.inference.imagery.RooflineInputException;

/** The lines {@code roofline info} prints for an image, and whether the image is damaged. */
final class ImageInfoLines {

    /**
     * @param lines  the description, one item a line (a damaged image has a {@code Damaged:} line)
     * @param damage why the image is damaged (cut short), or empty
     */
    record Description(List<String> lines, Optional<String> damage) {
    }

    private ImageInfoLines() {
    }

    static List<String> of(Path file) {
        return describe(file).lines();
    }

    /** Opens the image, describes it and checks it is whole; a file that cannot be opened is a one-line error. */
    static Description describe(Path file) {
        try (GeoImage image = GeoImage.open(file)) {
            Optional<String> damage = image.damage();
            return new Description(lines(image, damage), damage);
        } catch (RooflineInputException e) {
            throw new CliException(e.file().toString(), e.problem(), e);
        }
    }

    /**
     * A summary for people, one line per item: file, format, size, bands, type, no-data, CRS (name and EPSG code),
     * extent in map units, pixel size in map units and ground resolution in metres, georeferencing source, the damage
     * if any, then the readers' warnings.
     */
    static List<String> lines(GeoImage image, Optional<String> damage) {
        List<String> lines = new ArrayList<>();
        RasterInfo info = image.info();
        Georeferencing g = info.georef();
        lines.add(InfoFormat.line("File", image.file().toString()));
        lines.add(InfoFormat.line("Format", image.format() + image.layout().map(l -> ", " + l).orElse("")));
        lines.add(InfoFormat.line("Size", info.width() + " x " + info.height() + " pixels"));
        lines.add(InfoFormat.line("Bands", Integer.toString(info.bands())));
        lines.add(InfoFormat.line("Type", info.type().gdalName()));
        lines.add(InfoFormat.line("NoData", info.nodata().isPresent() ? InfoFormat.number(info.nodata().getAsDouble())
                : "none"));
        if (g.crs() != null) {
            OptionalInt code = g.crs().epsgCode();
            lines.add(InfoFormat.line("CRS", g.crs().name() + (code.isPresent() ? " (EPSG:" + code.getAsInt() + ")"
                    : " (no EPSG code)")));
        } else {
            lines.add(InfoFormat.line("CRS", g.isGeoreferenced() ? "unknown" : "none (pixel coordinates)"));
        }
        String unit = !g.isGeoreferenced() ? "pixels" : g.crs() == null ? "map units"
                : g.crs().isGeographic() ? "degrees" : "CRS units";
        lines.add(InfoFormat.line("Extent", InfoFormat.extent(info.extent(), unit)));
        PixelToMap t = g.transform();
        lines.add(InfoFormat.line("Pixel size", InfoFormat.number(Math.hypot(t.pixelWidth(), t.rotY())) + " x "
                + InfoFormat.number(Math.hypot(t.rotX(), t.pixelHeight())) + " " + unit
                + (t.isNorthUp() ? "" : ", rotated")));
        Optional<Georeferencing.PixelSize> ground = info.groundPixelSize();
        lines.add(InfoFormat.line("Resolution", ground.map(p -> String.format(Locale.ROOT, "%.3f x %.3f m%s", p.x(),
                        p.y(), g.crs() != null && g.crs().isGeographic() ? " (geodesic, at the image centre)" : ""))
                .orElse(g.isGeoreferenced() ? "unknown (no usable CRS)" : "unknown (not georeferenced)")));
        lines.add(InfoFormat.line("Georeferencing", g.source().label()
                + image.georeferencingFile().map(f -> ": " + f.getFileName()).orElse("")));
        damage.ifPresent(d -> lines.add(InfoFormat.line("Damaged", d)));
        for (String w : image.warnings()) {
            lines.add(InfoFormat.line("Warning", w));
        }
        return lines;
    }
}
