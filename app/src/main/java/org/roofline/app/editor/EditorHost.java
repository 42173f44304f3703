package org.roofline.app.editor;

import java.nio.file.Path;
import java.util.List;

/** What the editor pane asks of the window around it: open another review, the recent files, quit. */
interface EditorHost {

    /** Opens an image or a session in this window, off the FX thread; the current review closes when it succeeds. */
    void open(Path imageOrSession);

    /** Recently opened sessions and images, most recent first. */
    List<Path> recent();

    /** Closes the window (everything is already saved). */
    void quit();

    /** A host with nowhere to go: for tests and embedding. */
    EditorHost NONE = new EditorHost() {
        @Override
        public void open(Path imageOrSession) {
        }

        @Override
        public List<Path> recent() {
            return List.of();
        }

        @Override
        public void quit() {
        }
    };
}
