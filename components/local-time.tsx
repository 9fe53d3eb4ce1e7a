'use client';

import { useEffect, useState } from 'react';

/**
 * A moment in the viewer's own time zone, with the zone named ("7 Dec 2026, 14:05 CET (Europe/Paris)").
 * The server does not know the viewer's zone: it renders UTC, the browser replaces it after loading.
 */
export function LocalTime({ iso }: { iso: string }) {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    // dateStyle/timeStyle cannot be combined with timeZoneName: the fields are spelled out.
    const local = new Intl.DateTimeFormat(undefined, {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    }).format(new Date(iso));
    setText(`${local} (${zone})`);
  }, [iso]);
  return <time dateTime={iso}>{text ?? `${iso.slice(0, 16).replace('T', ' ')} UTC`}</time>;
}
