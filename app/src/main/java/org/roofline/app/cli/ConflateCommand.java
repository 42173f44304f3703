package org.roofline.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.roofline.geometry.conflate.ChangeClass;
import org.roofline.geometry.conflate.Conflation;
import org.roofline.geometry.conflate.ImageryOffset;
import org.roofline.geometry.conflate.OffsetEstimator;
import org.roofline.geometry.conflate.ReferenceMatcher;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.crs.CrsTransform;
import org.roofline.geometry.io.VectorFeature;
import org.roofline.geometry.io.format.VectorIo;
import org.roofline.geometry.io.VectorLayer;
import org.roofline.geometry.io.osm.OsmChangeWriter;
import org.roofline.geometry.io.reference.ConflationLayer;
import org.roofline.geometry.io.reference.ReferenceReader;
import org.roofline.inference.imagery.GeoImage;
import org.roofline.inference.imagery.RooflineInputException;
import org.roofline.inference.model.ModelException;
import org.roofline.inference.model.SegmentationModel;
import org.roofline.inference.pipeline.NotFoundVerdict;
import org.roofline.inference.pipeline.PipelineConfig;
import org.roofline.inference.pipeline.RegionProbability;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code roofline conflate}: footprints against a reference map, each given its change class ({@link
 * ReferenceMatcher}), the reference buildings not found added, the imagery offset estimated ({@link
 * OffsetEstimator}).
 *
 * <p>Matching runs in the footprints' CRS, or, when it is geographic, in the UTM zone of the footprints' centre (so
 * that the offset is in metres); the reference is reprojected to it. Features that are not polygons are left out of the
 * matching and out of the output, and counted.
 *
 * <p>With {@code --image}, each reference building not found gets {@value ConflationLayer#MODEL_PROB}: the model's
 * mean building probability over it on that image ({@link RegionProbability}, only the tiles under those buildings
 * are predicted). Below {@value #DEMOLISHED} it is counted as likely demolished, above {@value #MISSED} as likely
 * missed by the extraction.
 */
@Command(name = "conflate",
        mixinStandardHelpOptions = true,
        header = "Classes footprints against an existing map: new, unchanged, changed; and the map's buildings not "
                + "found.",
        description = {
                "Matches FOOTPRINTS (.geojson, .shp or .gpkg) against the reference buildings of REF (GeoJSON, "
                        + "newline-delimited GeoJSON .geojsonl, Shapefile, GeoPackage, or OpenStreetMap XML .osm, "
                        + "whose buildings are closed ways and multipolygons tagged building=*), reprojected to the "
                        + "footprints' CRS, one to one by IoU through a spatial index.",
                "Writes OUT (.geojson, .shp or .gpkg): every footprint with its attributes and change_class new (no "
                        + "reference building overlaps it), unchanged (one reference building, IoU at least --iou), "
                        + "or changed (a lower IoU, or it covers several reference buildings, or several footprints "
                        + "cover one); then every reference building no footprint overlaps, with change_class "
                        + "not_found. Also match_kind, match_iou, ref_id (the matched reference building's osm_id or "
                        + "id, else its feature number) and origin (footprints or reference).",
                "Estimates the offset between reference and imagery from the one-to-one pairs and prints it; "
                        + "--remove-offset shifts the reference by it before classing when it is significant.",
                "With --image, every not_found building gets model_prob: the model's mean building probability "
                        + "over it on IMAGE (3 decimals; empty where the image does not cover it). Below 0.2 it is "
                        + "counted as likely demolished, above 0.5 as likely missed by the extraction.",
                "Prints one line: the counts per class, the offset, the time."})
final class ConflateCommand implements Callable<Integer> {

    /** model_prob below which a not-found reference building is counted as likely demolished. */
    static final double DEMOLISHED = NotFoundVerdict.DEMOLISHED_BELOW;
    /** model_prob above which a not-found reference building is counted as likely missed by the extraction. */
    static final double MISSED = NotFoundVerdict.MISSED_ABOVE;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FOOTPRINTS", description = "The footprints: .geojson, .shp or .gpkg.")
    Path footprintsFile;

    @Option(names = "--reference", required = true, paramLabel = "REF",
            description = "The existing map: .geojson, .geojsonl, .shp, .gpkg or .osm.")
    Path referenceFile;

    @Option(names = "--out", required = true, paramLabel = "OUT",
            description = "The file to write: .geojson, .shp or .gpkg.")
    Path out;

    @Option(names = "--iou", paramLabel = "T", defaultValue = "0.5",
            description = "IoU at or above which a one-to-one pair is unchanged, in (0, 1] (default: "
                    + "${DEFAULT-VALUE}).")
    double iou;

    @Option(names = "--remove-offset",
            description = "Shift the reference by the estimated offset before classing, when it is significant "
                    + "(from 5 pairs or more, over three standard errors, raising the mean IoU).")
    boolean removeOffset;

    @Option(names = "--osm-new", paramLabel = "FILE.osm",
            description = "Also write the new footprints as an OpenStreetMap XML file of new ways (negative ids, "
                    + "building=yes, source=--source) that JOSM opens.")
    Path osmNew;

    @Option(names = "--source", paramLabel = "TEXT",
            description = "The source tag of the buildings in --osm-new: the imagery they were traced from "
                    + "(default: the footprints' file name).")
    String source;

    @Option(names = "--image", paramLabel = "IMAGE",
            description = "The image the footprints came from: give each not_found building model_prob, the "
                    + "model's mean building probability over it.")
    Path image;

    @Option(names = "--model", paramLabel = "FILE|DIR",
            description = "With --image: a TorchScript model (.pt) with its JSON metadata beside it, or a directory "
                    + "holding one or a model trained by 'roofline train' (default: the bundled model).")
    Path model;

    @Option(names = "--device", paramLabel = "auto|cpu|gpu", defaultValue = "auto",
            description = "With --image: where the model runs (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = OutputGuard.OVERWRITE,
            description = "Replace OUT even when it is a Roofline review session (with the reviewer's decisions).")
    boolean overwrite;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        ReferenceMatcher matcher;
        try {
            matcher = new ReferenceMatcher().withIouThreshold(iou);
        } catch (IllegalArgumentException e) {
            throw new CliException("--iou " + iou, e.getMessage());
        }
        VectorFiles.format(out);
        VectorFiles.format(footprintsFile);
        VectorFiles.checkWritable(out);
        for (Path in : new Path[] {footprintsFile, referenceFile}) {
            OutputGuard.notTheInput(in, out, "is an input (" + in + "); write to another file");
        }
        OutputGuard.notASession(out, overwrite);
        if (osmNew != null && !osmNew.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".osm")) {
            throw new CliException(osmNew.toString(), "--osm-new writes OpenStreetMap XML: name it .osm");
        }
        if (image == null && model != null) {
            throw InvalidOption.of(spec, "--model", "needs --image: the model runs on the image");
        }
        if (image != null) {
            OutputGuard.notTheInput(image, out, "is the image; write to another file");
        }

        VectorLayer footprintsRead = VectorFiles.read(footprintsFile);
        VectorLayer referenceRead = readReference();
        VectorLayer footprints = polygons(footprintsRead);
        VectorLayer reference = polygons(referenceRead);
        int skipped = footprintsRead.features().size() - footprints.features().size()
                + referenceRead.features().size() - reference.features().size();
        Crs crs = footprints.crs();
        if (reference.crs() != null && crs != null && !reference.crs().equals(crs)) {
            reference = VectorFiles.reproject(reference, crs, referenceFile);
        } else if ((reference.crs() == null) != (crs == null)) {
            throw new CliException(referenceFile.toString(), crs == null
                    ? "the footprints have no coordinate system (pixel coordinates), so the reference cannot be "
                            + "put on them"
                    : "has no coordinate system, so it cannot be reprojected to the footprints' " + crs);
        }
        Crs working = workingCrs(crs, footprints);
        List<Geometry> fp = geometries(footprints, crs, working);
        List<Geometry> ref = geometries(reference, crs, working);

        OffsetEstimator estimator = new OffsetEstimator();
        ImageryOffset offset = estimator.estimate(fp, ref, matcher);
        boolean removed = removeOffset && offset.significant();
        List<Geometry> matchedRef = removed ? ref.stream().map(offset::applyTo).toList() : ref;
        Conflation conflation = matcher.match(fp, matchedRef);
        VectorLayer outReference = reference;
        if (removed) {
            List<VectorFeature> moved = new ArrayList<>();
            CrsTransform back = working == crs || working.equals(crs) ? null : CrsTransform.of(working, crs);
            for (int i = 0; i < matchedRef.size(); i++) {
                Geometry g = back == null ? matchedRef.get(i) : back.transform(matchedRef.get(i));
                moved.add(new VectorFeature(g, reference.features().get(i).attributes()));
            }
            outReference = reference.withFeatures(moved);
        }
        double[] probability = image == null ? null : probabilities(outReference, conflation, crs);
        VectorLayer result = ConflationLayer.of(footprints, outReference, conflation, probability);
        write(result);
        int written = 0;
        if (osmNew != null) {
            written = writeOsmNew(footprints, conflation, crs);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        spec.commandLine().getOut().printf(Locale.ROOT,
                "conflate: %d footprints, %d reference buildings%s, matched in %s: %s; offset dx %.2f, dy %.2f %s "
                        + "(± %.2f) from %d pairs, mean IoU %.2f -> %.2f, %s;%s %.2f s -> %s%s%n",
                fp.size(), ref.size(), skipped > 0 ? " (" + skipped + " features that are not polygons left out)" : "",
                working == null ? "pixels" : working, conflation, offset.dx(), offset.dy(), unit(working),
                offset.standardError(), offset.pairs(), offset.iouBefore(), offset.iouAfter(),
                removed ? "removed" : offset.significant() ? "not removed" : "not significant",
                probability == null ? "" : verdicts(probability, conflation), seconds, out,
                osmNew == null ? "" : ", " + written + " new ways -> " + osmNew);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** " not_found by the model: ... ;" for the summary line. */
    private static String verdicts(double[] probability, Conflation conflation) {
        int demolished = 0;
        int missed = 0;
        int uncovered = 0;
        int notFound = 0;
        for (int r = 0; r < probability.length; r++) {
            if (conflation.reference(r).changeClass() != ChangeClass.NOT_FOUND) {
                continue;
            }
            notFound++;
            switch (NotFoundVerdict.of(probability[r])) {
                case OFF_IMAGE -> uncovered++;
                case LIKELY_DEMOLISHED -> demolished++;
                case LIKELY_MISSED -> missed++;
                default -> {
                }
            }
        }
        return String.format(Locale.ROOT, " not_found by the model: %d likely demolished (model_prob < %s), %d likely "
                + "missed (> %s), %d between%s;", demolished, DEMOLISHED, missed, MISSED,
                notFound - demolished - missed - uncovered, uncovered > 0 ? ", " + uncovered + " off the image" : "");
    }

    /**
     * The model's mean building probability over each reference building not found (NaN for the others and where
     * the image does not cover one).
     *
     * @param references the reference buildings in {@code crs}, the footprints' CRS (null: pixels of the image)
     */
    private double[] probabilities(VectorLayer references, Conflation conflation, Crs crs) {
        double[] p = new double[references.features().size()];
        java.util.Arrays.fill(p, Double.NaN);
        List<Integer> notFound = new ArrayList<>();
        for (int r = 0; r < p.length; r++) {
            if (conflation.reference(r).changeClass() == ChangeClass.NOT_FOUND) {
                notFound.add(r);
            }
        }
        java.io.PrintWriter err = spec.commandLine().getErr();
        boolean[] shown = new boolean[1];
        try (GeoImage img = GeoImage.open(image);
             SegmentationModel m = ModelLoading.load(model, ModelLoading.device(device), 0, -1)) {
            Crs imageCrs = img.georef().optionalCrs().orElse(null);
            List<Geometry> polygons = new ArrayList<>();
            CrsTransform toImage = crs == null || imageCrs == null || crs.equals(imageCrs) ? null
                    : CrsTransform.of(crs, imageCrs);
            if (crs != null && imageCrs == null) {
                throw new CliException(image.toString(), "has no coordinate system, so the reference buildings ("
                        + crs + ") cannot be put on it");
            }
            for (int r : notFound) {
                Geometry g = references.features().get(r).geometry();
                polygons.add(toImage == null ? g : toImage.transform(g));
            }
            RegionProbability region = new RegionProbability(m, PipelineConfig.DEFAULT_BATCH_SIZE);
            RegionProbability.Progress progress = (done, total) -> {
                shown[0] = true;
                err.printf(Locale.ROOT, "\rconflate: model_prob, %d/%d tiles", done, total);
                err.flush();
            };
            double[] mean = crs == null ? region.inPixels(img, polygons, () -> false, progress)
                    : region.inMap(img, polygons, () -> false, progress);
            for (int k = 0; k < notFound.size(); k++) {
                p[notFound.get(k)] = mean[k];
            }
        } catch (RooflineInputException e) {
            throw new CliException(e.file().toString(), e.problem(), e);
        } catch (ModelException e) {
            throw new CliException(image.toString(), "the model failed: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new CliException(image.toString(), e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(image.toString(), "interrupted; nothing written", e);
        } finally {
            if (shown[0]) {
                err.println();
                err.flush();
            }
        }
        return p;
    }

    private VectorLayer readReference() {
        try {
            return ReferenceReader.read(referenceFile);
        } catch (IOException e) {
            throw new CliException(referenceFile.toString(), VectorFiles.stripSubject(e.getMessage(),
                    referenceFile), e);
        } catch (IllegalArgumentException e) {
            throw new CliException(referenceFile.toString(), "unknown format: use " + ReferenceReader.KNOWN, e);
        }
    }

    /** The layer's polygonal features only. */
    private static VectorLayer polygons(VectorLayer layer) {
        List<VectorFeature> kept = layer.features().stream().filter(f -> f.geometry() instanceof Polygonal).toList();
        return kept.size() == layer.features().size() ? layer : layer.withFeatures(kept);
    }

    /**
     * The CRS to match in: the footprints' own, or for a geographic one, WGS 84 / UTM in the zone of the footprints'
     * centre, so that areas and the offset are in metres.
     */
    static Crs workingCrs(Crs crs, VectorLayer footprints) {
        if (footprints.features().isEmpty()) {
            return crs;
        }
        Envelope env = new Envelope();
        footprints.features().forEach(f -> env.expandToInclude(f.geometry().getEnvelopeInternal()));
        return org.roofline.geometry.conflate.MatchingCrs.of(crs, env);
    }

    private static String unit(Crs working) {
        return working == null ? "px" : working.isGeographic() ? "°" : "m";
    }

    private static List<Geometry> geometries(VectorLayer layer, Crs crs, Crs working) {
        if (working == null || working.equals(crs)) {
            return layer.features().stream().map(VectorFeature::geometry).toList();
        }
        CrsTransform t = CrsTransform.of(crs, working);
        return layer.features().stream().map(f -> t.transform(f.geometry())).toList();
    }

    private void write(VectorLayer layer) {
        try {
            VectorIo.write(layer, out);
        } catch (IOException e) {
            throw new CliException(out.toString(), e instanceof java.nio.file.FileSystemException
                    ? "cannot write: " + VectorFiles.writeFailure(e, out)
                    : VectorFiles.stripSubject(e.getMessage(), out), e);
        } catch (IllegalArgumentException e) {
            throw new CliException(out.toString(), e.getMessage(), e);
        }
    }

    /** Writes the new footprints, in WGS 84, as new OSM ways; @return how many */
    private int writeOsmNew(VectorLayer footprints, Conflation conflation, Crs crs) {
        if (crs == null) {
            throw new CliException(osmNew.toString(), "the footprints have no coordinate system, so they cannot be "
                    + "written as OpenStreetMap longitudes and latitudes");
        }
        CrsTransform toWgs84 = CrsTransform.of(crs, Crs.WGS84);
        List<OsmChangeWriter.Create> creates = new ArrayList<>();
        for (int i = 0; i < footprints.features().size(); i++) {
            if (conflation.footprint(i).changeClass() != ChangeClass.NEW) {
                continue;
            }
            Geometry g = toWgs84.transform(footprints.features().get(i).geometry());
            for (int k = 0; k < g.getNumGeometries(); k++) {
                creates.add(new OsmChangeWriter.Create((Polygon) g.getGeometryN(k)));
            }
        }
        String tag = source != null ? source : footprintsFile.getFileName().toString();
        try {
            new OsmChangeWriter(tag).write(creates, osmNew);
        } catch (IOException e) {
            throw new CliException(osmNew.toString(), "cannot write: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new CliException("--source", e.getMessage(), e);
        }
        return creates.size();
    }
}
