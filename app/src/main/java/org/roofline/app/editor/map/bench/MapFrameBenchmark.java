package org.roofline.app.editor.map.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.roofline.app.editor.map.MapView;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.ReviewPersistence;
import org.roofline.app.review.Selection;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.inference.imagery.RasterInfo;

/**
 * Frame times of the map in a real window, driven by JavaFX pulses: an {@link AnimationTimer} pans along a circle
 * and zooms in and out (&plusmn;15 %) around three views — zoomed in (4 screen pixels per image pixel), mid (1:1) and
 * the whole extent — first with the map's footprint layer (spatial index, level of detail) and validation markers,
 * then with {@link NaiveFootprintLayer} (every footprint, filled, every frame) over the same imagery.
 *
 * <p>A frame's time is the interval between consecutive pulses, so it includes the rendering of the previous
 * frame (the next pulse waits for it); JavaFX paces pulses at 60 Hz (16.7 ms) unless
 * {@code -Djavafx.animation.fullspeed=true}. The FX-thread time of {@link MapView#redraw()} is reported too.
 * The toolkit must be running; call from any thread but the FX thread.
 */
public final class MapFrameBenchmark {

    /**
     * @param width   window width
     * @param height  window height
     * @param frames  measured frames per run
     * @param warmup  frames before measuring (fewer when they take more than a quarter of {@code maxSeconds})
     * @param maxSeconds a run stops measuring after this long even if it has not measured all its frames
     */
    public record Settings(int width, int height, int frames, int warmup, double maxSeconds) {
        public Settings {
            if (width < 100 || height < 100 || frames < 2 || warmup < 0 || !(maxSeconds > 0)) {
                throw new IllegalArgumentException("bad benchmark settings: " + width + " x " + height + ", "
                        + frames + " frames, " + warmup + " warm-up, " + maxSeconds + " s");
            }
        }
    }

    /**
     * One run's figures (milliseconds).
     *
     * @param visible footprints drawn in the run's last frame (the baseline draws all)
     */
    public record Run(String view, String mode, int visible, int frames, double medianMs, double p95Ms, double maxMs,
                      double fps, double drawMedianMs, double drawP95Ms) {
    }

    private MapFrameBenchmark() {
    }

