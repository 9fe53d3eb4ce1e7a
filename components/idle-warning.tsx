'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';

/** How long before the absolute timeout the person is told (nothing can extend it). */
const ABSOLUTE_WARN_MS = 5 * 60_000;

/**
 * Warns before the idle timeout ends the session and offers to stay signed in. The server decides;
 * this only mirrors its clock (restarted by every page load and by "Stay signed in"). Before the
 * absolute timeout it warns too, without "Stay signed in": that end cannot be postponed.
 */
export function IdleWarning({ idleMinutes, absoluteEndsAt }: { idleMinutes: number; absoluteEndsAt?: string | null }) {
  const idleMs = idleMinutes * 60_000;
  const warnMs = Math.min(60_000, idleMs / 2);
  const absoluteEnd = absoluteEndsAt ? new Date(absoluteEndsAt).getTime() : null;
  const [deadline, setDeadline] = useState(() => Date.now() + idleMs);
  const [now, setNow] = useState(() => Date.now());
  const dialog = useRef<HTMLDialogElement>(null);
  const pathname = usePathname();
  const search = useSearchParams().toString();

  // Every navigation reaches the server, which restarts the idle clock: follow it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: pathname and search are the trigger, not inputs
  useEffect(() => setDeadline(Date.now() + idleMs), [pathname, search, idleMs]);

  // `armed` marks the dialog once the clock runs in the browser (tests wait for it before moving time).
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    setArmed(true);
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);

  // Signing in again returns to this page (the sign-in page accepts only a path on this origin).
  const signedOut = `/login?reason=expired&next=${encodeURIComponent(search ? `${pathname}?${search}` : pathname)}`;
  const left = deadline - now;
  const absoluteLeft = absoluteEnd == null ? Number.POSITIVE_INFINITY : absoluteEnd - now;
  // The absolute end comes first (or within the idle warning): say when, and offer nothing to extend.
  const absoluteFirst = absoluteLeft <= Math.max(left, ABSOLUTE_WARN_MS);
  const [dismissed, setDismissed] = useState(false);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (left <= 0 || absoluteLeft <= 0) window.location.assign(signedOut);
    else if (absoluteFirst && absoluteLeft <= ABSOLUTE_WARN_MS && !dismissed && !d.open) d.showModal();
    else if (!absoluteFirst && left <= warnMs && !d.open) d.showModal();
  }, [left, absoluteLeft, absoluteFirst, warnMs, dismissed, signedOut]);
  const endsAt = absoluteEnd == null ? '' : new Date(absoluteEnd).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

  const stay = useCallback(async () => {
    const res = await fetch('/api/session/keepalive', { method: 'POST' });
    if (!res.ok) return window.location.assign(signedOut);
    setDeadline(Date.now() + idleMs);
    dialog.current?.close();
  }, [idleMs, signedOut]);

  return (
    <dialog
      ref={dialog}
      data-armed={armed || undefined}
      aria-labelledby="idle-title"
      className="m-auto w-full max-w-sm rounded-xl border border-slate-200 p-6 shadow-xl backdrop:bg-slate-900/40"
    >
      {absoluteFirst ? (
        <>
          <h2 id="idle-title" className="text-lg font-semibold">
            Your session ends at {endsAt}
          </h2>
          <p className="mt-2 text-sm text-slate-700">Your session ends at {endsAt}; sign in again to continue.</p>
          <div className="mt-4 flex justify-end gap-2">
            <button
              type="button"
              onClick={() => {
                setDismissed(true);
                dialog.current?.close();
              }}
              className="rounded-md border border-slate-300 px-4 py-2 text-sm"
            >
              OK
            </button>
          </div>
        </>
      ) : (
        <>
          <h2 id="idle-title" className="text-lg font-semibold">
            Your session is about to end
          </h2>
          <p className="mt-2 text-sm text-slate-700">
            For your security you will be signed out in {Math.max(0, Math.ceil(left / 1000))} seconds without activity.
          </p>
          <div className="mt-4 flex justify-end gap-2">
            <button type="button" onClick={stay} className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">
              Stay signed in
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
