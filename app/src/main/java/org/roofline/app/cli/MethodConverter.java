package org.roofline.app.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.roofline.geometry.regularize.RegularizationMethod;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses a regularization method by its command-line code, such as {@code right-angles}. */
final class MethodConverter implements ITypeConverter<RegularizationMethod> {

    @Override
    public RegularizationMethod convert(String value) {
        try {
            return RegularizationMethod.fromCode(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** The codes, for picocli's completion and {@code ${COMPLETION-CANDIDATES}}. */
    static final class Codes implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> codes = new ArrayList<>();
            for (RegularizationMethod m : new RegularizationMethod[] {RegularizationMethod.RIGHT_ANGLES,
                    RegularizationMethod.RIGHT_ANGLES_AND_DIAGONALS, RegularizationMethod.ANY_ANGLE,
                    RegularizationMethod.CIRCLE, RegularizationMethod.NONE}) {
                codes.add(m.code());
            }
            return codes.iterator();
        }
    }
}
