package org.roofline.app.review;

/**
 * One edit of a {@link ReviewModel}, which knows how to undo itself. {@link #apply} after {@link #undo} (redo) must
 * give exactly the state the first apply gave; {@link #undo} must restore exactly the footprints before it (equal
 * records), persisting the restoration. Run commands through an {@link UndoStack}.
 */
public interface ReviewCommand {

    void apply(ReviewModel m);

    void undo(ReviewModel m);

    /** A short description for menus, such as "Accept 3 footprints". */
    String description();
}
