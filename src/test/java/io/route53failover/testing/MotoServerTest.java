package io.route53failover.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

  @Test
  void exitingAtOnceSkipsWithTheProgramsOutputOutsideCi() throws Exception {
    Path broken = brokenMotoServer();
    MotoServer moto = new MotoServer(() -> broken, false);
    try {
      assertThatThrownBy(() -> moto.beforeAll(null))
          .isInstanceOf(TestAbortedException.class)
          .hasMessageContaining("moto_server exited early (exit code 1)")
          .hasMessageContaining("No module named 'flask'")
          .hasMessageContaining("pip install");
    } finally {
      moto.afterAll(null);
    }
  }

  @Test
  void exitingAtOnceFailsUnderCi() throws Exception {
    Path broken = brokenMotoServer();
    MotoServer moto = new MotoServer(() -> broken, true);
    try {
      assertThatThrownBy(() -> moto.beforeAll(null))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("moto_server exited early")
          .hasMessageContaining("CI=true");
    } finally {
      moto.afterAll(null);
    }
  }
}
