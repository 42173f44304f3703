package org.roofline.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.roofline.app.finetune.ReviewFineTuning;
import org.roofline.app.finetune.ReviewedTiles;
import org.roofline.app.finetune.TileReExtraction;
import org.roofline.app.review.ReExtractTiles;
import org.roofline.app.review.UndoStack;
import org.roofline.app.session.ReviewSession;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.inference.model.ModelException;
import org.roofline.inference.training.FineTuner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code roofline finetune}: teaches the model from a review's finished tiles. */
@Command(name = "finetune",
        mixinStandardHelpOptions = true,
        header = "Fine-tunes the model on the tiles a review has finished.",
        description = {
                "Trains the session's model further on the review tiles whose footprints are all decided: accepted, "
                        + "edited and drawn footprints are buildings, rejected ones background (unless a kept one "
                        + "covers them); same targets and loss as 'train', from the model's current weights, for "
                        + "--minutes at most. Writes roofline-unet.params, roofline-unet.json and "
                        + "roofline-finetune.json (provenance: base model, session, tiles, time) to --out; use it "
                        + "with 'extract --model MODEL_DIR'.",
                "With --re-extract the tiles that hold no decided footprint are extracted again with the new model "
                        + "and their pending footprints replaced, as one change saved in the session (the editor's "
                        + "Ctrl+Z undoes it there); decided footprints are never touched. Without it the session is "
                        + "only read."})
final class FinetuneCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SESSION", description = "The review session (.gpkg made by 'roofline open').")
    Path session;

    @Option(names = "--out", required = true, paramLabel = "MODEL_DIR", description = "Where the model is written.")
    Path out;

    @Option(names = "--minutes", paramLabel = "N", defaultValue = "5",
            description = "Longest time the training steps may take (default: ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--max-steps", paramLabel = "N", defaultValue = "0",
            description = "Stop after so many optimizer steps; 0 for the time limit only (default: ${DEFAULT-VALUE}).")
    int maxSteps;

    @Option(names = "--model", paramLabel = "MODEL_DIR",
            description = "The model to start from (a 'roofline train' folder); default: the one last fine-tuned on "
                    + "this session, else the bundled model.")
    Path model;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "5e-5",
            description = "Adam's learning rate, constant (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--re-extract",
            description = "Replace the pending footprints of the untouched tiles with the new model's.")
    boolean reExtract;

    @Override
    public Integer call() {
        if (!(minutes > 0) || maxSteps < 0 || !(learningRate > 0)) {
            throw InvalidOption.of(spec, "--minutes/--max-steps/--lr",
                    "must be positive (minutes, learning rate) and not negative (steps)");
        }
        OutputGuard.notTheInput(session, out, "is the session itself; write the model to a folder");
        PrintWriter err = spec.commandLine().getErr();
        FineTuner.Settings settings = FineTuner.Settings.of(Duration.ofMillis(Math.round(minutes * 60_000)))
                .withMaxSteps(maxSteps);
        settings = new FineTuner.Settings(settings.budget(), settings.maxSteps(), settings.tile(),
                settings.batchSize(), learningRate, seed);
        int[] lastTenth = {-1};
        FineTuner.Listener log = (message, fraction) -> {
            int tenth = (int) Math.floor(fraction * 10);
            if (tenth != lastTenth[0] || fraction == 0) {
                lastTenth[0] = tenth;
                err.println(String.format(Locale.ROOT, "%3.0f%% %s", 100 * fraction, message));
                err.flush();
            }
        };
        try (ReviewSession s = reExtract ? ReviewSession.open(session) : ReviewSession.openReadOnly(session)) {
            Path base = model != null ? model
                    : s.store().meta(ReviewFineTuning.SESSION_MODEL_KEY).map(Path::of).orElse(null);
            List<Footprint> snapshot = new ArrayList<>(s.model().footprints());
            FineTuner.Report r = ReviewFineTuning.run(s.image(), session, s.model().tiles(), snapshot, base, out,
                    settings, log);
            PrintWriter o = spec.commandLine().getOut();
            o.printf(Locale.ROOT, "finetune: %d steps in %.0f s on %d finished tiles (loss %.4f -> %.4f), from %s "
                            + "-> %s%n", r.steps(), r.seconds(), r.patches().size(), r.firstLoss(), r.lastLoss(),
                    r.baseModel(), out);
            if (reExtract) {
                ReviewedTiles tiles = ReviewedTiles.of(s.model().tiles(), snapshot);
                Optional<ReExtractTiles> c = TileReExtraction.run(s.image(), out, s.model().tiles(),
                        tiles.untouched(), log);
                if (c.isPresent()) {
                    new UndoStack(s.model()).execute(c.get()).join();
                    o.println("  " + c.get().description());
                } else {
                    o.println("  no untouched tile to re-extract");
                }
                s.store().putMeta(ReviewFineTuning.SESSION_MODEL_KEY, out.toAbsolutePath().toString());
            }
            o.flush();
        } catch (IOException e) {
            throw failure(e);
        } catch (ModelException e) {
            throw new CliException(model == null ? "model" : model.toString(), e.getMessage(), e);
        }
        return 0;
    }

    /** The exception's one line as subject and problem (the message names its file first). */
    private CliException failure(IOException e) {
        String m = String.valueOf(e.getMessage());
        int colon = m.indexOf(": ");
        return colon > 0 ? new CliException(m.substring(0, colon), m.substring(colon + 2), e)
                : new CliException(session.toString(), m, e);
    }
}
