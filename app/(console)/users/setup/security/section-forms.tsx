'use client';

import { CheckboxField, FormMessage, SubmitButton, TextField, useActionForm } from '@/components/action-form';
import { ConfirmSubmit } from '@/components/confirm-submit';
import { externalIdsFormSchema, LABELS, sessionTimeoutLabel, sessionTimeoutsFormSchema, twoFactorFormSchema } from '@/lib/security-settings/forms';
import { ROLES, type Role, roleLabel } from '@/lib/users/fields';
import { saveExternalIdsAction, saveSessionTimeoutsAction, saveTwoFactorAction } from './actions';

export function TwoFactorForm({
  node,
  version,
  required,
  enforced,
  enrolment,
}: {
  node: string;
  version: number;
  required: boolean;
  enforced: boolean;
  enrolment: { count: number; includesActor: boolean };
}) {
  const f = useActionForm(twoFactorFormSchema, saveTwoFactorAction, { node, version, required, enforceBelow: enforced });
  return (
    <form ref={f.formRef} onSubmit={f.onSubmit} noValidate className="space-y-3">
      <input type="hidden" {...f.register('node')} />
      <input type="hidden" {...f.register('version')} />
      <CheckboxField id="two-factor-required" label={LABELS.twoFactor} reg={f.register('required')} />
      <CheckboxField id="two-factor-enforce-below" label={LABELS.enforceBelow} reg={f.register('enforceBelow')} />
      <FormMessage result={f.result} />
      {/* Asks only when the save switches the requirement on. */}
      <ConfirmSubmit
        pending={f.pending}
        ask={!required && Boolean(f.form.watch('required'))}
        title="Require two-factor authentication?"
        impact={`${enrolment.count} account${enrolment.count === 1 ? '' : 's'} below will enrol at their next sign-in${enrolment.includesActor ? ', you included' : ''}. Accounts with an authenticator are asked for a code from then on.`}
        confirmLabel="Require two-factor authentication"
      >
        Save two-factor authentication
      </ConfirmSubmit>
    </form>
  );
}

export function ExternalIdsForm({
  node,
  version,
  allowOthers,
  primaryContact,
  grants,
}: {
  node: string;
  version: number;
  allowOthers: boolean;
  primaryContact: boolean;
  grants: number;
}) {
  const f = useActionForm(externalIdsFormSchema, saveExternalIdsAction, { node, version, allowOthers });
  return (
    <form ref={f.formRef} onSubmit={f.onSubmit} noValidate className="space-y-3">
      <input type="hidden" {...f.register('node')} />
      <input type="hidden" {...f.register('version')} />
      <CheckboxField id="external-ids-allow" label={LABELS.externalIds} reg={f.register('allowOthers')} disabled={!primaryContact} />
      {!primaryContact && <p className="text-xs text-slate-500">Only the Primary Contact changes this setting.</p>}
      <FormMessage result={f.result} />
      <ConfirmSubmit
        pending={f.pending}
        disabled={!primaryContact}
        ask={allowOthers && !f.form.watch('allowOthers')}
        title="Stop other users managing External IDs?"
        impact={`Only the Primary Contact manages External IDs at ${node} and below from now on. ${grants} granted account${grants === 1 ? '' : 's'} lose${grants === 1 ? 's' : ''} the permission; setting this again restores it.`}
        confirmLabel="Save external IDs"
      >
        Save external IDs
      </ConfirmSubmit>
    </form>
  );
}

export function SessionTimeoutsForm({ node, version, byRole }: { node: string; version: number; byRole: Partial<Record<Role, number>> }) {
  const defaults = Object.fromEntries(ROLES.map((r) => [r, byRole[r] == null ? '' : String(byRole[r])]));
  const f = useActionForm(sessionTimeoutsFormSchema, saveSessionTimeoutsAction, { node, version, ...defaults });
  return (
    <form ref={f.formRef} onSubmit={f.onSubmit} noValidate className="space-y-3">
      <input type="hidden" {...f.register('node')} />
      <input type="hidden" {...f.register('version')} />
      <p className="text-xs text-slate-500">
        10–240 minutes; leave empty to use the credential policy&apos;s idle timeout. An account&apos;s own override wins over its role&apos;s.
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        {ROLES.map((r) => (
          <TextField key={r} id={`timeout-${r}`} type="number" label={sessionTimeoutLabel(roleLabel(r))} reg={f.register(r)} error={f.errorOf(r)} />
        ))}
      </div>
      <FormMessage result={f.result} />
      <SubmitButton pending={f.pending}>Save session timeouts</SubmitButton>
    </form>
  );
}
