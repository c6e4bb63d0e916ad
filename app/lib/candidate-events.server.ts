// Live progress for the candidate page. The worker publishes JSON on the Redis channel
// submission:<id>; one subscriber connection per web process fans messages out to every open
// Server-Sent Events stream. Each stream starts with the row's current state from the database,
// so a reconnecting browser catches up on whatever it missed.
import type { Redis } from "ioredis";
import type { z } from "zod";
import {
  progressChannel,
  progressMessageSchema,
  STAGE_BY_STATUS,
  TERMINAL_STATUSES,
  type SubmissionStatus,
} from "../../runner/contract/submission";
import { candidateFailureReason } from "~/domain/invitations/grading-faults";
import { prisma } from "./db.server";
import { createRedisConnection } from "./redis.server";

export const progressSchema = progressMessageSchema.partial();

export interface ProgressState {
  status: SubmissionStatus;
  stage: string;
  testsDone: number | null;
  testsTotal: number | null;
  failureReason: string | null;
}

export const TERMINAL = new Set<ProgressState["status"]>(TERMINAL_STATUSES);

export async function currentProgress(submissionId: string): Promise<ProgressState | null> {
  const row = await prisma.submission.findUnique({ where: { id: submissionId }, select: { status: true, testsDone: true, testsTotal: true, failureReason: true } });
  if (!row) return null;
  return { status: row.status, stage: STAGE_BY_STATUS[row.status], testsDone: row.testsDone, testsTotal: row.testsTotal, failureReason: candidateFailureReason(row.status, row.failureReason) };
}

type Listener = (message: string) => void;

class ProgressHub {
  private subscriber: Redis | undefined;
  private listeners = new Map<string, Set<Listener>>();

  private connection(): Redis {
    if (!this.subscriber) {
      this.subscriber = createRedisConnection("events");
      this.subscriber.on("message", (channel: string, message: string) => {
        for (const listener of this.listeners.get(channel) ?? []) listener(message);
      });
      // Errors are retried by ioredis; without a handler they would crash the process.
      this.subscriber.on("error", () => undefined);
    }
    return this.subscriber;
  }

  async subscribe(channel: string, listener: Listener): Promise<() => Promise<void>> {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      await this.connection().subscribe(channel);
    }
    set.add(listener);
    return async () => {
      const current = this.listeners.get(channel);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) {
        this.listeners.delete(channel);
        await this.connection().unsubscribe(channel).catch(() => undefined);
      }
    };
  }
}

declare global {
  var __hirekitProgressHub: ProgressHub | undefined;
}

function hub(): ProgressHub {
  globalThis.__hirekitProgressHub ??= new ProgressHub();
  return globalThis.__hirekitProgressHub;
}

const HEARTBEAT_MS = 15_000;

function sse(event: string, payload: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
}

/** An event stream for one submission; it ends itself once the submission is finished. */
export function progressStream(submissionId: string, signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup: (() => Promise<void>) | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let closed = false;
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const close = async () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        await cleanup?.();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      const send = (event: string, payload: unknown) => {
        if (!closed) controller.enqueue(encoder.encode(sse(event, payload)));
      };
      signal.addEventListener("abort", () => void close());
      let last: ProgressState | null = null;
      const finishIfDone = async (state: ProgressState) => {
        if (TERMINAL.has(state.status)) {
          send("done", state);
          await close();
        }
      };
      // Subscribe before reading the row: an update landing in between is then seen twice, never lost.
      cleanup = await hub().subscribe(progressChannel(submissionId), (message) => {
        let parsed: z.infer<typeof progressSchema>;
        try {
          const result = progressSchema.safeParse(JSON.parse(message));
          if (!result.success) return;
          parsed = result.data;
        } catch {
          return;
        }
        const base: ProgressState = last ?? { status: "QUEUED", stage: "queued", testsDone: null, testsTotal: null, failureReason: null };
        last = {
          ...base,
          status: parsed.status ?? base.status,
          stage: parsed.stage ?? base.stage,
          testsDone: parsed.testsDone ?? base.testsDone,
          testsTotal: parsed.testsTotal ?? base.testsTotal,
        };
        send("progress", last);
        if (TERMINAL.has(last.status)) {
          // The row is the source of truth for the final state (failure reason, totals).
          void currentProgress(submissionId).then((state) => finishIfDone(state ?? last!));
        }
      });
      controller.enqueue(encoder.encode("retry: 3000\n\n"));
      const state = await currentProgress(submissionId);
      if (!state) {
        await close();
        return;
      }
      last = state;
      send("progress", state);
      await finishIfDone(state);
      heartbeat = setInterval(() => {
        if (!closed) controller.enqueue(encoder.encode(": keep-alive\n\n"));
      }, HEARTBEAT_MS);
    },
    async cancel() {
      closed = true;
      clearInterval(heartbeat);
      await cleanup?.();
    },
  });
}
