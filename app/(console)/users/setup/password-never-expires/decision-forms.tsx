'use client';

import { CheckboxField, FormMessage, SubmitButton, useActionForm } from '@/components/action-form';
import { ConfirmSubmit } from '@/components/confirm-submit';
import { DECISION_LABELS } from '@/lib/never-expire/agreement';
import { neverExpireDecisionFormSchema } from '@/lib/never-expire/forms';
import { decideNeverExpireAction } from './actions';

export function AcceptForm({ node, textVersion }: { node: string; textVersion: string }) {
  const f = useActionForm(neverExpireDecisionFormSchema, decideNeverExpireAction, { node, decision: 'accept', textVersion, understood: false });
  return (
    <form ref={f.formRef} onSubmit={f.onSubmit} noValidate className="space-y-2">
      <input type="hidden" {...f.register('node')} />
      <input type="hidden" {...f.register('decision')} />
      <input type="hidden" {...f.register('textVersion')} />
      <CheckboxField id="never-expire-understood" label={DECISION_LABELS.accept} reg={f.register('understood')} error={f.errorOf('understood')} />
      <FormMessage result={f.result} success="Accepted." />
      <SubmitButton pending={f.pending}>Accept</SubmitButton>
    </form>
  );
}

/** Declining, or opting out after accepting: clears Never Expire on every account below at once. */
export function DeclineForm({ node, textVersion, optOut, flagged }: { node: string; textVersion: string; optOut: boolean; flagged: number }) {
  const f = useActionForm(
    neverExpireDecisionFormSchema,
    decideNeverExpireAction,
    { node, decision: 'decline', textVersion, understood: false },
    { warnUnsaved: false },
  );
  return (
    <form ref={f.formRef} onSubmit={f.onSubmit} noValidate className="space-y-2">
      <input type="hidden" {...f.register('node')} />
      <input type="hidden" {...f.register('decision')} />
      <input type="hidden" {...f.register('textVersion')} />
      <FormMessage result={f.result} success={optOut ? 'Opted out: Never Expire is cleared on every account below.' : 'Declined.'} />
      <ConfirmSubmit
        pending={f.pending}
        tone="red"
        title={optOut ? `Opt out of Password Never Expires at ${node}?` : `Decline the agreement for ${node}?`}
        impact={`"Never Expire" is cleared on ${flagged} account${flagged === 1 ? '' : 's'} at ${node} and below at once, and every acceptance below is withdrawn. Their passwords then expire by their policy, counted from the last change.`}
        confirmLabel={optOut ? 'Opt out' : 'Decline'}
      >
        {optOut ? 'Opt out' : 'Decline'}
      </ConfirmSubmit>
    </form>
  );
}
