package io.route53failover.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/** A moto_server that is installed but does not start is treated like a missing one. */
class MotoServerTest {
  @TempDir Path dir;

  /** A stand-in for a broken installation: prints an import error and exits at once. */
  private Path brokenMotoServer() throws Exception {
    Path script = dir.resolve("moto_server");
    Files.writeString(
        script, "#!/bin/sh\necho \"ModuleNotFoundError: No module named 'flask'\" >&2\nexit 1\n");
    script.toFile().setExecutable(true);
    return script;
  }

  /** Starts a MotoServer on the broken program and returns what it threw. */
  private Throwable startBroken(boolean ci) throws Exception {
    Path broken = brokenMotoServer();
    MotoServer moto = new MotoServer(() -> broken, ci);
    try {
      return catchThrowable(() -> moto.beforeAll(null));
    } finally {
      moto.afterAll(null);
    }
  }

  @Test
  void exitingAtOnceSkipsWithTheProgramsOutputOutsideCi() throws Exception {
    assertThat(startBroken(false))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("moto_server exited early (exit code 1)")
        .hasMessageContaining("No module named 'flask'")
        .hasMessageContaining("pip install");
  }

  @Test
  void exitingAtOnceFailsUnderCi() throws Exception {
    assertThat(startBroken(true))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("moto_server exited early")
        .hasMessageContaining("CI=true");
  }
}
