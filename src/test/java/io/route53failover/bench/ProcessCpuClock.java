package io.route53failover.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Array;
import java.util.Locale;
import java.util.Optional;

/**
 * The CPU time of this whole process (every thread, live or ended: user + system), in
 * nanoseconds.
 *
 * <p>On Linux, {@code com.sun.management.OperatingSystemMXBean#getProcessCpuTime} reads {@code
 * times(2)}, which counts in clock ticks (10 ms with {@code _SC_CLK_TCK} 100): too coarse for runs
 * of a few milliseconds. When the JVM runs on Linux with the Foreign Function API (final from JDK
 * 22; this class is compiled for 21, so it reaches the API by reflection), this clock reads {@code
 * clock_gettime(CLOCK_PROCESS_CPUTIME_ID)}, which the kernel keeps in nanoseconds for the whole
 * thread group. Otherwise it falls back to the MXBean. {@link #source()} says which one is in use;
 * start the JVM with {@code --enable-native-access=ALL-UNNAMED} to avoid the JDK's warning.
 */
final class ProcessCpuClock {

  /** Linux's {@code CLOCK_PROCESS_CPUTIME_ID}. */
  private static final int CLOCK_PROCESS_CPUTIME_ID = 2;

  private final MethodHandle clockGettime; // (int, Object segment) -> int, or null
  private final MethodHandle getLong; // (Object segment, long offset) -> long, or null
  private final Object timespec; // a 16-byte MemorySegment, or null
  private final String source;

  private ProcessCpuClock(
      MethodHandle clockGettime, MethodHandle getLong, Object timespec, String source) {
    this.clockGettime = clockGettime;
    this.getLong = getLong;
    this.timespec = timespec;
    this.source = source;
  }

  /** {@code clock_gettime} when available (Linux, JDK 22+), else the OperatingSystemMXBean. */
  static ProcessCpuClock create() {
    if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
      try {
        return nativeClock();
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        Bench.say("process CPU clock: clock_gettime unavailable (" + e + "); using the MXBean");
      }
    }
    return new ProcessCpuClock(
        null, null, null, "OperatingSystemMXBean.getProcessCpuTime (times(2), clock ticks)");
  }

  private static ProcessCpuClock nativeClock() throws ReflectiveOperationException {
    Class<?> linkerC = Class.forName("java.lang.foreign.Linker");
    Class<?> lookupC = Class.forName("java.lang.foreign.SymbolLookup");
    Class<?> descriptorC = Class.forName("java.lang.foreign.FunctionDescriptor");
    Class<?> layoutC = Class.forName("java.lang.foreign.MemoryLayout");
    Class<?> valueLayoutC = Class.forName("java.lang.foreign.ValueLayout");
    Class<?> ofLongC = Class.forName("java.lang.foreign.ValueLayout$OfLong");
    Class<?> segmentC = Class.forName("java.lang.foreign.MemorySegment");
    Class<?> arenaC = Class.forName("java.lang.foreign.Arena");
    Class<?> optionC = Class.forName("java.lang.foreign.Linker$Option");

    Object linker = linkerC.getMethod("nativeLinker").invoke(null);
    Object lookup = linkerC.getMethod("defaultLookup").invoke(linker);
    Optional<?> symbol =
        (Optional<?>) lookupC.getMethod("find", String.class).invoke(lookup, "clock_gettime");
    if (symbol.isEmpty()) {
      throw new IllegalStateException("no clock_gettime in the default lookup");
    }
    Object jint = valueLayoutC.getField("JAVA_INT").get(null);
    Object address = valueLayoutC.getField("ADDRESS").get(null);
    Object jlong = valueLayoutC.getField("JAVA_LONG").get(null);
    Object args = Array.newInstance(layoutC, 2);
    Array.set(args, 0, jint);
    Array.set(args, 1, address);
    Object descriptor =
        descriptorC.getMethod("of", layoutC, args.getClass()).invoke(null, jint, args);
    MethodHandle downcall =
        (MethodHandle)
            linkerC
                .getMethod("downcallHandle", segmentC, descriptorC, optionC.arrayType())
                .invoke(linker, symbol.get(), descriptor, Array.newInstance(optionC, 0));
    Object arena = arenaC.getMethod("global").invoke(null);
    Object timespec = arenaC.getMethod("allocate", long.class).invoke(arena, 16L);
    MethodHandle get =
        MethodHandles.publicLookup()
            .findVirtual(segmentC, "get", MethodType.methodType(long.class, ofLongC, long.class));
    MethodHandle getLong = MethodHandles.insertArguments(get, 1, jlong);
    ProcessCpuClock clock =
        new ProcessCpuClock(
            downcall.asType(MethodType.methodType(int.class, int.class, Object.class)),
            getLong.asType(MethodType.methodType(long.class, Object.class, long.class)),
            timespec,
            "clock_gettime(CLOCK_PROCESS_CPUTIME_ID), ns");
    clock.nanos(); // fails here, not in a measurement, if the call does not work
    return clock;
  }

  /** Where the figures come from, for the results file. */
  String source() {
    return source;
  }

  /** CPU time of the process so far, in nanoseconds. */
  long nanos() {
    if (clockGettime == null) {
      return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime();
    }
    try {
      int rc = (int) clockGettime.invokeExact(CLOCK_PROCESS_CPUTIME_ID, timespec);
      if (rc != 0) {
        throw new IllegalStateException("clock_gettime returned " + rc);
      }
      long seconds = (long) getLong.invokeExact(timespec, 0L);
      long nanos = (long) getLong.invokeExact(timespec, 8L);
      return seconds * 1_000_000_000L + nanos;
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
