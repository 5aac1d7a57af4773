package io.route53failover.healthcheck;

import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Names the reason a probe failed, from the exception it failed with: {@code dns}, {@code dns:
 * timeout} (the resolver did not answer within the probe's timeout), {@code refused},
 * {@code no route}, {@code timeout}, {@code reset}, {@code closed} (the connection ended before a
 * response), {@code protocol} (not HTTP), {@code tls: <detail>} ({@code unknown CA}, {@code
 * certificate expired}, {@code certificate not yet valid}, {@code hostname mismatch}, {@code
 * handshake failed}), and {@code error: <ExceptionClass>} when nothing more specific is known.
 */
final class FailureReasons {

  private FailureReasons() {}

  /** The named reason for {@code failure}. */
  static String of(Throwable failure) {
    if (resolutionTimedOut(failure)) {
      return DNS_TIMEOUT;
    }
    String message = lower(failure.getMessage());
    return switch (failure) {
      case UnknownHostException e -> "dns";
      case NoRouteToHostException e -> "no route";
      case ConnectException e -> connectReason(e, message);
      case SSLException e -> tlsReason(e);
      case InterruptedIOException e -> "timeout";
      case SocketException e when isReset(message) -> "reset";
      case EOFException e -> "closed";
      case ProtocolException e -> "protocol";
      default -> {
        if (message.startsWith("unexpected end of stream")) {
          yield "closed";
        }
        yield error(failure);
      }
    };
  }

  static final String DNS_TIMEOUT = "dns: timeout";

  /**
   * Whether resolution timed out: the failure itself, or its cause when OkHttp's call timeout,
   * ending at the same moment, wrapped it in an {@code InterruptedIOException("timeout")}.
   */
  private static boolean resolutionTimedOut(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof BoundedResolution.ResolutionTimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** {@code error: <simple class name>}, the last-resort reason. */
  static String error(Throwable failure) {
    String name = failure.getClass().getSimpleName();
    return "error: " + (name.isEmpty() ? failure.getClass().getName() : name);
  }

  /** Connect failures carry the OS's reason in the message, often of a wrapped cause. */
  private static String connectReason(ConnectException e, String message) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = t == e ? message : lower(t.getMessage());
      if (t instanceof NoRouteToHostException) {
        return "no route";
      }
      if (m.contains("refused")) {
        return "refused";
      }
      if (m.contains("unreachable") || m.contains("no route")) {
        return "no route";
      }
      if (m.contains("timed out") || t instanceof SocketTimeoutException) {
        return "timeout";
      }
    }
    return error(e);
  }

  /**
   * No chain from the certificate to a trusted root: self-signed, or issued by a CA that is neither
   * in the platform's trust store nor, for a {@code caBundle} target, in the CA bundle.
   */
  static final String UNKNOWN_CA = "tls: unknown CA";

  private static String tlsReason(SSLException e) {
    if (e instanceof SSLPeerUnverifiedException && lower(e.getMessage()).contains("not verified")) {
      return "tls: hostname mismatch";
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      switch (t) {
        case CertificateExpiredException c -> {
          return "tls: certificate expired";
        }
        case CertificateNotYetValidException c -> {
          return "tls: certificate not yet valid";
        }
        case SocketException s when isReset(lower(s.getMessage())) -> {
          return "reset";
        }
        default -> {}
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
        return UNKNOWN_CA;
      }
    }
    return "tls: handshake failed";
  }

  private static boolean isReset(String message) {
    return message.contains("connection reset") || message.contains("broken pipe");
  }

  private static String lower(String message) {
    return message == null ? "" : message.toLowerCase(Locale.ROOT);
  }
}
