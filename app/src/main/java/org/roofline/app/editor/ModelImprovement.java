package org.roofline.app.editor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.layout.Region;
import org.roofline.app.editor.finetune.FineTunePanel;
import org.roofline.app.editor.finetune.FineTuneService;
import org.roofline.app.finetune.ReviewFineTuning;
import org.roofline.app.review.ReviewCommand;
import org.roofline.app.session.ReviewSession;
import org.roofline.app.session.SessionStore;

/**
 * Review &gt; Improve the model from this review: starts the {@link FineTuneService} on the open session (from the
 * model last fine-tuned on it, else the bundled one), shows its {@link FineTunePanel}, and when it succeeds runs its
 * re-extraction on the undo stack and records the new model in the session. A review without a session file, or
 * opened read-only, cannot be improved (said in the status line). FX thread.
 */
final class ModelImprovement {

    private final OpenedReview review;
    private final Consumer<ReviewCommand> execute;
    private final StatusLine status;
    private final FineTuneService service;
    private final Node panel;

    ModelImprovement(OpenedReview review, Consumer<ReviewCommand> execute, StatusLine status) {
        this.review = review;
        this.execute = execute;
        this.status = status;
        if (review.sessionFile() == null || review.readOnly()) {
            service = null;
            Region none = new Region();
            none.setManaged(false);
            none.setVisible(false);
            panel = none;
            return;
        }
        service = new FineTuneService(review.model(), review.image(), review.sessionFile(), this::baseModel);
        panel = new FineTunePanel(service);
        service.setOnSucceeded(e -> finished(service.getValue()));
    }

    /** The session's last fine-tuned model when its folder is still there, else null (the bundled model). */
    private Path baseModel() {
        return store().flatMap(s -> s.meta(ReviewFineTuning.SESSION_MODEL_KEY)).map(Path::of)
                .filter(p -> Files.isRegularFile(p.resolve("roofline-unet.params"))).orElse(null);
    }

    private Optional<SessionStore> store() {
        return review.resources() instanceof ReviewSession s ? Optional.of(s.store()) : Optional.empty();
    }

    private void finished(FineTuneService.Outcome o) {
        if (o == null) {
            return;
        }
        if (o.command() != null) {
            execute.accept(o.command());
        }
        try {
            store().ifPresent(s -> s.putMeta(ReviewFineTuning.SESSION_MODEL_KEY,
                    o.report().modelDir().toAbsolutePath().toString()));
        } catch (RuntimeException e) {
            status.say(o.describe() + "; not recorded in the session: " + StatusLine.describe(e));
            return;
        }
        status.say(o.describe() + (o.command() == null ? "; no untouched tile to re-extract."
                : "; " + o.command().description() + " (Ctrl+Z undoes it)."));
    }

    /** Starts improving the model, unless it cannot be (said why). */
    void start() {
        if (service == null) {
            status.say(review.readOnly() ? "This review is open read-only: the model cannot be improved from it."
                    : "Only a review saved in a session can improve the model.");
            return;
        }
        if (service.isRunning()) {
            status.say("The model is already being improved (Cancel stops it).");
            return;
        }
        if (service.reviewedTiles().finished().isEmpty()) {
            status.say("No finished tile yet: decide every footprint of a tile, then improve the model.");
            return;
        }
        service.restart();
    }

    void cancel() {
        if (service != null && service.isRunning()) {
            service.cancel();
        }
    }

    /** The progress strip (an empty node when the review cannot be improved). */
    Node panel() {
        return panel;
    }

    /** The service, or null when the review cannot be improved. */
    FineTuneService service() {
        return service;
    }
}
