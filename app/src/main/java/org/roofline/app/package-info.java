/**
 * Roofline's application: the command line ({@code cli}), the review model and its undoable commands ({@code
 * review}), the crash-safe session ({@code session}), export ({@code export}), the bundled sample ({@code sample})
 * and the JavaFX editor ({@code editor}); {@link org.roofline.app.UserDirectories} says where the user's files go,
 * {@link org.roofline.app.AppVersion} which version this is.
 */
package org.roofline.app;
