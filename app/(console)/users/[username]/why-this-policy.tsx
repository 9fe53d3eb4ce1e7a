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
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-left text-xs">
            <thead>
              <tr>
                <th className="py-1 pr-4">Setting</th>
                <th className="py-1 pr-4">Value</th>
                <th className="py-1">From</th>
              </tr>
            </thead>
            <tbody>
              {e.values.map((v) => (
                <tr key={v.key} className={v.applies ? '' : 'text-slate-500'}>
                  <th scope="row" className="py-0.5 pr-4 font-normal">
                    {v.label}
                  </th>
                  <td className="py-0.5 pr-4">
                    {v.value}
                    {v.applies ? '' : ' (does not apply)'}
                  </td>
                  <td className="py-0.5">{v.from}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
