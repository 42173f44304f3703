package org.roofline.app.export;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.roofline.app.review.ReferenceBuilding;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.ReviewPersistence;
import org.roofline.app.session.SessionStore;
import org.roofline.geometry.conflate.ChangeClass;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.footprint.Footprint;

/**
 * What a review decided to change in the reference map, frozen for a background export: the footprints, the reference
 * buildings with their review states, and every footprint's and reference building's change class.
 *
 * @param footprints       the footprints (immutable values)
 * @param references       the reference buildings, with their states
 * @param footprintClasses each footprint's change class by id
 * @param referenceClasses each reference building's change class by id
 * @param crs              the CRS of the coordinates, or null for pixel coordinates
 * @param source           where it came from, for messages (the session file, or "the review")
 * @param imagery          the reviewed image's file name: the {@code source} tag of new OSM buildings by default
 * @param referenceSource  the reference's file name, or null
 */
public record ChangeSnapshot(List<Footprint> footprints, List<ReferenceBuilding> references,
        Map<Long, ChangeClass> footprintClasses, Map<Long, ChangeClass> referenceClasses, Crs crs, String source,
        String imagery, String referenceSource) {

    public ChangeSnapshot {
        footprints = List.copyOf(footprints);
        references = List.copyOf(references);
        footprintClasses = Map.copyOf(footprintClasses);
        referenceClasses = Map.copyOf(referenceClasses);
        Objects.requireNonNull(source, "source");
    }

    /** Copies a live review (on the model's thread; cheap: the values are immutable). */
    public static ChangeSnapshot of(ReviewModel model, Crs crs, String imagery) {
        Map<Long, ChangeClass> fc = new HashMap<>();
        for (Footprint f : model.footprints()) {
            ChangeClass c = model.changeClass(f.id());
            if (c != null) {
                fc.put(f.id(), c);
            }
        }
        Map<Long, ChangeClass> rc = new HashMap<>();
        for (ReferenceBuilding r : model.references()) {
            ChangeClass c = model.referenceClass(r.id());
            if (c != null) {
                rc.put(r.id(), c);
            }
        }
        return new ChangeSnapshot(List.copyOf(model.footprints()), List.copyOf(model.references()), fc, rc, crs,
                "the review", imagery, model.referenceSource());
    }

    /**
     * Reads a review session read-only (see {@link FootprintSnapshot#fromSession}) and classes its footprints against
     * its reference layer, as the editor does.
     *
     * @throws ExportException naming the file when it cannot be read, or has no reference layer
     */
    public static ChangeSnapshot fromSession(Path session) throws ExportException {
        Objects.requireNonNull(session, "session");
        try (SessionStore store = SessionStore.openReadOnly(session)) {
            SessionStore.References refs = store.loadReferences();
            if (refs.buildings().isEmpty()) {
                throw new ExportException(session.toString(), "has no reference layer, so there are no changes to "
                        + "a map (open the image with --reference FILE, or File > Add reference layer)");
            }
            List<Footprint> fps = store.load().footprints();
            org.locationtech.jts.geom.Envelope extent = ReviewModel.extentOf(fps);
            // one tile: the export needs the classes, not the review's tiles
            ReviewModel model = ReviewModel.of(fps, Math.max(extent.getWidth(), extent.getHeight()) + 1,
                    ReviewPersistence.NONE, Clock.systemUTC());
            model.restoreReferences(refs.buildings(), refs.source());
            ChangeSnapshot s = of(model, store.crs(), store.image() == null ? session.getFileName().toString()
                    : store.image().getFileName().toString());
            return new ChangeSnapshot(s.footprints(), s.references(), s.footprintClasses(), s.referenceClasses(),
                    s.crs(), session.toString(), s.imagery(), s.referenceSource());
        } catch (IOException e) {
            throw new ExportException(session.toString(), Messages.withoutSubject(e.getMessage(), session), e);
        } catch (RuntimeException e) {
            throw new ExportException(session.toString(), "not a readable Roofline review session ("
                    + Messages.oneLine(e) + ")", e);
        }
    }
}
