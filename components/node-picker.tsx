type PickerNode = { path: string; name: string; type: string };

/** The node drop-down, indented by depth, for GET forms (the server checks the choice like any input). */
export function NodeSelect({ nodes, current }: { nodes: PickerNode[]; current: string }) {
  return (
    <div className="min-w-0 max-w-full">
      <label htmlFor="node-picker" className="block text-xs font-medium text-slate-600">
        Node
      </label>
      <select
        id="node-picker"
        name="node"
        defaultValue={current}
        // max-w-full: long node paths shrink the select instead of widening a narrow screen.
        className="mt-1 max-w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
      >
        {nodes.map((n) => (
          <option key={n.path} value={n.path}>
            {'\u00a0\u00a0'.repeat(n.path.split('.').length - 1)}
            {n.path} — {n.name} ({n.type})
          </option>
        ))}
      </select>
    </div>
  );
}

/** A GET form: works without JavaScript, and the server checks the choice like any other input. */
export function NodePicker({ nodes, current, action }: { nodes: PickerNode[]; current: string; action: string }) {
  return (
    <form action={action} method="get" className="flex items-end gap-2">
      <NodeSelect nodes={nodes} current={current} />
      <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100">
        Go
      </button>
    </form>
  );
}
