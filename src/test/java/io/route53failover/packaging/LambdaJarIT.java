package io.route53failover.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.route53failover.failover.FailoverConfig;
import io.route53failover.failover.MotoHealthChecks;
import io.route53failover.failover.SampleEvents;
import io.route53failover.testing.LoopbackTargets;
import io.route53failover.testing.MotoServer;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * The jar template.yaml deploys ({@code target/route53-failover-lambda.jar}, which failsafe names
 * in {@code route53failover.lambdaJar}): it carries nothing of the CLI, and it is enough on its
 * own to run both handlers. A child JVM whose class path is that jar plus {@link LambdaJarProbe}
 * constructs each handler from its environment, as Lambda does, and invokes it once against
 * loopback targets and moto_server.
 */
class LambdaJarIT {
  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  @TempDir Path dir;

  private static Path lambdaJar() {
    String jar = System.getProperty("route53failover.lambdaJar");
    assertThat(jar).as("system property route53failover.lambdaJar (set by failsafe)").isNotNull();
    assertThat(Path.of(jar)).as("the Lambda jar; run ./mvnw package first").isRegularFile();
    return Path.of(jar);
  }

  @Test
  void holdsNoCliNoDrillNoPicocliAndNoLambdaSerialization() throws IOException {
    List<String> names;
    try (ZipFile zip = new ZipFile(lambdaJar().toFile())) {
      names = Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
    }

    assertThat(names)
        .as("the handlers are in the jar")
        .contains(
            "io/route53failover/healthcheck/HealthCheckFunction.class",
            "io/route53failover/failover/FailoverFunction.class",
            "log4j2.xml");
    assertThat(names)
        .filteredOn(
            n ->
                Stream.of(
                        "picocli/",
                        "io/route53failover/cli/",
                        "io/route53failover/drill/",
                        "io/route53failover/operator/",
                        // STS serves the operator commands only (who ran them)
                        "software/amazon/awssdk/services/sts/",
                        // aws-lambda-java-serialization: its own classes and its shaded libraries
                        "com/amazonaws/services/lambda/runtime/serialization/",
                        "com/amazonaws/lambda/thirdparty/")
                        .anyMatch(n.replaceFirst("^META-INF/versions/\\d+/", "")::startsWith)
                    // log4j-core carries a copy of picocli for its code generators
                    || n.contains("/picocli/"))
        .as("entries the Lambda jar must not carry")
        .isEmpty();
  }

  @Test
  void runsBothHandlersFromTheLambdaJarAlone() throws Exception {
    Path probeClasses = copyProbeClass();
    try (LoopbackTargets targets = new LoopbackTargets();
        Route53Client r53 = MOTO.route53()) {
      String id = MotoHealthChecks.createHttps(r53, "/health");
      String okMessage = message(SampleEvents.load(SampleEvents.OK));
      String alarmMessage =
          message(SampleEvents.withHealthCheckId(SampleEvents.load(SampleEvents.ALARM), id));

      List<String> command =
          List.of(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-cp",
              probeClasses + File.pathSeparator + lambdaJar(),
              LambdaJarProbe.class.getName(),
              okMessage,
              alarmMessage);
      Map<String, String> env =
          Map.of(
              "TARGETS", targets.targetsJson(),
              "METRIC_NAMESPACE", "LambdaJarIT",
              "AWS_ENDPOINT_URL", MOTO.endpoint().toString(),
              "AWS_REGION", "us-east-1",
              "AWS_ACCESS_KEY_ID", "testing",
              "AWS_SECRET_ACCESS_KEY", "testing",
              FailoverConfig.ALLOWED_HEALTH_CHECK_IDS, id);
      Result run = run(command, env);

      assertThat(run.code()).as("exit code; stderr:%n%s", run.err()).isZero();
      assertThat(run.out().lines().toList())
          .as("stderr:%n%s", run.err())
          .containsExactly(
              "healthcheck total=4 healthy=2 unhealthy=2 putMetricDataCalls=1",
              "failover-ok skipped=1 locked=0 action=skipped-state",
              "failover-alarm locked=1 action=locked newValue="
                  + FailoverConfig.DEFAULT_FAILED_OVER_PATH);
      assertThat(MotoHealthChecks.resourcePath(r53, id))
          .as("the lock the Lambda jar's Route 53 client took")
          .isEqualTo(FailoverConfig.DEFAULT_FAILED_OVER_PATH);
    }
  }

  private static String message(com.amazonaws.services.lambda.runtime.events.SNSEvent event) {
    return event.getRecords().get(0).getSNS().getMessage();
  }

  /** A directory holding only LambdaJarProbe.class, so the child sees no other test class. */
  private Path copyProbeClass() throws IOException, URISyntaxException {
    String file = LambdaJarProbe.class.getName().replace('.', '/') + ".class";
    Path source =
        Path.of(LambdaJarProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve(file);
    Path target = dir.resolve("probe-classes").resolve(file);
    Files.createDirectories(target.getParent());
    Files.copy(source, target);
    return dir.resolve("probe-classes");
  }

  private record Result(int code, String out, String err) {}

  private Result run(List<String> command, Map<String, String> env) throws Exception {
    Path out = dir.resolve("probe.out");
    Path err = dir.resolve("probe.err");
    ProcessBuilder pb =
        new ProcessBuilder(new ArrayList<>(command))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.equals("TARGETS"));
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("LambdaJarProbe did not finish in 90 s");
    }
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }
}
