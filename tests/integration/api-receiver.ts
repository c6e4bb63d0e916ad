// A webhook receiver written from docs/api.md alone: raw body, HMAC-SHA256 over "t.body" with the
// whole secret, constant-time compare, 5-minute tolerance, deduplication on Hirekit-Delivery.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  path: string;
  deliveryId: string;
  event: string;
  body: string;
  verified: boolean;
}

export class Receiver {
  readonly received: Received[] = [];
  readonly processed = new Map<string, unknown>();
  readonly secrets = new Map<string, string>();
  /** Per path: statuses to answer, in order, before answering 200. */
  readonly script = new Map<string, number[]>();
  readonly redirects = new Map<string, string>();
  private server!: Server;
  url = "";

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      void this.handle(request).then(({ status, headers }) => {
        response.writeHead(status, headers);
        response.end(status === 200 ? "ok" : "not now");
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private async handle(request: IncomingMessage): Promise<{ status: number; headers: Record<string, string> }> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const path = request.url ?? "/";
    const deliveryId = String(request.headers["hirekit-delivery"] ?? "");
    const verified = verify(this.secrets.get(path) ?? "", raw, String(request.headers["hirekit-signature"] ?? ""));
    this.received.push({ path, deliveryId, event: String(request.headers["hirekit-event"] ?? ""), body: raw, verified });
    const redirect = this.redirects.get(path);
    if (redirect) return { status: 302, headers: { Location: redirect } };
    const planned = this.script.get(path)?.shift();
    if (planned) return { status: planned, headers: {} };
    if (!verified) return { status: 400, headers: {} };
    if (!this.processed.has(deliveryId)) this.processed.set(deliveryId, JSON.parse(raw));
    return { status: 200, headers: {} };
  }

  async waitFor(predicate: (entries: Received[]) => boolean, what: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.received)) {
      if (Date.now() > deadline) throw new Error(`the receiver never saw ${what}; got ${JSON.stringify(this.received.map((r) => [r.path, r.event]))}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export function verify(secret: string, raw: string, header: string): boolean {
  const parts = Object.fromEntries(
    header.split(",").map((item) => {
      const at = item.indexOf("=");
      return [item.slice(0, at), item.slice(at + 1)];
    }),
  );
  const t = Number(parts.t);
  if (!secret || !Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > 300) return false;
  const expected = Buffer.from(createHmac("sha256", Buffer.from(secret, "utf8")).update(`${t}.${raw}`).digest("hex"));
  const given = Buffer.from(String(parts.v1 ?? ""));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

