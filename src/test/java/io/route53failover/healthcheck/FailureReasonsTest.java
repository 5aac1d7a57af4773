package io.route53failover.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FailureReasonsTest {

  static <T extends Throwable> T causedBy(T e, Throwable cause) {
    e.initCause(cause);
    return e;
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        arguments(new UnknownHostException("db.internal"), "dns"),
        arguments(new BoundedResolution.ResolutionTimeoutException("db.internal"), "dns: timeout"),
        arguments(
            causedBy(
                new InterruptedIOException("timeout"),
                new BoundedResolution.ResolutionTimeoutException("db.internal")),
            "dns: timeout"),
        arguments(new ConnectException("Connection refused"), "refused"),
        arguments(
            causedBy(
                new ConnectException("Failed to connect to /192.0.2.5:80"),
                new ConnectException("Connection refused")),
            "refused"),
        arguments(new NoRouteToHostException("No route to host"), "no route"),
        arguments(new ConnectException("Network is unreachable"), "no route"),
        arguments(
            causedBy(
                new ConnectException("Failed to connect to /192.0.2.5:80"),
                new NoRouteToHostException("Host is down")),
            "no route"),
        arguments(new ConnectException("Connection timed out"), "timeout"),
        arguments(
            causedBy(new ConnectException("Failed to connect"), new SocketTimeoutException()),
            "timeout"),
        arguments(new ConnectException("something new"), "error: ConnectException"),
        arguments(new SocketTimeoutException("Read timed out"), "timeout"),
        arguments(new InterruptedIOException("timeout"), "timeout"),
        arguments(new SocketException("Connection reset"), "reset"),
        arguments(new SocketException("Connection reset by peer"), "reset"),
        arguments(new SocketException("Broken pipe"), "reset"),
        arguments(new SocketException("Socket closed"), "error: SocketException"),
        arguments(new EOFException(), "closed"),
        arguments(
            causedBy(
                new IOException("unexpected end of stream on http://192.0.2.7/..."),
                new EOFException("\\n not found")),
            "closed"),
        arguments(new ProtocolException("Unexpected status line: SSH-2.0-OpenSSH"), "protocol"),
        arguments(
            new SSLPeerUnverifiedException("Hostname api.internal not verified"),
            "tls: hostname mismatch"),
        arguments(
            causedBy(
                new SSLHandshakeException("PKIX path validation failed"),
                new CertPathValidatorException(
                    "validity check failed", new CertificateExpiredException("NotAfter: ..."))),
            "tls: certificate expired"),
        arguments(
            causedBy(
                new SSLHandshakeException("PKIX path validation failed"),
                new CertificateNotYetValidException()),
            "tls: certificate not yet valid"),
        arguments(
            causedBy(
                new SSLHandshakeException("PKIX path building failed"),
                new CertPathValidatorException("unable to find valid certification path")),
            "tls: unknown CA"),
        arguments(
            causedBy(
                new SSLHandshakeException("Remote host terminated the handshake"),
                new EOFException()),
            "tls: handshake failed"),
        arguments(
            causedBy(
                new SSLHandshakeException("handshake"), new SocketException("Connection reset")),
            "reset"),
        arguments(new IOException("odd"), "error: IOException"),
        arguments(new IllegalStateException(), "error: IllegalStateException"),
        arguments(
            new IOException() {}, "error: io.route53failover.healthcheck.FailureReasonsTest$1"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("failures")
  void namesTheReason(Throwable failure, String reason) {
    assertThat(FailureReasons.of(failure)).isEqualTo(reason);
  }
}
