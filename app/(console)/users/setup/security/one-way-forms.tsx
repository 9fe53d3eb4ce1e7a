'use client';

import { CheckboxField, FormMessage, SubmitButton, useActionForm } from '@/components/action-form';
import { ConfirmSubmit } from '@/components/confirm-submit';
import { neverExpireActivationFormSchema } from '@/lib/never-expire/forms';
import { dataSecurityModelFormSchema, LABELS } from '@/lib/security-settings/forms';
import { enableDataSecurityModelAction, setNeverExpireActivationAction } from './actions';

/** One-way: the only thing this form can do is switch the model on, after an explicit confirmation. */
export function DataSecurityModelForm({ node }: { node: string }) {
  const f = useActionForm(dataSecurityModelFormSchema, enableDataSecurityModelAction, { node, confirm: false });
  return (
    <form ref={f.formRef} onSubmit={f.onSubmit} noValidate className="space-y-3">
      <input type="hidden" {...f.register('node')} />
      <p className="rounded-md bg-amber-50 p-2 text-amber-900">
        Enabling the New Data Security Model is permanent: it cannot be switched off in the console.
      </p>
      <CheckboxField id="dsm-confirm" label={LABELS.dsmConfirm} reg={f.register('confirm')} error={f.errorOf('confirm')} />
      <FormMessage result={f.result} success="The New Data Security Model is enabled." />
      <SubmitButton pending={f.pending} tone="red">
        Enable the New Data Security Model
      </SubmitButton>
    </form>
  );
}

/** The System operator's "contact support" step of SPEC §6. */
export function NeverExpireActivationForm({ node, activated, flagged }: { node: string; activated: boolean; flagged: number }) {
  const f = useActionForm(neverExpireActivationFormSchema, setNeverExpireActivationAction, { node, activate: !activated }, { warnUnsaved: false });
  return (
    <form ref={f.formRef} onSubmit={f.onSubmit} noValidate className="space-y-3">
      <input type="hidden" {...f.register('node')} />
      {!activated && <input type="hidden" name="activate" value="on" />}
      {activated && <p className="text-xs text-slate-500">Deactivating clears &quot;Never Expire&quot; on every account below this node.</p>}
      <FormMessage result={f.result} success={activated ? 'Deactivated.' : 'Activated: the Primary Contact can now accept the agreement.'} />
      <ConfirmSubmit
        pending={f.pending}
        tone={activated ? 'red' : 'blue'}
        title={activated ? `Deactivate Password Never Expires at ${node}?` : `Activate Password Never Expires at ${node}?`}
        impact={
          activated
            ? `It is switched off at ${node} and every node below: their activations and agreement decisions are withdrawn, and "Never Expire" is cleared on ${accounts(flagged)} at once. Their passwords then expire by their policy, counted from the last change.`
            : `The Primary Contact of ${node}, and of each node below, can then accept the risk agreement and let Managers set API-only passwords there to never expire.`
        }
        confirmLabel={activated ? 'Deactivate' : 'Activate'}
      >
        {activated ? 'Deactivate Password Never Expires' : 'Activate Password Never Expires'}
      </ConfirmSubmit>
    </form>
  );
}

function accounts(n: number) {
  return `${n} account${n === 1 ? '' : 's'}`;
}
