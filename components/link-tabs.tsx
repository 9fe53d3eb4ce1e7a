'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef } from 'react';

/**
 * Tabs whose panels are separate addresses (?tab=…), as a real ARIA tablist: one tab in the Tab order
 * (the selected one), arrow keys, Home and End move between tabs and open them.
 */
export function LinkTabs({
  label,
  tabs,
  selected,
  panelId,
}: {
  label: string;
  tabs: { id: string; label: string; href: string }[];
  selected: string;
  panelId: string;
}) {
  const router = useRouter();
  const refs = useRef<(HTMLAnchorElement | null)[]>([]);
  const go = (i: number) => {
    const t = tabs[(i + tabs.length) % tabs.length];
    if (!t) return;
    refs.current[tabs.indexOf(t)]?.focus();
    router.push(t.href);
  };
  const onKeyDown = (e: React.KeyboardEvent, i: number) => {
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    go(next);
  };
  return (
    <div role="tablist" aria-label={label} className="flex gap-1 overflow-x-auto border-b border-slate-200">
      {tabs.map((t, i) => (
        <Link
          key={t.id}
          ref={(el) => {
            refs.current[i] = el;
          }}
          id={`tab-${t.id}`}
          role="tab"
          aria-selected={selected === t.id}
          aria-controls={selected === t.id ? panelId : undefined}
          tabIndex={selected === t.id ? 0 : -1}
          href={t.href}
          onKeyDown={(e) => onKeyDown(e, i)}
          className={`whitespace-nowrap rounded-t-md px-4 py-2 text-sm ${selected === t.id ? 'border border-b-white border-slate-200 bg-white font-medium' : 'text-slate-600 hover:text-blue-700'}`}
        >
          {t.label}
        </Link>
      ))}
    </div>
  );
}
