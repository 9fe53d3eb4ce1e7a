'use client';

import Link from 'next/link';
import { useEffect, useState, useTransition } from 'react';
import type { NodeSummary } from '@/lib/hierarchy/queries';
import { listNodeChildrenAction } from './actions';

type Children = { children: NodeSummary[]; more: boolean };

/**
 * The actor's subtree, expanded on demand: only the children of opened nodes are loaded (bounded per
 * node), so a tree of 10,000 nodes costs what the person opens. Search finds anything deeper.
 */
export function NodeTree({ root, initial, selected }: { root: NodeSummary; initial: Record<string, Children>; selected: string }) {
  const [loaded, setLoaded] = useState(initial);
  const [open, setOpen] = useState(() => new Set(Object.keys(initial)));
  const [error, setError] = useState<string | null>(null);
  const [, start] = useTransition();
  // A new selection (navigation) brings the children along its path: merge them in and open them.
  useEffect(() => {
    setLoaded((l) => ({ ...l, ...initial }));
    setOpen((o) => new Set([...o, ...Object.keys(initial)]));
  }, [initial]);

  const toggle = (path: string) => {
    if (open.has(path)) {
      setOpen((o) => new Set([...o].filter((p) => p !== path)));
      return;
    }
    if (loaded[path]) {
      setOpen((o) => new Set([...o, path]));
      return;
    }
    start(async () => {
      const fd = new FormData();
      fd.set('node', path);
      const r = await listNodeChildrenAction(null, fd);
      if (!r.ok) return setError(r.formError ?? 'The nodes could not be loaded.');
      setLoaded((l) => ({ ...l, [path]: r.data as Children }));
      setOpen((o) => new Set([...o, path]));
    });
  };

  const item = (n: NodeSummary) => {
    const isOpen = open.has(n.path);
    const kids = loaded[n.path];
    return (
      <li key={n.path} className="space-y-1">
        <div className="flex items-center gap-1">
          {n.childCount > 0 ? (
            <button
              type="button"
              onClick={() => toggle(n.path)}
              aria-expanded={isOpen}
              aria-label={`${isOpen ? 'Collapse' : 'Expand'} ${n.name}`}
              className="h-6 w-6 rounded text-slate-600 hover:bg-slate-100"
            >
              {isOpen ? '−' : '+'}
            </button>
          ) : (
            <span className="inline-block w-6" />
          )}
          <Link
            href={`/users/setup/hierarchy?node=${encodeURIComponent(n.path)}`}
            aria-current={n.path === selected ? 'page' : undefined}
            className={`rounded px-1 ${n.path === selected ? 'bg-blue-50 font-semibold text-blue-800' : 'hover:text-blue-700'}`}
          >
            {n.name}
          </Link>
          <span className="text-xs text-slate-500">
            {n.type}
            {n.childCount > 0 && ` · ${n.childCount}`}
          </span>
        </div>
        {isOpen && kids && (
          <ul className="ml-5 space-y-1 border-l border-slate-100 pl-2">
            {kids.children.map(item)}
            {kids.more && <li className="text-xs text-slate-500">More nodes below; search to find them.</li>}
          </ul>
        )}
      </li>
    );
  };

  return (
    <nav aria-label="Hierarchy tree" className="text-sm">
      {error && (
        <p role="alert" className="rounded-md bg-red-50 p-2 text-red-800">
          {error}
        </p>
      )}
      <ul className="space-y-1">{item(root)}</ul>
    </nav>
  );
}
