package org.roofline.app.editor.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.concurrent.Worker;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Polygon;
import org.roofline.app.review.ReviewEvent;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.ReviewPersistence;
import org.roofline.app.review.ReviewTiles;
import org.roofline.app.session.SessionStore;
import org.roofline.geometry.crs.Crs;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.postprocess.PostProcessor;
import org.roofline.geometry.postprocess.PostProcessorConfig;
import org.roofline.inference.imagery.GeoImage;
import org.roofline.inference.model.BundledModel;
import org.roofline.inference.model.ComputeDevice;
import org.roofline.inference.model.ModelException;
import org.roofline.inference.model.ModelMetadata;
import org.roofline.inference.model.SegmentationModel;
import org.roofline.inference.pipeline.ExtractionPipeline;
import org.roofline.inference.pipeline.ExtractionResult;
import org.roofline.inference.pipeline.PipelineConfig;
import org.roofline.inference.tiling.TileGrid;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Extraction from the UI, headless: the bundled model on a real Banepa drone tile (512 x 512 px, read at full
 * resolution: 3 rows of 3 tiles), footprints going into a live review backed by a real session file.
 */
@ExtendWith(ApplicationExtension.class)
class ExtractionServiceTest {

    static final Path IMAGE = Path.of(System.getProperty("roofline.resources", "../resources"),
            "samples/fair-banepa/oam/OAM-386690-220241-19.tif");

    @TempDir
    Path dir;
    SessionStore store;
    ReviewModel model;
    ExtractionService service;
    ExtractionPanel panel;
    final List<Integer> additions = new ArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        Envelope extent;
        Crs crs;
        try (GeoImage img = GeoImage.open(IMAGE)) {
            extent = img.info().extent();
            crs = img.georef().crs();
        }
        ReviewTiles tiles = ReviewTiles.covering(extent, Math.max(extent.getWidth(), extent.getHeight()) / 4);
        store = SessionStore.create(dir.resolve("review.gpkg"), IMAGE, crs, List.of(), tiles.count());
        model = new ReviewModel(List.of(), Map.of(), tiles, store, Clock.systemUTC());
        model.addListener(e -> {
            if (e.kind() == ReviewEvent.Kind.FOOTPRINTS) {
                additions.add(e.changedIds().size());
            }
        });
        service = new ExtractionService(model, s -> slow(ModelFiles.load(s.model(), s.device()), 300));
        panel = new ExtractionPanel(service);
        stage.setScene(new Scene(panel, 700, 40));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    static ExtractionSettings settings() {
        return ExtractionSettings.of(IMAGE).withDevice(ComputeDevice.CPU).withSubsampling(1).withBatchSize(1);
    }

    /** The same extraction without the UI. */
    static ExtractionResult plainRun() throws Exception {
        try (GeoImage img = GeoImage.open(IMAGE);
             SegmentationModel m = BundledModel.load(ComputeDevice.CPU);
             PostProcessor post = new PostProcessor(PostProcessorConfig.defaults())) {
            ModelMetadata md = m.metadata();
            TileGrid grid = new TileGrid(img.info().width(), img.info().height(), md.tileSize(), md.overlap(), 1);
            assertEquals(3, grid.rows());
            return new ExtractionPipeline(m, post, PipelineConfig.defaults()).start(img, grid, p -> { })
                    .get(120, TimeUnit.SECONDS);
        }
    }

