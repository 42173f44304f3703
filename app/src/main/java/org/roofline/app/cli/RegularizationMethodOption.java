package org.roofline.app.cli;

import org.roofline.geometry.regularize.RegularizationMethod;
import picocli.CommandLine.Option;

/** {@code -m/--method}: the regularization method, for the commands that regularize ({@code @Mixin}). */
final class RegularizationMethodOption {

    @Option(names = {"-m", "--method"}, paramLabel = "METHOD", defaultValue = "right-angles",
            converter = MethodConverter.class, completionCandidates = MethodConverter.Codes.class,
            description = "Regularization: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    RegularizationMethod method;

    RegularizationMethod method() {
        return method;
    }
}
