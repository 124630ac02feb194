package org.uklad.system;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Lowers the operating system's scheduling priority of the calling platform thread, so that work
 * nobody waits for within milliseconds (a school summary's charts and PDF) gives the cores to the
 * threads that serve respondents and to PostgreSQL whenever both want them. On Linux the nice value
 * is a property of each thread ({@code setpriority(PRIO_PROCESS, 0, nice)} changes only the caller,
 * see {@code man 2 setpriority}); raising it needs no privilege. Elsewhere, or without the C
 * library's {@code setpriority}, nothing changes.
 */
public final class ThreadPriority {

    private static final int PRIO_PROCESS = 0;
    private static final Optional<MethodHandle> SETPRIORITY = find();

    private ThreadPriority() {
    }

    private static Optional<MethodHandle> find() {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return Optional.empty();
        }
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("setpriority").map(address -> linker.downcallHandle(address,
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT)));
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    /**
     * Sets the calling thread's nice value (0 normal … 19 lowest).
     *
     * @return whether it was set; never on a virtual thread, whose carrier serves other work too
     */
    public static boolean lowerCurrent(int nice) {
        if (Thread.currentThread().isVirtual() || SETPRIORITY.isEmpty() || nice < 0 || nice > 19) {
            return false;
        }
        try {
            return (int) SETPRIORITY.get().invokeExact(PRIO_PROCESS, 0, nice) == 0;
        } catch (Throwable e) {
            return false;
        }
    }
}