    @Test
    void footprintsArriveRowByRowAndEqualAPlainRun(FxRobot robot) throws Exception {
        robot.interact(() -> service.extract(settings()));
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> fx(service::getState) == Worker.State.SUCCEEDED
                || fx(service::getState) == Worker.State.FAILED);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Worker.State.SUCCEEDED, fx(service::getState), String.valueOf(fx(service::getException)));

        ExtractionResult plain = plainRun();
        assertTrue(plain.footprints().size() >= 5, "plain run found " + plain.footprints().size());
        assertEquals(plain.footprints().size(), fx(model::size));
        assertEquals(plain.footprints().size(), fx(service::getValue).footprints());
        assertEquals(fx(model::size), service.footprintsAddedProperty().get());
        assertTrue(additions.size() > 1, "footprints arrived in " + additions);
        assertEquals(additions.size(), service.deliveriesProperty().get());
        System.out.println("ExtractionServiceTest: " + plain.footprints().size() + " footprints in deliveries of "
                + additions + "; " + fx(service::getValue).describe());

        // the same polygons as the plain run, each with its outline before regularization
        List<Polygon> expected = new ArrayList<>();
        plain.footprints().forEach(f -> expected.add((Polygon) f.polygon().norm()));
        List<Footprint> added = fx(() -> List.copyOf(model.footprints()));
        for (Footprint f : added) {
            assertTrue(expected.removeIf(p -> p.equalsExact(f.polygon().norm())), "unexpected footprint " + f.id());
            assertNotNull(fx(() -> model.original(f.id())), "original of " + f.id());
            assertEquals(IMAGE.getFileName().toString(), f.source());
        }
        assertTrue(expected.isEmpty());

        // persisted: the session file holds them
        assertEquals(fx(model::size), store.load().footprints().size());
        assertTrue(fx(panel::statusText).startsWith("Extraction done: " + IMAGE.getFileName() + ", "
                + fx(model::size) + " buildings from 9 tiles (0 failed)"), fx(panel::statusText));
        assertFalse(fx(model::tileSequence).isEmpty());
    }

    @Test
    void cancelStopsAndKeepsWhatWasDelivered(FxRobot robot) throws Exception {
        AtomicInteger atFirst = new AtomicInteger(-1);
        robot.interact(() -> service.footprintsAddedProperty().addListener((o, a, b) -> {
            if (atFirst.get() < 0 && b.intValue() > 0) {
                atFirst.set(b.intValue());
            }
        }));
        robot.interact(() -> service.extract(settings()));
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> atFirst.get() > 0
                || fx(service::getState) == Worker.State.FAILED);
        robot.clickOn("#extraction-cancel");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(service::getState) == Worker.State.CANCELLED);
        int kept = fx(model::size);
        Thread.sleep(2000); // the pipeline would have finished the other rows by now
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(kept, fx(model::size), "footprints added after Cancel");
        assertTrue(kept >= atFirst.get() && kept > 0, kept + " kept, " + atFirst.get() + " at the first delivery");
        assertTrue(kept < plainRun().footprints().size(), kept + " kept: the run was not stopped");
        assertEquals(kept, store.load().footprints().size());
        assertEquals("Extraction cancelled: " + kept + " buildings kept", fx(panel::statusText));
    }

    @Test
    void errorsAreOneLineMessages(FxRobot robot) throws Exception {
        Path notAModel = dir.resolve("roofs.pt");
        Files.writeString(notAModel, "not a model");
        // valid metadata (the bundled model's), so that the model file itself is what is wrong
        Files.copy(IMAGE.getParent().getParent().getParent().getParent().resolve("models/roofline-unet.json"),
                dir.resolve("roofs.json"));
        ExtractionService real = WaitForAsyncUtils.asyncFx(() -> new ExtractionService(model)).get();
        String message = failWith(robot, real, settings().withModel(notAModel));
        assertTrue(message.startsWith(notAModel + ": is not a TorchScript model"), message);
        assertFalse(message.contains("Exception"), message);
        System.out.println("ExtractionServiceTest: " + message);

        Path notAnImage = dir.resolve("photo.tif");
        Files.writeString(notAnImage, "not an image");
        message = failWith(robot, real, ExtractionSettings.of(notAnImage).withDevice(ComputeDevice.CPU));
        assertTrue(message.startsWith(notAnImage + ": "), message);
        assertFalse(message.contains("Exception") || message.contains("\n"), message);
        System.out.println("ExtractionServiceTest: " + message);
        assertEquals(0, fx(model::size));
    }

    @Test
    void aSessionThatCannotBeWrittenStopsTheRunWithAMessage(FxRobot robot) throws Exception {
        ReviewPersistence broken = new ReviewPersistence() {
            @Override
            public void footprintsChanged(java.util.Collection<Footprint> footprints) {
                throw new java.io.UncheckedIOException(new java.io.IOException(
                        dir.resolve("full-disk.gpkg") + ": disk full"));
            }

            @Override
            public void footprintsRemoved(java.util.Collection<Long> ids) {
            }

            @Override
            public void tileVisited(int tileIndex, boolean visited) {
            }
        };
        ReviewModel brokenModel = fx(() -> new ReviewModel(List.of(), Map.of(), model.tiles(), broken,
                Clock.systemUTC()));
        ExtractionService s = fx(() -> new ExtractionService(brokenModel));
        String message = failWith(robot, s, settings());
        assertTrue(message.startsWith("the review session: cannot store the extracted footprints: "), message);
        assertEquals("the review session: cannot store the extracted footprints: " + dir.resolve("full-disk.gpkg")
                + ": disk full", message);
        assertEquals(0, (int) fx(brokenModel::size));
    }

    private static String failWith(FxRobot robot, ExtractionService s, ExtractionSettings settings)
            throws Exception {
        robot.interact(() -> s.extract(settings));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(s::getState) == Worker.State.FAILED
                || fx(s::getState) == Worker.State.SUCCEEDED);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Worker.State.FAILED, fx(s::getState));
        assertTrue(fx(s::getException) instanceof ExtractionFailure, String.valueOf(fx(s::getException)));
        return fx(s::getException).getMessage();
    }

    /** Calls on the JavaFX thread (a Service and the review model are for that thread only). */
    static <T> T fx(java.util.concurrent.Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(30, TimeUnit.SECONDS);
    }

    /** A real model whose every call takes at least {@code millis} longer, so that a run can be cancelled midway. */
    static SegmentationModel slow(SegmentationModel m, long millis) {
        return new SegmentationModel() {
            @Override
            public ModelMetadata metadata() {
                return m.metadata();
            }

            @Override
            public List<float[]> predict(List<float[]> tiles) throws ModelException {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ModelException("interrupted");
                }
                return m.predict(tiles);
            }

            @Override
            public void close() {
                m.close();
            }
        };
    }
}
