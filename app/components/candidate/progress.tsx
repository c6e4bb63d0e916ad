import { useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { TERMINAL_STATUSES, type SubmissionStatus } from "../../../runner/contract/submission";

export interface Progress {
  status: SubmissionStatus;
  stage: string;
  testsDone: number | null;
  testsTotal: number | null;
  failureReason: string | null;
}

const TERMINAL = new Set(TERMINAL_STATUSES);
const STAGES = [
  { status: "QUEUED", label: "Queued" },
  { status: "BUILDING", label: "Build" },
  { status: "RUNNING", label: "Tests" },
  { status: "GRADED", label: "Results" },
] as const;

const POLL_MS = 3000;

/**
 * Live progress over Server-Sent Events. EventSource reconnects by itself and the server sends
 * the current state first, so a dropped connection recovers; if the stream keeps failing, the
 * JSON status route is polled instead. When grading ends the page data is reloaded.
 */
export function LiveProgress({ initial, eventsUrl, statusUrl }: { initial: Progress; eventsUrl: string; statusUrl: string }) {
  const [progress, setProgress] = useState(initial);
  const revalidator = useRevalidator();
  const finished = TERMINAL.has(progress.status);

  useEffect(() => {
    if (TERMINAL.has(initial.status)) return;
    let stopped = false;
    let pollTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const apply = (next: Progress) => {
      setProgress(next);
      if (TERMINAL.has(next.status) && !stopped) {
        stopped = true;
        source?.close();
        clearTimeout(pollTimer);
        revalidator.revalidate();
      }
    };
    const poll = async () => {
      if (stopped) return;
      try {
        const response = await fetch(statusUrl, { headers: { Accept: "application/json" } });
        if (response.ok) apply((await response.json()) as Progress);
      } catch {
        // network blip: try again on the next tick
      }
      if (!stopped) pollTimer = setTimeout(poll, POLL_MS);
    };
    let source: EventSource | undefined;
    if (typeof EventSource === "undefined") {
      void poll();
    } else {
      source = new EventSource(eventsUrl);
      const onMessage = (event: MessageEvent<string>) => {
        failures = 0;
        apply(JSON.parse(event.data) as Progress);
      };
      source.addEventListener("progress", onMessage as EventListener);
      source.addEventListener("done", onMessage as EventListener);
      source.onerror = () => {
        failures++;
        if (failures >= 3 && !stopped) {
          source?.close();
          void poll();
        }
      };
    }
    return () => {
      stopped = true;
      source?.close();
      clearTimeout(pollTimer);
    };
    // The stream is opened once per submission; revalidator identity changes every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [eventsUrl, statusUrl, initial.status]);

  const currentIndex = finished ? STAGES.length - 1 : Math.max(0, STAGES.findIndex((s) => s.status === progress.status));
  const percent = progress.testsTotal ? Math.round(((progress.testsDone ?? 0) / progress.testsTotal) * 100) : null;
  return (
    <section className="card" aria-labelledby="progress-heading">
      <h2 id="progress-heading">Progress</h2>
      <ol className="stages" aria-label="Grading stages">
        {STAGES.map((stage, index) => (
          <li key={stage.status} className={index < currentIndex || finished ? "done" : index === currentIndex ? "current" : ""} aria-current={index === currentIndex && !finished ? "step" : undefined}>
            {stage.label}
          </li>
        ))}
      </ol>
      <p role="status" aria-live="polite" data-status={progress.status}>
        {describe(progress)}
      </p>
      {progress.status === "RUNNING" && progress.testsTotal ? (
        <progress className="progress-bar" max={progress.testsTotal} value={progress.testsDone ?? 0} aria-label={`Tests done: ${percent} %`} />
      ) : null}
      <noscript>
        <p>
          <a href="">Reload this page</a> to see the latest state.
        </p>
      </noscript>
    </section>
  );
}

function describe(progress: Progress): string {
  switch (progress.status) {
    case "QUEUED":
      return "Waiting for a grader…";
    case "BUILDING":
      return "Building your solution…";
    case "RUNNING":
      return progress.testsTotal ? `Running tests: ${progress.testsDone ?? 0} of ${progress.testsTotal} done.` : "Starting your service and running the tests…";
    case "GRADED":
      return "Graded. The results are below.";
    case "FAILED":
      return `Grading stopped: ${progress.failureReason ?? "the solution could not be graded."}`;
    case "ERROR":
      return progress.failureReason ?? "Something went wrong on our side while grading. Please tell the recruiter who invited you.";
  }
}
