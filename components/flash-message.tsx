'use client';

import { useEffect, useState } from 'react';

// A result that must outlive a navigation (a saved policy opens at its new address) travels in
// sessionStorage, never in the URL: a reload or a shared link does not repeat it.
const KEY = 'security-console.flash';
const EVENT = 'security-console:flash';

export function setFlash(message: string) {
  sessionStorage.setItem(KEY, message);
  window.dispatchEvent(new Event(EVENT));
}

/** Shows the last flash once; the next form submitted on the page clears it. */
export function FlashMessage() {
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    const take = () => {
      const m = sessionStorage.getItem(KEY);
      if (m === null) return;
      sessionStorage.removeItem(KEY);
      setMessage(m);
    };
    const clear = () => setMessage(null);
    take();
    window.addEventListener(EVENT, take);
    document.addEventListener('submit', clear, true);
    return () => {
      window.removeEventListener(EVENT, take);
      document.removeEventListener('submit', clear, true);
    };
  }, []);
  if (!message) return null;
  return (
    <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-800">
      {message}
    </p>
  );
}
