package org.roofline.inference.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.Utils;
import java.net.URL;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The DJL PyTorch engine, started once per JVM and strictly offline.
 *
 * <p>Loading this class sets the system property {@code ai.djl.offline=true} (unless it is already set), so DJL never
 * downloads anything: the JNI library comes from the {@code pytorch-jni} jar and libtorch from the
 * {@code pytorch-native-cpu} (or, with the Maven profile {@code cuda}, {@code pytorch-native-cu124}) jar on the class
 * path. On the first start DJL extracts them to the engine cache (about 470 MB for the CPU libtorch 2.7.1; later
 * starts only load them):
 * <ul>
 *   <li>the system property {@code roofline.engine.cache} or else the environment variable
 *       {@code ROOFLINE_ENGINE_CACHE}, when set, becomes DJL's {@code ENGINE_CACHE_DIR} and {@code DJL_CACHE_DIR}
 *       (unless those are set themselves, as environment variables or system properties: DJL's own settings win);
 *   <li>otherwise DJL's default, {@code ~/.djl.ai} (natives under {@code ~/.djl.ai/pytorch/<version>-<flavor>-<os>}).
 * </ul>
 * A class path without the native jar fails at once with a {@link ModelException} ("PyTorch native library not found
 * ... (offline mode)") instead of a download attempt.
 */
public final class TorchEngine {

    /** DJL's name of the engine. */
    public static final String ENGINE_NAME = "PyTorch";
    /** System property naming the engine cache directory (the environment variable is {@link #CACHE_ENV}). */
    public static final String CACHE_PROPERTY = "roofline.engine.cache";
    /** Environment variable naming the engine cache directory. */
    public static final String CACHE_ENV = "ROOFLINE_ENGINE_CACHE";

    static {
        configureOffline();
    }

    private static TorchEngine instance;

    private final Engine engine;
    private final long startMillis;

    private TorchEngine(Engine engine, long startMillis) {
        this.engine = engine;
        this.startMillis = startMillis;
    }

    /** Sets DJL's offline mode and cache directories from Roofline's settings; runs once, when the class loads. */
    private static void configureOffline() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        String cache = System.getProperty(CACHE_PROPERTY);
        if (cache == null || cache.isBlank()) {
            cache = System.getenv(CACHE_ENV);
        }
        if (cache != null && !cache.isBlank()) {
            for (String key : new String[] {"ENGINE_CACHE_DIR", "DJL_CACHE_DIR"}) {
                if (System.getenv(key) == null && System.getProperty(key) == null) {
                    System.setProperty(key, cache.trim());
                }
            }
        }
    }

    /**
     * Starts the engine (the first call extracts and loads the native library; later calls return the same engine).
     *
     * @return the started engine
     * @throws ModelException if the native library is not on the class path or fails to load
     */
    public static synchronized TorchEngine start() throws ModelException {
        if (instance != null) {
            return instance;
        }
        String override = Utils.getEnvOrSystemProperty("PYTORCH_LIBRARY_PATH");
        if ((override == null || override.isBlank()) && resource("native/lib/pytorch.properties") == null) {
            throw new ModelException("PyTorch native library not found: no pytorch-native-cpu (or pytorch-native-cu124)"
                    + " jar on the class path and no PYTORCH_LIBRARY_PATH; it is never downloaded (offline mode)");
        }
        if (resource("jnilib/pytorch.properties") == null) {
            throw new ModelException("PyTorch JNI library not found: no pytorch-jni jar on the class path;"
                    + " it is never downloaded (offline mode)");
        }
        long t0 = System.nanoTime();
        Engine engine;
        try {
            engine = Engine.getEngine(ENGINE_NAME);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new ModelException("PyTorch engine failed to start (offline mode, engine cache " + cacheDir() + "): "
                    + Messages.reason(e), e);
        }
        instance = new TorchEngine(engine, (System.nanoTime() - t0) / 1_000_000);
        return instance;
    }

    private static URL resource(String name) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        URL url = loader == null ? null : loader.getResource(name);
        return url != null ? url : TorchEngine.class.getClassLoader().getResource(name);
    }

    /** @return the directory where DJL keeps (and on first start extracts) the native libraries */
    public static Path cacheDir() {
        return Utils.getEngineCacheDir();
    }

    /** @return whether DJL runs offline (never downloads) */
    public static boolean offline() {
        return Utils.isOfflineMode();
    }

    /** @return the DJL engine */
    public Engine engine() {
        return engine;
    }

    /** @return the libtorch version, e.g. {@code 2.7.1} */
    public String version() {
        return engine.getVersion();
    }

    /** @return the number of CUDA devices the engine sees (0 with the CPU native library) */
    public int gpuCount() {
        return engine.getGpuCount();
    }

    /** @return the directory libtorch was loaded from, or null if DJL does not say */
    public String nativePath() {
        try {
            return ai.djl.pytorch.jni.LibUtils.getLibtorchPath();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** @return milliseconds the first {@link #start()} took to initialize the engine in this JVM */
    public long startMillis() {
        return startMillis;
    }

    /**
     * Resolves a device choice.
     *
     * @param choice auto (GPU 0 if the engine sees a CUDA device, else the CPU), cpu or gpu
     * @return the DJL device
     * @throws ModelException if a GPU is asked for and the engine sees none
     */
    public Device device(ComputeDevice choice) throws ModelException {
        switch (choice) {
            case CPU:
                return Device.cpu();
            case GPU:
                if (gpuCount() == 0) {
                    throw new ModelException("GPU requested but the PyTorch engine " + version() + " sees no CUDA device"
                            + " (native library " + nativePath() + "); use the device cpu or auto, or build with"
                            + " the Maven profile cuda");
                }
                return Device.gpu();
            case AUTO:
            default:
                return gpuCount() > 0 ? Device.gpu() : Device.cpu();
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "PyTorch %s (%d GPU, offline %s, cache %s, started in %d ms)", version(),
                gpuCount(), offline(), cacheDir(), startMillis);
    }
}
