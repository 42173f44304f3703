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
                "The session file is only read (opened read-only: it may be read-only, or open in the editor)."})
final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SESSION", description = "The review session (.gpkg made by 'roofline open').")
    Path session;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "OUT",
            description = "The file to write: .shp, .geojson or .gpkg.")
    Path out;

    @Option(names = "--status", paramLabel = "STATUS[,STATUS...]|all", defaultValue = "accepted,edited",
            description = "The statuses to export: pending, accepted, rejected, edited, or all "
                    + "(default: ${DEFAULT-VALUE}).")
    String status;

    @Option(names = "--crs", paramLabel = "EPSG:CODE|WKT",
            description = "Reproject to this CRS (default: the session's).")
    String crs;

    @Override
    public Integer call() {
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
