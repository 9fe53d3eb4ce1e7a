import type { Explanation } from '@/lib/policy/explain';

/** "Why this policy": the chain that chose the account's policy, and every effective value. */
export function WhyThisPolicy({ explanation: e }: { explanation: Explanation }) {
  return (
    <section aria-label="Why this policy" className="space-y-3">
      <h3 className="font-semibold">Why this policy</h3>
      <p data-testid="why-summary">
        <strong>{e.summary}</strong> <span className="text-xs text-slate-500">(defined at {e.policy.definedAt})</span>
      </p>
      {e.notes.map((n) => (
        <p key={n} role="note" className="rounded-md bg-amber-50 p-2 text-amber-900">
          {n}
        </p>
      ))}
      <ol aria-label="Policy chain" className="list-decimal space-y-1 pl-5">
        {e.steps.map((s) => (
          <li key={s.at} className={s.decided ? 'font-medium text-slate-900' : 'text-slate-600'}>
            {s.text}
            {s.decided ? ' ← decides' : ''}
          </li>
        ))}
      </ol>
      <details>
        <summary className="cursor-pointer text-blue-700">Effective values</summary>
        <dl className="mt-2 grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 text-xs">
          {e.values.map((v) => (
            <div key={v.key} className={`contents ${v.applies ? '' : 'text-slate-400'}`}>
              <dt>{v.label}</dt>
              <dd>
                {v.value}
                {v.applies ? '' : ' (does not apply)'}
              </dd>
            </div>
          ))}
        </dl>
      </details>
    </section>
  );
}
