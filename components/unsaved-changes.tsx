'use client';

import { useEffect } from 'react';

const UNSAVED_MESSAGE = 'You have unsaved changes. Leave this page and lose them?';

/**
 * Warns before leaving with unsaved changes: the browser's own prompt on reload or close, and a
 * confirmation on in-app links (client-side navigation does not fire beforeunload).
 */
export function useUnsavedChangesWarning(dirty: boolean, message = UNSAVED_MESSAGE) {
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    const onClick = (e: MouseEvent) => {
      const link = (e.target as Element | null)?.closest?.('a[href]');
      if (!link || e.defaultPrevented) return;
      if (!window.confirm(message)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [dirty, message]);
}
