/**
 * Review &gt; Improve the model from this review: the background {@link FineTuneService} (fine-tune on the finished
 * tiles, then re-extract the untouched ones) and its progress strip {@link FineTunePanel}.
 */
package org.roofline.app.editor.finetune;
