package org.roofline.app.review;

import java.util.Collection;
import java.util.List;

/** Deletes footprints (a false detection is better rejected; delete is for the reviewer's own mistakes). */
public final class DeleteFootprint extends ReviewCommand {

    private final List<Long> ids;

    public DeleteFootprint(Collection<Long> ids) {
        this.ids = List.copyOf(ids);
    }

    public DeleteFootprint(long id) {
        this(List.of(id));
    }

    @Override
    protected Change compute(ReviewModel m) {
        return new Change(List.of(), existing(m, ids));
    }

    @Override
    public String description() {
        return "Delete " + plural(ids.size(), "footprint");
    }
}
