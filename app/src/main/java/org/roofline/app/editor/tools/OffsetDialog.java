package org.roofline.app.editor.tools;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.paint.Color;
import javafx.stage.Modality;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.roofline.app.editor.map.MapView;
import org.roofline.app.review.MoveFootprints;
import org.roofline.app.review.ReviewModel;
import org.roofline.app.review.UndoStack;
import org.roofline.geometry.footprint.Footprint;

/**
 * The batch offset: the user types how many metres east and north to shift every footprint (or only the selected
 * ones), to fix imagery that is offset from the footprints. The metres are converted to map units at the centre of
 * the footprints moved ({@link GroundMetres}: degrees for a geographic CRS, the CRS's unit for a projected one), and
 * OK gives one {@link MoveFootprints} (one undo). OK is disabled while a field is not a number (comma or point
 * decimals). Needs a georeferenced image with a known CRS: {@link #open} otherwise says so and shows nothing.
 */
public final class OffsetDialog extends Dialog<MoveFootprints> {

    /** Control ids, for tests and styling. */
    public static final String EAST_ID = "offset-east";
    public static final String NORTH_ID = "offset-north";
    public static final String SELECTED_ID = "offset-selected-only";

    private final TextField east = new TextField("0");
    private final TextField north = new TextField("0");
    private final CheckBox selectedOnly = new CheckBox();
    private final Label problem = new Label();

    private OffsetDialog(MapView map, GroundMetres metres) {
        setTitle("Offset footprints");
        setHeaderText("Shift footprints by a distance on the ground");
        initModality(Modality.NONE);
        east.setId(EAST_ID);
        north.setId(NORTH_ID);
        selectedOnly.setId(SELECTED_ID);
        int selected = map.selection().size();
        selectedOnly.setText("Only the " + selected + " selected footprint" + (selected == 1 ? "" : "s"));
        selectedOnly.setVisible(selected > 0);
        selectedOnly.setManaged(selected > 0);
        problem.setTextFill(Color.FIREBRICK);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("East (m, negative = west)"), east);
        grid.addRow(1, new Label("North (m, negative = south)"), north);
        grid.add(selectedOnly, 0, 2, 2, 1);
        grid.add(problem, 0, 3, 2, 1);
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        east.textProperty().addListener((o, a, b) -> check());
        north.textProperty().addListener((o, a, b) -> check());
        check();
        setResultConverter(button -> {
            if (button != ButtonType.OK) {
                return null;
            }
            double e = parse(east.getText());
            double n = parse(north.getText());
            if (e == 0 && n == 0) {
                return null;
            }
            List<Long> ids = selectedOnly.isSelected() ? List.copyOf(map.selection().ids()) : null;
            Collection<Footprint> which = ids == null ? map.model().footprints() : footprints(map.model(), ids);
            Coordinate shift = metres.toMapShift(centre(which), e, n);
            return (ids == null ? MoveFootprints.all(shift.x, shift.y) : new MoveFootprints(ids, shift.x, shift.y))
                    .describedAs(String.format(java.util.Locale.ROOT, "%.2f m east, %.2f m north", e, n));
        });
    }

    /**
     * Shows the dialog (not modal, the FX thread is not blocked); OK runs the offset on {@code undo} and reports it
     * to {@code messages}.
     *
     * @return the dialog, or null when the image has no georeferencing or no footprints (said on {@code messages})
     */
    public static OffsetDialog open(MapView map, UndoStack undo, Consumer<String> messages) {
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(undo, "undo");
        Objects.requireNonNull(messages, "messages");
        if (map.model().size() == 0) {
            messages.accept("Offset: there are no footprints");
            return null;
        }
        GroundMetres metres;
        try {
            metres = GroundMetres.of(map.georeferencing());
        } catch (IllegalStateException e) {
            messages.accept("Offset: " + e.getMessage());
            return null;
        }
        OffsetDialog d = new OffsetDialog(map, metres);
        if (map.getScene() != null && map.getScene().getWindow() != null) {
            d.initOwner(map.getScene().getWindow());
        }
        d.setOnHidden(ev -> {
            MoveFootprints m = d.getResult();
            if (m != null) {
                undo.execute(m);
                messages.accept(String.format(Locale.ROOT, "Offset %s by %.2f m east, %.2f m north",
                        d.selectedOnly.isSelected() ? "the selection" : "all footprints", parse(d.east.getText()),
                        parse(d.north.getText())));
                map.redraw();
            }
        });
        d.show();
        return d;
    }

    private void check() {
        String msg = null;
        if (Double.isNaN(parse(east.getText()))) {
            msg = "East: not a number";
        } else if (Double.isNaN(parse(north.getText()))) {
            msg = "North: not a number";
        }
        problem.setText(msg == null ? "" : msg);
        getDialogPane().lookupButton(ButtonType.OK).setDisable(msg != null);
    }

    /** The number typed, or NaN. */
    static double parse(String text) {
        try {
            double v = Double.parseDouble(text.strip().replace(',', '.'));
            return Double.isFinite(v) ? v : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static List<Footprint> footprints(ReviewModel m, Collection<Long> ids) {
        List<Footprint> out = new ArrayList<>();
        for (long id : ids) {
            Footprint f = m.footprint(id);
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }

    private static Coordinate centre(Collection<Footprint> fps) {
        Envelope e = ReviewModel.extentOf(fps);
        return e.centre();
    }
}
