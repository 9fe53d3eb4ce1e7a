/** Small presentational pieces shared by pages. No data access here. */

export function Card({ title, children, aside }: { title: string; children: React.ReactNode; aside?: React.ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex items-start justify-between gap-4">
        <h2 className="text-base font-semibold text-slate-900">{title}</h2>
        {aside}
      </div>
      <div className="mt-3 text-sm text-slate-700">{children}</div>
    </section>
  );
}

export function Badge({ children, tone = 'slate' }: { children: React.ReactNode; tone?: 'slate' | 'green' | 'amber' | 'blue' }) {
  const tones = {
    slate: 'bg-slate-100 text-slate-700',
    green: 'bg-green-100 text-green-800',
    amber: 'bg-amber-100 text-amber-800',
    blue: 'bg-blue-100 text-blue-800',
  };
  return <span className={`inline-flex items-center rounded px-2 py-0.5 text-xs font-medium ${tones[tone]}`}>{children}</span>;
}

export function ErrorPanel({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-800">
      <p className="font-semibold">{title}</p>
      <div className="mt-1">{children}</div>
    </div>
  );
}

/** A form's outcome: an error is announced as an alert, a success or note as a status. */
export function Notice({ tone, children, className = '' }: { tone: 'error' | 'success' | 'info'; children: React.ReactNode; className?: string }) {
  const tones = { error: 'bg-red-50 text-red-800', success: 'bg-green-50 text-green-800', info: 'bg-slate-50 text-slate-800' };
  return (
    <p role={tone === 'error' ? 'alert' : 'status'} className={`rounded-md p-3 text-sm ${tones[tone]} ${className}`}>
      {children}
    </p>
  );
}

/** A table's header row from its column names. */
export function TableHead({ columns }: { columns: readonly string[] }) {
  return (
    <thead className="bg-slate-100 text-left">
      <tr>
        {columns.map((c) => (
          <th key={c} className="p-2">
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** A select of a GET filter form: "any" (the empty value) first, then the choices as they are named. */
export function FilterSelect<C extends string>(props: {
  id: string;
  name: string;
  label: string;
  any: string;
  value: string | undefined;
  choices: readonly C[];
  choiceLabel?: (choice: C) => string;
}) {
  return (
    <div>
      <label htmlFor={props.id} className="block text-xs font-medium text-slate-600">
        {props.label}
      </label>
      <select
        id={props.id}
        name={props.name}
        defaultValue={props.value ?? ''}
        className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
      >
        <option value="">{props.any}</option>
        {props.choices.map((c) => (
          <option key={c} value={c}>
            {props.choiceLabel?.(c) ?? c}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The full-width primary button of the sign-in pages. */
export function WideSubmit({ pending, idle, busy }: { pending: boolean; idle: string; busy: string }) {
  return (
    <button
      type="submit"
      disabled={pending}
      className="w-full rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
    >
      {pending ? busy : idle}
    </button>
  );
}
