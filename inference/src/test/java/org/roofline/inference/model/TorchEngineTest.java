package org.roofline.inference.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchEngineTest {

    @Test
    void startsOfflineAndReportsVersionAndDevice() throws ModelException {
        TorchEngine engine = TorchEngine.start();
        System.out.println("engine: " + engine + ", native " + engine.nativePath());
        assertTrue(TorchEngine.offline(), "DJL must run offline");
        assertEquals("true", System.getProperty("ai.djl.offline"));
        assertTrue(engine.version().matches("2\\.\\d+\\.\\d+"), engine.version());
        assertTrue(engine.gpuCount() >= 0);
        assertSame(engine, TorchEngine.start());
        assertEquals(Device.cpu(), engine.device(ComputeDevice.CPU));
        if (engine.gpuCount() == 0) {
            assertEquals(Device.cpu(), engine.device(ComputeDevice.AUTO));
            ModelException e = assertThrows(ModelException.class, () -> engine.device(ComputeDevice.GPU));
            assertTrue(e.getMessage().startsWith("GPU requested but the PyTorch engine"), e.getMessage());
        } else {
            assertEquals(Device.gpu(), engine.device(ComputeDevice.AUTO));
            assertEquals(Device.gpu(), engine.device(ComputeDevice.GPU));
        }
    }

    @Test
    void parsesDeviceChoices() {
        assertEquals(ComputeDevice.AUTO, ComputeDevice.parse("auto"));
        assertEquals(ComputeDevice.CPU, ComputeDevice.parse(" CPU "));
        assertEquals(ComputeDevice.GPU, ComputeDevice.parse("gpu"));
        assertEquals("cpu", ComputeDevice.CPU.toString());
        assertThrows(IllegalArgumentException.class, () -> ComputeDevice.parse("tpu"));
        assertThrows(IllegalArgumentException.class, () -> ComputeDevice.parse(null));
    }

    /** A JVM without the native jar fails at once with a clear message and downloads nothing. */
    @Test
    void missingNativeFailsAtOnceWithoutDownload(@TempDir Path cache) throws Exception {
        String classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> !p.contains("pytorch-native-"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, "-Droofline.engine.cache=" + cache, StartProbe.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "probe did not finish");
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, process.exitValue(), out);
        assertTrue(out.contains("ModelException: PyTorch native library not found"), out);
        assertTrue(out.contains("(offline mode)"), out);
        assertTrue(out.contains("cache " + cache), out);
        try (Stream<Path> files = Files.list(cache)) {
            assertEquals(0, files.count(), "nothing may be written to the engine cache");
        }
    }
}
