'use client';

import { useState } from 'react';
import { useUnsavedChangesWarning } from './unsaved-changes';

const LEAVE_MESSAGE = 'The temporary password is shown only once. Leave this page without it?';

/**
 * A temporary password, shown once: a Copy button, and a warning before leaving the page while it is
 * on screen (it cannot be shown again; only a new reset makes another).
 */
export function TemporaryPassword({ value, note }: { value: string; note: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  useUnsavedChangesWarning(true, LEAVE_MESSAGE);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <div role="status" className="space-y-2 rounded-md bg-green-50 p-3 text-sm text-green-900">
      <p>
        Temporary password ({note}):{' '}
        <code data-testid="temporary-password" className="font-mono">
          {value}
        </code>
      </p>
      <div className="flex items-center gap-2">
        <button type="button" onClick={copy} className="rounded-md border border-green-700 px-2 py-1 text-xs">
          Copy
        </button>
        <span aria-live="polite" className="text-xs">
          {copied === 'yes' ? 'Copied.' : copied === 'failed' ? 'Copy failed: select the password and copy it.' : ''}
        </span>
      </div>
    </div>
  );
}
