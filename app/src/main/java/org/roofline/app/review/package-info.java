/**
 * The review model without JavaFX: footprints and their statuses, the selection, tiles and their order, the
 * reviewer's moves ({@link org.roofline.app.review.ReviewNavigator} on the orders of {@link
 * org.roofline.app.review.ReviewNavigation}), validation, review speed, and every edit as an undoable command ({@link
 * org.roofline.app.review.ReviewCommand}) that only the {@link org.roofline.app.review.UndoStack} applies.
 */
package org.roofline.app.review;
