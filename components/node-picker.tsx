type PickerNode = { path: string; name: string; type: string };

const label = (n: PickerNode) => `${n.path} — ${n.name} (${n.type})`;

/**
 * The node chooser for GET forms (the server checks the choice like any input). A small subtree is a
 * drop-down of every node; a large one (`complete` false: more than lib/hierarchy PICKER_LIMIT nodes)
 * is never listed whole: a path field suggesting the nodes around the current one, and a search.
 */
export function NodeSelect({
  nodes,
  current,
  complete = true,
  find = '',
}: {
  nodes: PickerNode[];
  current: string;
  complete?: boolean;
  find?: string;
}) {
  if (!complete) {
    return (
      <div className="flex flex-wrap items-end gap-2">
        <div className="max-w-full">
          <label htmlFor="node-picker" className="block text-xs font-medium text-slate-600">
            Node
          </label>
          <input
            id="node-picker"
            name="node"
            defaultValue={current}
            list="node-picker-options"
            autoComplete="off"
            spellCheck={false}
            className="mt-1 w-72 max-w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 font-mono text-sm"
          />
          <datalist id="node-picker-options">
            {nodes.map((n) => (
              <option key={n.path} value={n.path} label={label(n)} />
            ))}
          </datalist>
        </div>
        <div>
          <label htmlFor="node-picker-find" className="block text-xs font-medium text-slate-600">
            Find node
          </label>
          <input
            id="node-picker-find"
            name="find"
            type="search"
            defaultValue={find}
            placeholder="Path or name"
            className="mt-1 w-40 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          />
        </div>
      </div>
    );
  }
  return (
    <div className="w-full min-w-0 sm:w-auto">
      <label htmlFor="node-picker" className="block text-xs font-medium text-slate-600">
        Node
      </label>
      <select
        id="node-picker"
        name="node"
        defaultValue={current}
        // max-w-full: long node paths shrink the select instead of widening a narrow screen.
        className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm sm:w-auto sm:max-w-md"
      >
        {nodes.map((n) => (
          <option key={n.path} value={n.path}>
            {'\u00a0\u00a0'.repeat(n.path.split('.').length - 1)}
            {label(n)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A GET form: works without JavaScript, and the server checks the choice like any other input. */
export function NodePicker({
  nodes,
  current,
  action,
  complete = true,
  find = '',
}: {
  nodes: PickerNode[];
  current: string;
  action: string;
  complete?: boolean;
  find?: string;
}) {
  return (
    <form action={action} method="get" className="flex min-w-0 max-w-full flex-wrap items-end gap-2">
      <NodeSelect nodes={nodes} current={current} complete={complete} find={find} />
      <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100">
        Go
      </button>
    </form>
  );
}
