'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { FormMessage, SelectField, SubmitButton, TextField, useActionForm } from '@/components/action-form';
import { setFlash } from '@/components/flash-message';
import { addNodeFormSchema, deleteNodeFormSchema, NODE_LABELS as L, renameNodeFormSchema } from '@/lib/hierarchy/forms';
import { addNodeAction, deleteNodeAction, renameNodeAction } from './actions';

const go = (path: string) => `/users/setup/hierarchy?node=${encodeURIComponent(path)}`;

export function AddNodeForm({ parent, types }: { parent: string; types: string[] }) {
  const router = useRouter();
  const f = useActionForm(addNodeFormSchema, addNodeAction, { node: parent, name: '', type: types[0] });
  const created = f.result?.ok ? (f.result.data as { path: string }).path : null;
  return (
    <form ref={f.formRef} onSubmit={f.onSubmit} noValidate aria-label="Add node" className="space-y-3">
      <h3 className="font-semibold">Add node</h3>
      <input type="hidden" {...f.register('node')} />
      <TextField id="add-node-name" label={L.name} reg={f.register('name')} error={f.errorOf('name')} />
      <SelectField
        id="add-node-type"
        label={L.type}
        reg={f.register('type')}
        error={f.errorOf('type')}
        options={types.map((t) => ({ value: t, label: t }))}
      />
      {created ? (
        <p role="status" className="rounded-md bg-green-50 p-2 text-sm text-green-800">
          {created} added.{' '}
          <button type="button" className="underline" onClick={() => router.push(go(created))}>
            Open {created}
          </button>
        </p>
      ) : (
        <FormMessage result={f.result} />
      )}
      <SubmitButton pending={f.pending}>Add node</SubmitButton>
    </form>
  );
}

export function RenameNodeForm({ node, name }: { node: string; name: string }) {
  const f = useActionForm(renameNodeFormSchema, renameNodeAction, { node, name });
  return (
    <form ref={f.formRef} onSubmit={f.onSubmit} noValidate aria-label="Rename node" className="space-y-3">
      <h3 className="font-semibold">Rename</h3>
      <input type="hidden" {...f.register('node')} />
      <TextField id="rename-node-name" label={L.name} reg={f.register('name')} error={f.errorOf('name')} />
      <FormMessage result={f.result} success="Renamed." />
      <SubmitButton pending={f.pending}>Rename node</SubmitButton>
    </form>
  );
}

/** Delete asks first: it cannot be undone. The server refuses a node that still holds anything. */
export function DeleteNodeForm({ node, parent }: { node: string; parent: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const f = useActionForm(deleteNodeFormSchema, deleteNodeAction, { node }, { warnUnsaved: false });
  const deleted = f.result?.ok === true;
  // The deleted node's page no longer exists: go to its parent and say so there.
  useEffect(() => {
    if (!deleted) return;
    setFlash(`${node} deleted.`);
    router.replace(go(parent));
  }, [deleted, node, parent, router]);
  // The parent's page says it (the flash), once the navigation lands.
  if (deleted) return null;
  return (
    <form ref={f.formRef} onSubmit={f.onSubmit} noValidate aria-label="Delete node" className="space-y-2">
      <input type="hidden" {...f.register('node')} />
      {confirming ? (
        <>
          <p className="text-sm">Delete {node}? Its settings and credential policies go with it; this cannot be undone.</p>
          <div className="flex gap-2">
            <SubmitButton pending={f.pending}>Confirm delete</SubmitButton>
            <button type="button" onClick={() => setConfirming(false)} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
              Cancel
            </button>
          </div>
        </>
      ) : (
        <button type="button" onClick={() => setConfirming(true)} className="rounded-md border border-red-300 px-3 py-1.5 text-sm text-red-800">
          Delete node
        </button>
      )}
      <FormMessage result={f.result} />
    </form>
  );
}
