import type { Redis } from "ioredis";
import type { PrismaClient } from "~/generated/prisma/client";
import {
  ACTIVE_STATUSES,
  progressChannel,
  STATUS_BY_STAGE,
  type ProgressMessage,
  type ProgressStage,
  type SubmissionStatus,
} from "../contract/submission";
import type { GradeProgress } from "../pipeline/grade";

/** Test counts reach the row at most this often; the live channel gets every change. */
const ROW_UPDATE_INTERVAL_MS = 500;

/**
 * Publishes a grading's progress on `submission:<id>` and mirrors status and test counts on the
 * row. Row writes are serialised and only touch a submission that is still in progress, so a
 * late message can never reopen a finished one.
 */
export class ProgressReporter {
  private chain: Promise<void> = Promise.resolve();
  private status: SubmissionStatus = "BUILDING";
  private stage: ProgressStage = "queued";
  private testsDone: number | null = null;
  private testsTotal: number | null = null;
  private lastRowUpdate = 0;
  private pendingCounts: NodeJS.Timeout | undefined;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly publisher: Redis | null,
    private readonly submissionId: string,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  private publish(extra: Partial<ProgressMessage> = {}): void {
    if (!this.publisher) return;
    const message: ProgressMessage = {
      status: this.status,
      stage: this.stage,
      testsDone: this.testsDone,
      testsTotal: this.testsTotal,
      ...extra,
    };
    this.publisher.publish(progressChannel(this.submissionId), JSON.stringify(message)).catch(this.onError);
  }

  private writeRow(data: Record<string, unknown>): void {
    this.chain = this.chain
      .then(async () => {
        await this.prisma.submission.updateMany({
          where: { id: this.submissionId, status: { in: ACTIVE_STATUSES } },
          data,
        });
      })
      .catch(this.onError);
  }

  /** The grading has started: a fresh BUILDING state, earlier counts and reasons cleared. */
  begin(): Promise<void> {
    this.status = "BUILDING";
    this.stage = "extract";
    this.writeRow({
      status: "BUILDING",
      startedAt: new Date(),
      finishedAt: null,
      failureReason: null,
      testsDone: null,
      testsTotal: null,
    });
    this.publish();
    return this.chain;
  }

  update(progress: GradeProgress): void {
    const status = STATUS_BY_STAGE[progress.stage];
    const statusChanged = status !== null && status !== this.status;
    const countsChanged = progress.testsDone !== (this.testsDone ?? 0) || progress.testsTotal !== this.testsTotal;
    this.stage = progress.stage;
    if (status) this.status = status;
    this.testsTotal = progress.testsTotal;
    this.testsDone = progress.testsTotal === null ? null : progress.testsDone;
    this.publish();
    if (statusChanged) {
      this.writeRow({ status: this.status, testsDone: this.testsDone, testsTotal: this.testsTotal });
      this.lastRowUpdate = Date.now();
    } else if (countsChanged) {
      this.scheduleCounts();
    }
  }

  private scheduleCounts(): void {
    if (this.pendingCounts) return;
    const wait = Math.max(0, this.lastRowUpdate + ROW_UPDATE_INTERVAL_MS - Date.now());
    this.pendingCounts = setTimeout(() => {
      this.pendingCounts = undefined;
      this.lastRowUpdate = Date.now();
      this.writeRow({ testsDone: this.testsDone, testsTotal: this.testsTotal });
    }, wait);
  }

  /** Waits for queued row writes; pending count updates are dropped (the final save has them). */
  async settle(): Promise<void> {
    clearTimeout(this.pendingCounts);
    this.pendingCounts = undefined;
    await this.chain;
  }

  /** Announces the final state after it is saved. */
  finish(status: SubmissionStatus, failureReason: string | null): void {
    this.status = status;
    this.stage = "done";
    this.publish({ failureReason });
  }

  /** Back to QUEUED, counts cleared, after a fault that will be retried. */
  requeued(): Promise<void> {
    this.status = "QUEUED";
    this.stage = "queued";
    this.testsDone = null;
    this.testsTotal = null;
    this.writeRow({ status: "QUEUED", testsDone: null, testsTotal: null });
    this.publish();
    return this.chain;
  }
}