    /** Runs every view with both layers; {@code log} gets a line per run as it ends. */
    public static List<Run> run(Path image, Collection<Footprint> footprints, Settings s, Consumer<String> log)
            throws Exception {
        Objects.requireNonNull(log, "log");
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("run the benchmark off the FX thread");
        }
        ExecutorService io = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bench-map-io");
            t.setDaemon(true);
            return t;
        });
        Bench b = onFx(() -> new Bench(image, footprints, s, io));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (onFx(() -> b.map.getOverview() == null && b.map.loadErrorProperty().get() == null)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the image's overview was not read within 120 s");
                }
                Thread.sleep(20);
            }
            Throwable err = onFx(() -> b.map.loadErrorProperty().get());
            if (err != null) {
                throw new IllegalStateException(err.getMessage(), err);
            }
            List<Run> runs = new ArrayList<>();
            for (String view : List.of("zoomed-in", "mid", "whole extent")) {
                for (String mode : List.of("indexed+LOD", "baseline")) {
                    CompletableFuture<Run> done = new CompletableFuture<>();
                    Platform.runLater(() -> b.start(view, mode, done));
                    Run r = done.get((long) s.maxSeconds() + 120, TimeUnit.SECONDS);
                    log.accept(String.format(java.util.Locale.ROOT, "  %-13s %-12s done: median %.1f ms", view,
                            mode, r.medianMs()));
                    runs.add(r);
                }
            }
            return runs;
        } finally {
            onFx(() -> {
                b.close();
                return null;
            });
            io.shutdownNow();
        }
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }

    /** The window and the state of the run in progress (FX thread). */
    private static final class Bench {
        final Stage stage = new Stage();
        final MapView map;
        final NaiveFootprintLayer naive;
        final Settings s;

        Bench(Path image, Collection<Footprint> footprints, Settings s, ExecutorService io) {
            this.s = s;
            ReviewModel model = ReviewModel.of(footprints, tileSize(footprints), ReviewPersistence.NONE,
                    Clock.systemUTC());
            map = new MapView(model, new Selection());
            naive = new NaiveFootprintLayer(model);
            map.addLayer(naive);
            stage.setTitle("roofline bench map");
            stage.setScene(new Scene(new StackPane(map), s.width(), s.height()));
            stage.show();
            map.loadOverview(image, io);
        }

        static double tileSize(Collection<Footprint> fps) {
            var e = ReviewModel.extentOf(fps);
            return e.isNull() ? 1 : Math.max(e.getWidth(), e.getHeight()) / 10 + 1e-9;
        }

        void start(String view, String mode, CompletableFuture<Run> done) {
            boolean baseline = mode.equals("baseline");
            map.footprintLayer().setVisible(!baseline);
            map.validationLayer().setVisible(!baseline);
            naive.setVisible(baseline);
            RasterInfo info = map.imageInfo();
            double w = map.getWidth();
            double h = map.getHeight();
            double base = switch (view) {
                case "zoomed-in" -> 4;
                case "mid" -> 1;
                default -> Math.min(w / info.width(), h / info.height());
            };
            double radius = (view.startsWith("whole") ? 0.05 : 0.2) * w; // screen pixels
            double cx = info.width() / 2.0;
            double cy = info.height() / 2.0;
            int total = s.warmup() + s.frames();
            long[] intervals = new long[s.frames()];
            long[] draws = new long[s.frames()];
            new AnimationTimer() {
                int k;
                int measured;
                long prev;
                final long started = System.nanoTime();
                long measuring = -1;
                int visible;

                @Override
                public void handle(long now) {
                    long clock = System.nanoTime();
                    if (measuring < 0 && (k >= s.warmup() || clock - started > s.maxSeconds() * 0.25e9)) {
                        measuring = clock; // warm-up over: by frames, or a quarter of the time allowed
                    } else if (measuring >= 0 && measured < intervals.length) {
                        intervals[measured] = now - prev;
                        measured++;
                    }
                    prev = now;
                    double t = k / (double) total;
                    double scale = base * (1 + 0.15 * Math.sin(4 * Math.PI * t));
                    double px = cx + radius / scale * Math.cos(2 * Math.PI * t);
                    double py = cy + radius / scale * Math.sin(2 * Math.PI * t);
                    map.setView(scale, px - w / 2 / scale, py - h / 2 / scale);
                    map.redraw();
                    if (measuring >= 0 && measured < draws.length) {
                        draws[measured] = map.lastDrawNanos();
                    }
                    visible = baseline ? map.model().size() : map.lastFootprintFrame().visible();
                    k++;
                    boolean timeUp = measuring >= 0 && clock - measuring > s.maxSeconds() * 1e9 && measured >= 2;
                    if (measured >= intervals.length || timeUp) {
                        stop();
                        done.complete(summary(view, mode, visible, Arrays.copyOf(intervals, measured),
                                Arrays.copyOf(draws, measured)));
                    }
                }
            }.start();
        }

        void close() {
            map.dispose();
            stage.close();
        }
    }

    static Run summary(String view, String mode, int visible, long[] intervals, long[] draws) {
        long[] a = intervals.clone();
        long[] d = draws.clone();
        Arrays.sort(a);
        Arrays.sort(d);
        double sum = 0;
        for (long v : a) {
            sum += v;
        }
        return new Run(view, mode, visible, a.length, ms(percentile(a, 50)), ms(percentile(a, 95)),
                ms(a[a.length - 1]), a.length / (sum / 1e9), ms(percentile(d, 50)), ms(percentile(d, 95)));
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
