package org.roofline.app.session;

import java.nio.file.Path;

/** Test-scope child process for {@link SessionLockTest}: an editor that holds a session until it is killed. */
public final class SessionLockChild {

    private SessionLockChild() {
    }

    public static void main(String[] args) throws Exception {
        SessionStore store = SessionStore.open(Path.of(args[0]));
        System.out.println("holding " + store.load().footprints().size());
        System.out.flush();
        Thread.sleep(120_000); // the test kills it
    }
}
