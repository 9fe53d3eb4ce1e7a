'use client';

import { useState } from 'react';
import { FormMessage, useActionForm } from '@/components/action-form';
import { ConfirmSubmit } from '@/components/confirm-submit';
import { Badge } from '@/components/ui';
import { revertSettingFormSchema } from '@/lib/security-settings/forms';
import { revertSettingAction } from './actions';

/**
 * One inherited setting group (SPEC §2): where its value comes from, "Override here" when inherited,
 * "Revert to inherited" when defined here (which deletes the node's own row).
 */
export function SettingSection(props: {
  title: string;
  group: string;
  node: string;
  from: string;
  definedHere: boolean;
  /** An ancestor enforces this group for every node below: shown, never overridable here. */
  enforcedFrom?: string;
  summary: string;
  /** What "Revert to inherited" would bring back, for its confirmation (none at the root). */
  inherited?: { from: string; summary: string };
  editable: boolean;
  revertible: boolean;
  children: React.ReactNode;
}) {
  const [overriding, setOverriding] = useState(false);
  // After "Revert to inherited" the section is inherited again: close the override form, so that a
  // later override starts from the fresh inherited value and version.
  const [wasDefined, setWasDefined] = useState(props.definedHere);
  if (wasDefined !== props.definedHere) {
    setWasDefined(props.definedHere);
    if (!props.definedHere) setOverriding(false);
  }
  const enforced = props.enforcedFrom !== undefined;
  const editable = props.editable && !enforced;
  const showForm = editable && (props.definedHere || overriding);
  return (
    <section aria-label={props.title} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex items-start justify-between gap-4">
        <h2 className="text-base font-semibold text-slate-900">{props.title}</h2>
        {enforced ? (
          <Badge tone="amber">enforced from {props.enforcedFrom}</Badge>
        ) : props.definedHere ? (
          <Badge tone="blue">Defined here</Badge>
        ) : (
          <Badge>inherited from {props.from}</Badge>
        )}
      </div>
      <div className="mt-3 space-y-3 text-sm text-slate-700">
        <p>{props.summary}</p>
        {enforced && props.editable && (
          <p className="text-xs text-slate-600">
            {props.enforcedFrom} enforces this setting for all nodes below it, so it cannot be overridden here.
          </p>
        )}
        {showForm && props.children}
        {editable && !props.definedHere && !overriding && (
          <button type="button" onClick={() => setOverriding(true)} className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100">
            {/* The accessible name says which section: one page holds several of these buttons. */}
            Override<span className="sr-only"> {props.title}</span> here
          </button>
        )}
        {editable && !props.definedHere && overriding && (
          <button type="button" onClick={() => setOverriding(false)} className="text-sm text-slate-600 underline">
            Cancel override<span className="sr-only"> of {props.title}</span>
          </button>
        )}
        {editable && props.definedHere && props.revertible && props.node !== 'sys' && (
          <RevertButton node={props.node} group={props.group} title={props.title} inherited={props.inherited} />
        )}
      </div>
    </section>
  );
}

function RevertButton({
  node,
  group,
  title,
  inherited,
}: {
  node: string;
  group: string;
  title: string;
  inherited?: { from: string; summary: string };
}) {
  const f = useActionForm(revertSettingFormSchema, revertSettingAction, { node, group }, { warnUnsaved: false });
  return (
    <form ref={f.formRef} onSubmit={f.onSubmit} className="border-t border-slate-100 pt-3">
      <input type="hidden" {...f.register('node')} />
      <input type="hidden" {...f.register('group')} />
      <ConfirmSubmit
        pending={f.pending}
        title={`Revert ${title} to inherited?`}
        impact={
          <>
            <p>
              {node} stops defining it and inherits from {inherited?.from ?? 'the node above'}: {inherited?.summary ?? 'its value'}.
            </p>
            <p className="mt-1">Every node below that inherits from {node} follows at once.</p>
          </>
        }
        confirmLabel="Revert to inherited"
      >
        Revert to inherited
      </ConfirmSubmit>
      <div className="mt-2">
        <FormMessage result={f.result} success="Reverted: the value is inherited again." />
      </div>
    </form>
  );
}
