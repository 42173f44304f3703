/**
 * The review model without JavaFX: footprints and their statuses, the selection, tiles and their order, navigation
 * rules, validation, review speed, and every edit as an undoable command ({@link
 * org.roofline.app.review.ReviewCommand}, {@link org.roofline.app.review.UndoStack}).
 */
package org.roofline.app.review;
