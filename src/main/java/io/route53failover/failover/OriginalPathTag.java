package io.route53failover.failover;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * How the original {@code ResourcePath} of a locked health check is kept in the tag {@value #KEY}.
 *
 * <p>Route 53 tag values hold at most 256 characters, and AWS's common tag character set is letters,
 * digits, spaces and {@code _ . : / = + - @}. A path made of ASCII letters, digits and {@code _ . : /
 * + - @} is stored as is, so {@code /health} reads {@code /health} in the console. Every other byte
 * of the path's UTF-8 form, {@code '='} included, is written as {@code =XX} (two upper-case hex
 * digits), so {@code /health?full=1} is stored as {@code /health=3Ffull=3D1}. The empty value means
 * the health check had no {@code ResourcePath}.
 */
public final class OriginalPathTag {

  /** The tag key. */
  public static final String KEY = "route53-failover:original-resource-path";

  /** The longest tag value Route 53 accepts, in characters (see Route 53 API Tag). */
  public static final int MAX_VALUE_LENGTH = 256;

  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  private OriginalPathTag() {}

  /**
   * The tag value for {@code path}, or empty when the encoded value would exceed {@value
   * #MAX_VALUE_LENGTH} characters.
   *
   * @param path the original {@code ResourcePath}, {@code null} or empty for none
   */
  public static Optional<String> encode(String path) {
    if (path == null || path.isEmpty()) {
      return Optional.of("");
    }
    StringBuilder b = new StringBuilder();
    for (byte x : path.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (x & 0xff);
      if (isPlain(c)) {
        b.append(c);
      } else {
        b.append('=').append(HEX.toHexDigits(x));
      }
    }
    return b.length() > MAX_VALUE_LENGTH ? Optional.empty() : Optional.of(b.toString());
  }

  /**
   * The {@code ResourcePath} a tag value records, {@code null} for "no ResourcePath".
   *
   * @throws IllegalArgumentException when the value is not one {@link #encode} writes
   */
  public static String decode(String value) {
    if (value.isEmpty()) {
      return null;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '=') {
        if (i + 2 >= value.length()) {
          throw new IllegalArgumentException("truncated =XX escape at index " + i);
        }
        String hex = value.substring(i + 1, i + 3);
        if (!HexFormat.isHexDigit(hex.charAt(0)) || !HexFormat.isHexDigit(hex.charAt(1))) {
          throw new IllegalArgumentException("bad =XX escape \"=" + hex + "\" at index " + i);
        }
        bytes.write(HexFormat.fromHexDigits(hex));
        i += 2;
      } else if (isPlain(c)) {
        bytes.write(c);
      } else {
        throw new IllegalArgumentException("unexpected character '" + c + "' at index " + i);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("escapes do not form UTF-8", e);
    }
  }

  private static boolean isPlain(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "_.:/+-@".indexOf(c) >= 0;
  }
}
