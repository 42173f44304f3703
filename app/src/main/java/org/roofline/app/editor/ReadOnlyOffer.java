package org.roofline.app.editor;

import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;
import org.roofline.app.session.SessionLock;

/**
 * The dialog shown when File &gt; Open (or Recent) names a session that another editor holds: it says who holds it
 * and offers to open the session read-only instead (to look, not to decide). Not modal to the review: it is shown
 * and answered on the FX thread, and only the "Open read-only" button opens anything.
 */
final class ReadOnlyOffer {

    /** The button that opens the session read-only. */
    static final ButtonType OPEN_READ_ONLY = new ButtonType("Open read-only", ButtonBar.ButtonData.OK_DONE);
    /** What the status bar says while a read-only session is shown. */
    static final String NOTE = "Read-only: another editor has this session open; decisions cannot be made here";

    private ReadOnlyOffer() {
    }

    /** The lock refusal somewhere in a failure's causes, if that is why it failed. */
    static Optional<SessionLock.HeldException> heldIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SessionLock.HeldException held) {
                return Optional.of(held);
            }
        }
        return Optional.empty();
    }

    /**
     * Shows the offer (FX thread).
     *
     * @param openReadOnly run when the user chooses {@link #OPEN_READ_ONLY}
     * @return the dialog, shown
     */
    static Alert show(Window owner, SessionLock.HeldException held, Runnable openReadOnly) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", OPEN_READ_ONLY, ButtonType.CANCEL);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.setTitle("Session in use");
        alert.setHeaderText(held.session().getFileName() + " is open in another editor");
        alert.setContentText(held.problem() + ".\n\nOpen it read-only to look at it; no decision can be made there.");
        alert.setOnHidden(e -> {
            if (alert.getResult() == OPEN_READ_ONLY) {
                openReadOnly.run();
            }
        });
        alert.show();
        return alert;
    }
}
