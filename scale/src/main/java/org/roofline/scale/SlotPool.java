package org.roofline.scale;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.roofline.geometry.postprocess.PostProcessor;
import org.roofline.geometry.postprocess.PostProcessorConfig;
import org.roofline.geometry.regularize.RegularizationParameters;
import org.roofline.inference.engine.EngineRequest;
import org.roofline.inference.model.ComputeDevice;
import org.roofline.inference.model.ModelFiles;
import org.roofline.inference.model.SegmentationModel;
import org.roofline.inference.pipeline.ExtractionPipeline;
import org.roofline.inference.pipeline.PipelineConfig;

/**
 * The models of one executor JVM: a model (with its post-processor and pipeline) is loaded lazily by the first task
 * that needs one and none is free, then kept for the next tasks (DJL's Spark pattern, without its artifact). A task
 * holds one slot while it runs, so an executor never holds more models than it runs tasks at once (its task slots).
 * Slots live as long as the JVM; they are keyed by the request's model settings.
 */
final class SlotPool {

    /** One model, its post-processor and the pipeline over both; used by one task at a time. */
    record Slot(String key, SegmentationModel model, PostProcessor post, ExtractionPipeline pipeline) {
    }

    private static final Map<String, ConcurrentLinkedQueue<Slot>> FREE = new ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicInteger LOADED = new java.util.concurrent.atomic.AtomicInteger();

    private SlotPool() {
    }

    /** A free slot for the request's settings, loading a model when none is free. */
    static Slot borrow(EngineRequest r) throws ModelFiles.Failure {
        String key = key(r);
        Slot s = FREE.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).poll();
        if (s != null) {
            return s;
        }
        SegmentationModel model = ModelFiles.load(r.modelPath(), ComputeDevice.parse(r.device()), r.tile(),
                r.overlap());
        LOADED.incrementAndGet();
        PostProcessor post = new PostProcessor(postProcessorConfig(r));
        return new Slot(key, model, post, new ExtractionPipeline(model, post,
                PipelineConfig.defaults().withBatchSize(r.batchSize())));
    }

    /** Hands a slot back for the next task. */
    static void release(Slot s) {
        FREE.get(s.key()).add(s);
    }

    /** How many models this JVM has loaded so far. */
    static int loaded() {
        return LOADED.get();
    }

    /**
     * The post-processor settings {@code roofline extract} derives from the same options: the defaults but for the
     * method, the tolerance and the threads.
     */
    static PostProcessorConfig postProcessorConfig(EngineRequest r) {
        RegularizationParameters params = RegularizationParameters.defaults(r.method());
        String t = r.tolerance().strip();
        params = t.equalsIgnoreCase("auto") ? params.withAdaptiveTolerance()
                : params.withTolerance(Double.parseDouble(t));
        return PostProcessorConfig.defaults().withParallelism(r.threads()).withRegularization(params);
    }

    private static String key(EngineRequest r) {
        return r.model() + "|" + r.device() + "|" + r.batchSize() + "|" + r.tile() + "|" + r.overlap() + "|"
                + r.method() + "|" + r.tolerance() + "|" + r.threads();
    }
}
