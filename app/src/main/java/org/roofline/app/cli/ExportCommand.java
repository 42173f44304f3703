package org.roofline.app.cli;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import org.roofline.app.export.ExportException;
import org.roofline.app.export.ExportReport;
import org.roofline.app.export.ExportRequest;
import org.roofline.app.export.ExportStatuses;
import org.roofline.app.export.FootprintExporter;
import org.roofline.app.export.FootprintSnapshot;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.footprint.ReviewStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code roofline export}: the footprints of a review session to a Shapefile, GeoJSON or GeoPackage. */
@Command(name = "export",
        mixinStandardHelpOptions = true,
        header = "Exports the footprints of a review session.",
        description = {
                "Writes the session's footprints with the chosen statuses (default: accepted and edited, what the "
                        + "reviewer kept) to OUT, format by extension (.shp, .geojson, .gpkg), in the session's CRS "
                        + "or the one given with --crs (GeoJSON: RFC 7946 WGS 84 unless --crs names another). The "
                        + "file is written under a temporary name, read back and compared with what was written, "
                        + "and only then renamed over OUT: a failed export leaves an existing OUT as it was.",
                "The session file is only read (opened read-only: it may be read-only, or open in the editor).",
                "With a reference layer (open --reference): --changes writes what the review changed in the map, "
                        + "--osm-change the same as an OSM XML file for JOSM."})
final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SESSION", description = "The review session (.gpkg made by 'roofline open').")
    Path session;

    @Option(names = {"-o", "--out"}, paramLabel = "OUT",
            description = "The file to write: .shp, .geojson or .gpkg (needed unless --changes or --osm-change).")
    Path out;

    @Option(names = "--status", paramLabel = "STATUS[,STATUS...]|all", defaultValue = "accepted,edited",
            description = "The statuses to export: pending, accepted, rejected, edited, or all "
                    + "(default: ${DEFAULT-VALUE}).")
    String status;

    @Option(names = "--crs", paramLabel = "EPSG:CODE|WKT",
            description = "Reproject to this CRS (default: the session's).")
    String crs;

    @Option(names = "--changes", paramLabel = "CHANGES",
            description = "Also (or only) write what the review changed in its reference map: new buildings "
                    + "(create), replaced geometries (modify, with the reference id) and demolished ones (delete), "
                    + "attribute 'change'; .shp, .geojson or .gpkg.")
    Path changes;

    @Option(names = "--osm-change", paramLabel = "FILE.osm",
            description = "Also (or only) write those changes as an OpenStreetMap XML file JOSM opens and can "
                    + "upload (the reference must have come from OSM XML).")
    Path osmChange;

    @Option(names = "--source", paramLabel = "TEXT",
            description = "The source tag of new buildings in --osm-change: the imagery (default: the image's "
                    + "file name).")
    String source;

    @Override
    public Integer call() {
        if (out == null && changes == null && osmChange == null) {
            throw new CliException("export", "name a file to write: --out OUT, --changes CHANGES or --osm-change "
                    + "FILE.osm");
        }
        if (out == null) {
            return exportChanges();
        }
        int footprints = exportFootprints();
        return changes == null && osmChange == null ? footprints : exportChanges();
    }

    /** Writes --changes and --osm-change; @return 0 */
    private int exportChanges() {
        try {
            for (Path p : new Path[] {changes, osmChange}) {
                if (p != null) {
                    OutputGuard.notTheInput(session, p, "is the session itself; export to another file");
                }
            }
            if (changes != null) {
                org.roofline.app.export.FootprintExporter.checkOutputFormat(changes);
            }
            org.roofline.app.export.ChangeSnapshot snapshot = org.roofline.app.export.ChangeSnapshot
                    .fromSession(session);
            if (changes != null) {
                spec.commandLine().getOut().println(org.roofline.app.export.ChangeExporter.write(snapshot, changes)
                        .summary());
            }
            if (osmChange != null) {
                spec.commandLine().getOut().println(org.roofline.app.export.ChangeExporter.writeOsm(snapshot,
                        osmChange, source).summary());
            }
        } catch (ExportException e) {
            throw new CliException(e.subject(), e.problem(), e);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    private int exportFootprints() {
        Set<ReviewStatus> statuses;
        try {
            statuses = ExportStatuses.parse(status);
        } catch (IllegalArgumentException e) {
            throw new CliException("--status " + status, e.getMessage());
        }
        Crs target = crs == null ? null : CrsArgument.parse(crs);
        ExportReport report;
        try {
            FootprintExporter.checkOutputFormat(out);
            OutputGuard.notTheInput(session, out, "is the session itself; export to another file");
            FootprintSnapshot snapshot = FootprintSnapshot.fromSession(session);
            report = FootprintExporter.export(snapshot, new ExportRequest(out, statuses, target),
                    FootprintExporter.Listener.NONE);
        } catch (ExportException e) {
            throw new CliException(e.subject(), e.problem(), e);
        }
        spec.commandLine().getOut().println(report.summary());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
