import { useEffect, useState } from "react";
import { formatRemaining } from "~/domain/invitations/state";

/**
 * Server-rendered remaining time that keeps ticking in the browser. The server's clock is the
 * reference: the offset to the browser's clock is measured once, so a wrong local clock does not
 * change the deadline shown.
 */
export function Countdown({ deadline, serverNow }: { deadline: string; serverNow: string }) {
  const end = new Date(deadline).getTime();
  const [remaining, setRemaining] = useState(end - new Date(serverNow).getTime());
  useEffect(() => {
    const offset = new Date(serverNow).getTime() - Date.now();
    const tick = () => setRemaining(end - (Date.now() + offset));
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [end, serverNow]);
  const urgent = remaining > 0 && remaining < 15 * 60_000;
  return (
    <span className={`countdown${urgent ? " urgent" : ""}`} role="timer" aria-live="off">
      {formatRemaining(remaining)}
    </span>
  );
}
