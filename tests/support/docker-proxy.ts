import { existsSync, unlinkSync } from "node:fs";
import { connect, createServer, type Server, type Socket } from "node:net";

// A unix-socket proxy in front of the shared Docker Engine. A worker pointed at it (DOCKER_HOST=
// unix://<path>) sees the engine vanish when the proxy stops (connections cut, socket file gone:
// the same ENOENT/ECONNRESET as a stopped dockerd) and come back when it starts, while every other
// user of the engine is untouched. It also reports each HTTP request line it forwards, so a test
// can act at a precise moment (e.g. while a Dockerfile build runs).

const REQUEST_LINE = /^(GET|POST|PUT|DELETE|HEAD) (\/\S*) HTTP\/1\.[01]\r?$/gm;

export class DockerSocketProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly listeners = new Set<(method: string, path: string) => void>();

  constructor(
    readonly socketPath: string,
    private readonly target = "/var/run/docker.sock",
  ) {}

  get running(): boolean {
    return this.server !== null;
  }

  get dockerHost(): string {
    return `unix://${this.socketPath}`;
  }

  onRequest(listener: (method: string, path: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async start(): Promise<void> {
    if (this.server) return;
    if (existsSync(this.socketPath)) unlinkSync(this.socketPath);
    const server = createServer((client) => this.forward(client));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.socketPath, () => resolve());
    });
    this.server = server;
  }

  /** Cuts every open connection and removes the socket, as a stopped engine would. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await closed;
    if (existsSync(this.socketPath)) unlinkSync(this.socketPath);
  }

  private forward(client: Socket): void {
    const upstream = connect(this.target);
    this.sockets.add(client);
    this.sockets.add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on("error", close).on("close", close);
    upstream.on("error", close).on("close", close);
    client.on("data", (chunk: Buffer) => {
      if (this.listeners.size === 0) return;
      for (const match of chunk.toString("latin1").matchAll(REQUEST_LINE)) {
        for (const listener of this.listeners) listener(match[1], match[2]);
      }
    });
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
