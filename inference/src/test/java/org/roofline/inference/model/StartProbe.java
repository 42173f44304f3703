package org.roofline.inference.model;

/**
 * Starts the engine in a fresh JVM and prints how long it took: the first start with an empty engine cache extracts
 * the native library, later ones only load it. Exit status 2 with the message when the engine cannot start.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) -Droofline.engine.cache=/tmp/c \
 *     org.roofline.inference.model.StartProbe [model.pt]
 * </pre>
 */
public final class StartProbe {

    private StartProbe() {
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        TorchEngine engine;
        try {
            engine = TorchEngine.start();
        } catch (ModelException e) {
            System.out.println("ModelException: " + e.getMessage() + " (cache " + TorchEngine.cacheDir() + ")");
            System.exit(2);
            return;
        }
        long t1 = System.nanoTime();
        System.out.printf("engine start %d ms: %s%n", (t1 - t0) / 1_000_000, engine);
        if (args.length > 0) {
            try (TorchScriptModel model = TorchScriptModel.load(java.nio.file.Path.of(args[0]), ComputeDevice.AUTO)) {
                long t2 = System.nanoTime();
                int per = model.metadata().bands() * model.metadata().tileSize() * model.metadata().tileSize();
                java.util.List<float[]> tiles = new java.util.ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    tiles.add(new float[per]);
                }
                model.predict(tiles);
                long t3 = System.nanoTime();
                System.out.printf("model load+check %d ms, predict 8 tiles %d ms on %s%n", (t2 - t1) / 1_000_000,
                        (t3 - t2) / 1_000_000, model.device());
            }
        }
    }
}
