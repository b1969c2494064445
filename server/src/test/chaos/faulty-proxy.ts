import { connect, createServer, type Socket } from 'node:net';

export type ProxyFigures = {
  connections: number;
  /** Connections reset while an answer was coming back (the client never saw it). */
  answersCut: number;
  /** Connections ended by a partition, open ones and new ones refused. */
  partitioned: number;
};

export type FaultyProxy = {
  port: number;
  /** Delays every chunk in both directions by this many milliseconds (0: none). */
  setLatency(ms: number): void;
  /** Resets this share (0–1) of the answers coming back, at their first byte: the work is done, the client never hears of it. */
  cutAnswers(share: number): void;
  /** Resets every open connection and every new one until `heal()`: a network partition. */
  partition(): void;
  heal(): void;
  figures(): ProxyFigures;
  close(): Promise<void>;
};

/**
 * A TCP proxy on loopback that the chaos tests put between two parts (a client and the API, or
 * the API and PostgreSQL) to inject network faults no process crash gives: latency, answers lost
 * after the server committed (Jepsen's "unknown" outcome), and partitions that reset connections
 * instead of closing them politely. Connections end with a TCP reset, as a broken network does.
 */
export async function startFaultyProxy(target: { host: string; port: number }): Promise<FaultyProxy> {
  let latencyMs = 0;
  let cutShare = 0;
  let partitioned = false;
  const figures: ProxyFigures = { connections: 0, answersCut: 0, partitioned: 0 };
  const open = new Set<Socket>();

  const forward = (from: Socket, to: Socket, onChunk?: () => boolean) => {
    from.on('data', (chunk) => {
      if (onChunk && !onChunk()) return;
      if (latencyMs === 0) to.write(chunk);
      else setTimeout(() => to.writable && to.write(chunk), latencyMs);
    });
  };
  const reset = (...sockets: Socket[]) => {
    for (const s of sockets) if (!s.destroyed) s.resetAndDestroy();
  };

  const server = createServer((client) => {
    figures.connections++;
    if (partitioned) {
      figures.partitioned++;
      reset(client);
      return;
    }
    const upstream = connect(target.port, target.host);
    open.add(client);
    // A new answer starts when the upstream writes after the client last wrote.
    let awaitingAnswer = false;
    forward(client, upstream, () => {
      awaitingAnswer = true;
      return true;
    });
    forward(upstream, client, () => {
      if (awaitingAnswer && cutShare > 0 && Math.random() < cutShare) {
        figures.answersCut++;
        reset(client, upstream);
        return false;
      }
      awaitingAnswer = false;
      return true;
    });
    // A polite close passes on as one (after any delayed chunks); an error resets both sides.
    const later = (f: () => void) => (latencyMs === 0 ? f() : setTimeout(f, latencyMs));
    client.on('end', () => later(() => upstream.end()));
    upstream.on('end', () => later(() => client.end()));
    const broken = () => reset(client, upstream);
    client.on('error', broken);
    upstream.on('error', broken);
    client.on('close', () => open.delete(client));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    port,
    setLatency: (ms) => {
      latencyMs = ms;
    },
    cutAnswers: (share) => {
      cutShare = share;
    },
    partition() {
      partitioned = true;
      for (const s of open) {
        figures.partitioned++;
        reset(s);
      }
    },
    heal: () => {
      partitioned = false;
    },
    figures: () => ({ ...figures }),
    close: () =>
      new Promise((resolve) => {
        for (const s of open) reset(s);
        server.close(() => resolve());
      }),
  };
}
