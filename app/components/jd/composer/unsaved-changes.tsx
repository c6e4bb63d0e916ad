import { useBeforeUnload, useBlocker } from "@remix-run/react";
import { useCallback, useEffect, useRef } from "react";

/**
 * Asks before leaving the composer with unsaved edits: an in-app dialog for links (History,
 * Preview, the main menu) and the browser's own prompt for reloads and closing the tab.
 * Submitting the composer's own form stays on the page, so it is never blocked.
 */
export function UnsavedChangesGuard({ dirty }: { dirty: boolean }) {
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useBeforeUnload(
    useCallback(
      (event: BeforeUnloadEvent) => {
        if (!dirty) return;
        event.preventDefault();
        // Older browsers show the prompt only when returnValue is set.
        event.returnValue = "";
      },
      [dirty],
    ),
  );
  const stay = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (blocker.state === "blocked") stay.current?.focus();
  }, [blocker.state]);
  if (blocker.state !== "blocked") return null;
  return (
    <div className="dialog-backdrop">
      <div className="dialog card" role="alertdialog" aria-modal="true" aria-labelledby="unsaved-heading" aria-describedby="unsaved-text">
        <h2 id="unsaved-heading">Leave without saving?</h2>
        <p id="unsaved-text">This job description has changes that are not saved yet. If you leave now, they are lost.</p>
        <div className="actions">
          <button type="button" ref={stay} onClick={() => blocker.reset()}>
            Stay and keep editing
          </button>
          <button type="button" className="secondary" onClick={() => blocker.proceed()}>
            Leave without saving
          </button>
        </div>
      </div>
    </div>
  );
}
