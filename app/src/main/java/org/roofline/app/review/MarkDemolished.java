package org.roofline.app.review;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Marks reference buildings demolished ({@link ReferenceState#DEMOLISHED}): the change file deletes them. */
public final class MarkDemolished extends ReviewCommand {

    private final List<Long> referenceIds;

    public MarkDemolished(Collection<Long> referenceIds) {
        if (referenceIds.isEmpty()) {
            throw new IllegalArgumentException("no reference building to mark demolished");
        }
        this.referenceIds = List.copyOf(referenceIds);
    }

    @Override
    protected Change compute(ReviewModel m) {
        List<ReferenceBuilding> out = new ArrayList<>(referenceIds.size());
        for (long id : referenceIds) {
            ReferenceBuilding r = m.reference(id);
            if (r == null) {
                throw new IllegalArgumentException("no reference building " + id);
            }
            out.add(r.withState(ReferenceState.DEMOLISHED, null));
        }
        return new Change(List.of(), List.of(), out);
    }

    @Override
    public String description() {
        return "Mark " + plural(referenceIds.size(), "reference building") + " demolished";
    }
}
