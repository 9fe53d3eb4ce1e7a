import { NodeSelect } from './node-picker';
import { FilterSelect } from './ui';

type PickerNode = { path: string; name: string; type: string };

const input = 'mt-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm';

/** The GET filter form of the log pages: node subtree, account, action or outcome, date range. */
export function LogFilters(props: {
  action: string;
  nodes: PickerNode[];
  /** False when the subtree is too large to list: the picker then offers a path field and a search. */
  complete?: boolean;
  find?: string;
  current: string;
  values: { account?: string; action?: string; outcome?: string; from?: string; to?: string };
  outcomes?: readonly string[];
}) {
  const v = props.values;
  return (
    <form action={props.action} method="get" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <NodeSelect nodes={props.nodes} current={props.current} complete={props.complete} find={props.find} />
      <div>
        <label htmlFor="log-account" className="block text-xs font-medium text-slate-600">
          Account
        </label>
        <input id="log-account" name="account" defaultValue={v.account ?? ''} className={input} />
      </div>
      {props.outcomes ? (
        <FilterSelect id="log-outcome" name="outcome" label="Outcome" any="Any outcome" value={v.outcome} choices={props.outcomes} />
      ) : (
        <div>
          <label htmlFor="log-action" className="block text-xs font-medium text-slate-600">
            Action
          </label>
          <input id="log-action" name="action" defaultValue={v.action ?? ''} placeholder="e.g. account." className={input} />
        </div>
      )}
      <div>
        <label htmlFor="log-from" className="block text-xs font-medium text-slate-600">
          From
        </label>
        <input id="log-from" name="from" type="date" defaultValue={v.from ?? ''} className={input} />
      </div>
      <div>
        <label htmlFor="log-to" className="block text-xs font-medium text-slate-600">
          To
        </label>
        <input id="log-to" name="to" type="date" defaultValue={v.to ?? ''} className={input} />
      </div>
      <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100">
        Filter
      </button>
    </form>
  );
}
