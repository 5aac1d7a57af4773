package io.route53failover.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;

/**
 * A DNS server on 127.0.0.1 (UDP and TCP on the same ephemeral port) for tests, answering from
 * records set with {@link #put}. A name without records answers NXDOMAIN; names marked with {@link
 * #servfail} answer SERVFAIL, with {@link #silent} never answer. Like a recursive resolver, an
 * answer for an alias carries the CNAME chain and the records at its end, unless {@link
 * #aliasesOnly} is set, in which case only the first CNAME is given.
 */
public final class LoopbackDnsServer implements AutoCloseable {

  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final Map<Name, List<Record>> records = new ConcurrentHashMap<>();
  private final Map<Name, Supplier<List<Record>>> computed = new ConcurrentHashMap<>();
  private final Set<Name> servfail = ConcurrentHashMap.newKeySet();
  private final Set<Name> silent = ConcurrentHashMap.newKeySet();
  private final AtomicInteger queries = new AtomicInteger();
  private volatile boolean aliasesOnly;

  private LoopbackDnsServer(DatagramSocket udp, ServerSocket tcp) {
    this.udp = udp;
    this.tcp = tcp;
    Thread.ofVirtual().name("loopback-dns-udp").start(this::serveUdp);
    Thread.ofVirtual().name("loopback-dns-tcp").start(this::serveTcp);
  }

  /** Starts a server on a free port of 127.0.0.1. */
  public static LoopbackDnsServer start() throws IOException {
    InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    for (int attempt = 0; ; attempt++) {
      DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
      try {
        ServerSocket tcp = new ServerSocket();
        tcp.bind(new InetSocketAddress(loopback, udp.getLocalPort()));
        return new LoopbackDnsServer(udp, tcp);
      } catch (IOException e) {
        udp.close();
        if (attempt == 20) {
          throw e;
        }
      }
    }
  }

  /** {@code 127.0.0.1:<port>}, as a target's {@code resolver}. */
  public String address() {
    return "127.0.0.1:" + udp.getLocalPort();
  }

  public int port() {
    return udp.getLocalPort();
  }

  /** Adds records (for a new answer, {@link #clear} the name first). */
  public LoopbackDnsServer put(Record... rrs) {
    for (Record rr : rrs) {
      records.merge(
          rr.getName(),
          List.of(rr),
          (old, added) -> {
            List<Record> list = new ArrayList<>(old);
            list.addAll(added);
            return List.copyOf(list);
          });
    }
    return this;
  }

  /** Removes every record of {@code name}. */
  public void clear(String name) {
    records.remove(name(name));
  }

  public void servfail(String name) {
    servfail.add(name(name));
  }

  public void silent(String name) {
    silent.add(name(name));
  }

  public void aliasesOnly(boolean only) {
    this.aliasesOnly = only;
  }

  /** Queries received so far. */
  public int queries() {
    return queries.get();
  }

  public static Name name(String name) {
    try {
      return Name.fromString(name, Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** The answer to {@code query}, or null to stay silent. */
  private byte[] answer(byte[] wire) {
    queries.incrementAndGet();
    Message query;
    try {
      query = new Message(wire);
    } catch (IOException e) {
      return null;
    }
    Record question = query.getQuestion();
    if (question == null || silent.contains(question.getName())) {
      return null;
    }
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setFlag(Flags.RA);
    if (query.getHeader().getFlag(Flags.RD)) {
      response.getHeader().setFlag(Flags.RD);
    }
    response.addRecord(question, Section.QUESTION);
    Name name = question.getName();
    if (servfail.contains(name)) {
      response.getHeader().setRcode(Rcode.SERVFAIL);
      return response.toWire();
    }
    Map<Name, List<Record>> now;
    try {
      now = snapshot();
    } catch (RuntimeException e) {
      response.getHeader().setRcode(Rcode.SERVFAIL);
      return response.toWire();
    }
    if (!now.containsKey(name)) {
      response.getHeader().setRcode(Rcode.NXDOMAIN);
      return response.toWire();
    }
    for (int hop = 0; hop < 10 && name != null; hop++) {
      Name next = null;
      for (Record r : now.getOrDefault(name, List.of())) {
        if (r.getType() == question.getType()) {
          response.addRecord(r, Section.ANSWER);
        } else if (r instanceof CNAMERecord c) {
          response.addRecord(r, Section.ANSWER);
          next = c.getTarget();
        }
      }
      name = aliasesOnly ? null : next;
    }
    return response.toWire();
  }

  /**
   * Answers {@code name} from {@code source}, asked at every query: for a stand-in whose answer
   * follows some other state. An empty list answers NXDOMAIN.
   */
  public void answerFrom(String name, Supplier<List<Record>> source) {
    computed.put(name(name), source);
  }

  /** The static records with the computed names' current answers on top. */
  private Map<Name, List<Record>> snapshot() {
    if (computed.isEmpty()) {
      return records;
    }
    Map<Name, List<Record>> now = new java.util.HashMap<>(records);
    computed.forEach(
        (n, source) -> {
          List<Record> answer = source.get();
          if (answer.isEmpty()) {
            now.remove(n);
          } else {
            now.put(n, answer);
          }
        });
    return now;
  }

  private void serveUdp() {
    byte[] buffer = new byte[4096];
    while (!udp.isClosed()) {
      try {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        udp.receive(packet);
        byte[] wire = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
        byte[] answer = answer(wire);
        if (answer != null) {
          udp.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
        }
      } catch (IOException e) {
        // closed, or one bad packet: go on until closed
      }
    }
  }

  private void serveTcp() {
    while (!tcp.isClosed()) {
      try {
        Socket socket = tcp.accept();
        Thread.ofVirtual().start(() -> serveTcpConnection(socket));
      } catch (IOException e) {
        // closed
      }
    }
  }

  private void serveTcpConnection(Socket socket) {
    try (socket) {
      DataInputStream in = new DataInputStream(socket.getInputStream());
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      byte[] wire = new byte[in.readUnsignedShort()];
      in.readFully(wire);
      byte[] answer = answer(wire);
      if (answer == null) {
        Thread.sleep(60_000);
        return;
      }
      out.writeShort(answer.length);
      out.write(answer);
      out.flush();
    } catch (IOException | InterruptedException e) {
      // the client went away
    }
  }

  @Override
  public void close() throws IOException {
    udp.close();
    tcp.close();
  }
}
