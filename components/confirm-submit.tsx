'use client';

import { useEffect, useId, useRef, useState } from 'react';

/**
 * A submit button for a far-reaching action: it asks first, in a modal alert dialog that states the
 * impact, and only "confirm" submits the enclosing form (so the form's own onSubmit, validation and
 * server action run exactly as without the dialog). With `ask` false it is a plain submit button.
 */
export function ConfirmSubmit({
  children,
  title,
  impact,
  confirmLabel,
  pending,
  disabled,
  ask = true,
  tone = 'blue',
  describedBy,
}: {
  children: React.ReactNode;
  title: string;
  impact: React.ReactNode;
  confirmLabel: string;
  pending: boolean;
  disabled?: boolean;
  ask?: boolean;
  tone?: 'blue' | 'red';
  describedBy?: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  // The dialog's text exists only while it is open, so a closed dialog never shows up in the page's text.
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (open && !dialog.current?.open) dialog.current?.showModal();
  }, [open]);
  const colours = tone === 'red' ? 'bg-red-700 hover:bg-red-800' : 'bg-blue-700 hover:bg-blue-800';
  const button = `rounded-md px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60 ${colours}`;
  if (!ask)
    return (
      <button type="submit" disabled={pending || disabled} aria-describedby={describedBy} className={button}>
        {children}
      </button>
    );
  return (
    <>
      <button type="button" disabled={pending || disabled} aria-describedby={describedBy} onClick={() => setOpen(true)} className={button}>
        {children}
      </button>
      <dialog
        ref={dialog}
        onClose={() => setOpen(false)}
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-impact`}
        className="m-auto max-w-md rounded-lg border border-slate-200 p-5 shadow-xl backdrop:bg-slate-900/40"
      >
        {open && (
          <>
            <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
              {title}
            </h2>
            <div id={`${id}-impact`} className="mt-2 text-sm text-slate-700">
              {impact}
            </div>
            <div className="mt-4 flex justify-end gap-2">
              {/* Cancel first: it takes the focus when the dialog opens, so Enter does not confirm. */}
              <button
                type="button"
                onClick={() => dialog.current?.close()}
                className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100"
              >
                Cancel
              </button>
              <button type="submit" onClick={() => dialog.current?.close()} className={button}>
                {confirmLabel}
              </button>
            </div>
          </>
        )}
      </dialog>
    </>
  );
}
