package org.roofline.app.session;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.roofline.geometry.footprint.Footprint;
import org.roofline.geometry.footprint.ReviewStatus;

/** Test-scope child process for {@link SessionStoreTest}: accepts footprints one by one until it is killed. */
public final class SessionCrashChild {

    private SessionCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        SessionStore store = SessionStore.open(Path.of(args[0]));
        List<Footprint> all = store.load().footprints();
        System.out.println("ready " + all.size());
        System.out.flush();
        for (Footprint f : all) {
            store.footprintsChanged(List.of(f.withStatus(ReviewStatus.ACCEPTED, Instant.now())));
            System.out.println("done " + f.id());
            System.out.flush();
        }
        System.out.println("finished");
        System.out.flush();
        Thread.sleep(60_000); // the test kills it before it closes
    }
}
