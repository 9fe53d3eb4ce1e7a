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
    const local = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZoneName: 'short' }).format(new Date(iso));
    setText(`${local} (${zone})`);
  }, [iso]);
  return <time dateTime={iso}>{text ?? `${iso.slice(0, 16).replace('T', ' ')} UTC`}</time>;
}
