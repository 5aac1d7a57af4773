package io.route53failover.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine and JVM the figures were taken on, from {@code /proc} and system properties. */
record Machine(int cpus, String cpuModel, double memoryGiB, String jdk, String os) {

  static Machine describe(Bench.Setup setup) throws IOException {
    String model = "unknown";
    for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
      if (line.startsWith("model name")) {
        model = line.substring(line.indexOf(':') + 1).trim();
        break;
      }
    }
    double memKb = 0;
    for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        memKb = Double.parseDouble(line.replaceAll("[^0-9]", ""));
      }
    }
    String jdk =
        System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.name") + " "
            + System.getProperty("java.runtime.version");
    String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch");
    return new Machine(
        Runtime.getRuntime().availableProcessors(), model, memKb / 1024 / 1024, jdk, os);
  }

  /** The 1, 5 and 15 minute load averages, e.g. {@code 0.42 0.61 0.80}. */
  static String loadAverage() throws IOException {
    String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
    return f[0] + " " + f[1] + " " + f[2];
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "%d CPUs (%s), %.1f GiB, %s, %s", cpus, cpuModel, memoryGiB, jdk, os);
  }
}
