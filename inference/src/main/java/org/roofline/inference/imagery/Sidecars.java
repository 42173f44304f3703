package org.roofline.inference.imagery;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import org.roofline.geometry.crs.Crs;

/**
 * An image's georeferencing and no-data value once its sidecar files are read: what the image itself gives, completed
 * with a GDAL PAM sidecar ({@code <file>.aux.xml}), then a world file and its {@code .prj} (see the order in
 * {@link GeoImage}).
 *
 * @param georef the georeferencing ({@link Georeferencing#none()} when nothing gives a transform)
 * @param nodata the no-data value, if any place gives one
 * @param file   the sidecar or world file the transform came from, or null when it came from the image or nowhere
 */
record Sidecars(Georeferencing georef, OptionalDouble nodata, Path file) {

    /**
     * Completes what the image gives with its sidecars: each of transform, CRS and no-data from the first place that
     * has one.
     *
     * @param transform from the image itself, or null
     * @param crs       from the image itself, or null
     * @param source    where {@code transform} came from, or null with it
     * @throws RooflineInputException if a sidecar exists but is garbled (the message names the sidecar)
     */
    static Sidecars complete(Path image, PixelToMap transform, Crs crs, Georeferencing.Source source,
                             OptionalDouble nodata) throws RooflineInputException {
        Path from = null;
        Optional<PamSidecar> pam = PamSidecar.read(image);
        if (pam.isPresent()) {
            PamSidecar p = pam.get();
            if (transform == null && p.geoTransform() != null) {
                transform = p.geoTransform();
                source = Georeferencing.Source.PAM_SIDECAR;
                from = p.file();
            }
            if (crs == null) {
                crs = p.crs();
            }
            if (nodata.isEmpty()) {
                nodata = p.nodata();
            }
        }
        if (transform == null) {
            Optional<WorldFile> world = WorldFile.read(image);
            if (world.isPresent()) {
                transform = world.get().transform();
                source = Georeferencing.Source.WORLD_FILE;
                from = world.get().file();
                if (crs == null) {
                    crs = world.get().crs();
                }
            }
        }
        Georeferencing georef = transform == null ? Georeferencing.none() : new Georeferencing(transform, crs, source);
        return new Sidecars(georef, nodata, from);
    }
}
