'use client';

import { useState } from 'react';
import { FormMessage, SubmitButton, useActionForm } from '@/components/action-form';
import { accountRefFormSchema } from '@/lib/users/forms';
import { makePrimaryContactAction } from './actions';

/**
 * "Make Primary Contact" on a Manager's Account Information tab. It asks first: the Password Never
 * Expires agreement and the External IDs setting and grants pass to this account at once.
 */
export function PrimaryContact({
  username,
  node,
  isPrimaryContact,
  current,
  refusal,
}: {
  username: string;
  node: string;
  isPrimaryContact: boolean;
  current: string | null;
  refusal: string | null;
}) {
  const [confirming, setConfirming] = useState(false);
  const f = useActionForm(accountRefFormSchema, makePrimaryContactAction, { username }, { warnUnsaved: false });
  if (isPrimaryContact) {
    return (
      <section aria-label="Primary Contact" className="mt-6 border-t border-slate-100 pt-4 text-sm">
        <p>
          {username} is the Primary Contact of <span className="font-mono">{node}</span>.
        </p>
        <FormMessage result={f.result} success={`${username} is now the Primary Contact of ${node}.`} />
      </section>
    );
  }
  return (
    <section aria-label="Primary Contact" className="mt-6 space-y-2 border-t border-slate-100 pt-4 text-sm">
      <p>
        Primary Contact of {node}: {current ?? 'nobody'}
      </p>
      <form ref={f.formRef} onSubmit={f.onSubmit} noValidate className="space-y-2">
        <input type="hidden" {...f.register('username')} />
        {confirming ? (
          <>
            <p>
              Make {username} the Primary Contact of {node}?{current ? ` ${current} stops being Primary Contact.` : ''} The Password Never Expires
              agreement and the External IDs setting and grants pass to {username}.
            </p>
            <div className="flex gap-2">
              <SubmitButton pending={f.pending}>Confirm Primary Contact</SubmitButton>
              <button type="button" onClick={() => setConfirming(false)} className="rounded-md border border-slate-300 px-3 py-1.5">
                Cancel
              </button>
            </div>
          </>
        ) : (
          <button
            type="button"
            disabled={refusal !== null}
            aria-describedby={refusal ? 'primary-contact-why' : undefined}
            onClick={() => setConfirming(true)}
            className="rounded-md border border-blue-300 px-3 py-1.5 text-blue-800 disabled:opacity-50"
          >
            Make Primary Contact
          </button>
        )}
        {refusal && (
          <p id="primary-contact-why" className="text-xs text-slate-600">
            {refusal}
          </p>
        )}
        <FormMessage result={f.result} />
      </form>
    </section>
  );
}
