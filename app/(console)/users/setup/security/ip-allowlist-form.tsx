'use client';

import { useState } from 'react';
import { CheckboxField, FieldError, FormMessage, useActionForm } from '@/components/action-form';
import { ConfirmSubmit } from '@/components/confirm-submit';
import { ipAllowed, isCatchAll, matchingEntry, parseAddress } from '@/lib/net/ip';
import { ipAllowlistFormSchema, LABELS, normaliseEntries } from '@/lib/security-settings/forms';
import { saveIpAllowlistAction } from './actions';

type Saved = { normalised?: { typed: string; saved: string }[]; duplicates?: string[] };

/**
 * "Restrict access by IP": the list is read as it is typed, so the self-lockout confirmation appears
 * only when the typed list would exclude the saver, a catch-all entry asks first, and "Test an
 * address" names the entry that matches. The server decides again on save.
 */
export function IpAllowlistForm({
  node,
  version,
  enabled,
  entries,
  enforced,
  visitorIp,
  governsSaver,
}: {
  node: string;
  version: number;
  enabled: boolean;
  entries: string[];
  enforced: boolean;
  visitorIp: string;
  /** The list applies to the saver (they sit at this node or below). */
  governsSaver: boolean;
}) {
  const f = useActionForm(ipAllowlistFormSchema, saveIpAllowlistAction, {
    node,
    version,
    enabled,
    entries: entries.join('\n'),
    confirmSelfLockout: false,
    enforceBelow: enforced,
  });
  const [probe, setProbe] = useState('');
  const on = Boolean(f.form.watch('enabled'));
  const typed = normaliseEntries(String(f.form.watch('entries') ?? ''));
  const parses = typed.errors.length === 0 && typed.entries.length > 0;
  const locksOut = on && parses && governsSaver && !ipAllowed(visitorIp, typed.entries);
  const showConfirm = locksOut || !!f.errorOf('confirmSelfLockout');
  const catchAll = on && typed.entries.some(isCatchAll);
  const probeAddr = probe.trim() ? parseAddress(probe.trim()) : null;
  const probeMatch = probeAddr ? matchingEntry(probe.trim(), typed.entries) : null;
  const saved = f.result?.ok ? ((f.result.data ?? {}) as Saved) : null;
  return (
    <form ref={f.formRef} onSubmit={f.onSubmit} noValidate className="space-y-3">
      <input type="hidden" {...f.register('node')} />
      <input type="hidden" {...f.register('version')} />
      <p>
        Your IP address:{' '}
        <strong className="font-mono" data-testid="visitor-ip">
          {visitorIp}
        </strong>
      </p>
      <CheckboxField id="ip-enabled" label={LABELS.ipEnabled} reg={f.register('enabled')} error={f.errorOf('enabled')} />
      <div>
        <label htmlFor="ip-entries" className="block text-sm font-medium">
          {LABELS.ipEntries}
        </label>
        <p id="ip-entries-help" className="text-xs text-slate-500">
          One per line: addresses (192.0.2.7, 2001:db8::1), ranges (192.0.2.1-192.0.2.99) or CIDR blocks (10.0.0.0/8). Text after # is a comment and
          is not saved.
        </p>
        <textarea
          id="ip-entries"
          rows={5}
          {...f.register('entries')}
          aria-invalid={!!f.errorOf('entries')}
          aria-describedby="ip-entries-help ip-entries-error"
          className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 font-mono text-sm"
        />
        <FieldError id="ip-entries-error" message={f.errorOf('entries')} />
      </div>
      {locksOut && (
        <p className="rounded-md bg-amber-50 p-2 text-sm text-amber-900" id="ip-lockout-warning">
          This list does not include your own IP address ({visitorIp}): saving it would lock you out.
        </p>
      )}
      {showConfirm && (
        <CheckboxField id="ip-confirm" label={LABELS.ipConfirm} reg={f.register('confirmSelfLockout')} error={f.errorOf('confirmSelfLockout')} />
      )}
      <CheckboxField id="ip-enforce-below" label={LABELS.enforceBelow} reg={f.register('enforceBelow')} />
      <div className="rounded-md border border-slate-200 p-2">
        <label htmlFor="ip-test" className="block text-sm font-medium">
          Test an address
        </label>
        <input
          id="ip-test"
          value={probe}
          onChange={(e) => setProbe(e.target.value)}
          aria-describedby="ip-test-result"
          className="mt-1 w-56 rounded-md border border-slate-300 px-2 py-1 font-mono text-sm"
        />
        <p id="ip-test-result" aria-live="polite" className="mt-1 text-xs text-slate-700">
          {!probe.trim()
            ? 'Type an address to see which entry of the list above allows it.'
            : !probeAddr
              ? `"${probe.trim().slice(0, 60)}" is not an IPv4 or IPv6 address.`
              : probeMatch
                ? `${probe.trim()} is allowed by ${probeMatch}.`
                : `${probe.trim()} matches no entry: it would be refused.`}
        </p>
      </div>
      <FormMessage result={f.result} />
      {saved && (saved.normalised?.length || saved.duplicates?.length) ? (
        <ul aria-label="What was changed on saving" className="list-disc pl-5 text-xs text-slate-700">
          {saved.normalised?.map((n) => (
            <li key={`n-${n.typed}`}>
              {n.typed} saved as {n.saved}
            </li>
          ))}
          {saved.duplicates?.map((d) => (
            <li key={`d-${d}`}>{d} dropped: it repeats an earlier entry</li>
          ))}
        </ul>
      ) : null}
      <ConfirmSubmit
        pending={f.pending}
        ask={catchAll}
        title="Allow connections from every address?"
        impact="The list contains 0.0.0.0/0 or ::/0, which matches every address of its kind: it restricts nothing for that family."
        confirmLabel="Save IP restriction"
      >
        Save IP restriction
      </ConfirmSubmit>
    </form>
  );
}
