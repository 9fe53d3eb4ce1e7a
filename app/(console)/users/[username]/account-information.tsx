'use client';

import { useRouter } from 'next/navigation';
import { CheckboxField, FormMessage, SelectField, SubmitButton, TextField, useActionForm } from '@/components/action-form';
import { TemporaryPassword } from '@/components/temporary-password';
import { AUTH_SOURCES, type AuthSource, type Role } from '@/lib/users/fields';
import { accountFormSchema, externalIdFormSchema, ACCOUNT_LABELS as L } from '@/lib/users/forms';
import { saveAccountAction, saveExternalIdAction } from './actions';

interface AccountInformationProps {
  mode: 'create' | 'edit';
  values: {
    username: string;
    firstName: string;
    lastName: string;
    email: string;
    role: Role;
    node: string;
    authSource: AuthSource;
    apiOnly: boolean;
    externalId: string;
  };
  roleOptions: { value: Role; label: string }[];
  roleEditable: boolean;
  roleLabel: string;
  nodeOptions: string[];
  nodeEditable: boolean;
  /** Why the node, auth source and API-only flag are fixed (the takeover rule), or null. */
  assignmentRefusal?: string | null;
  externalIdEditable: boolean;
  editable: boolean;
  /** Why the account cannot be edited by this actor (shown beside the fields), or null. */
  readOnlyReason?: string | null;
}

/** "Account Information": create and edit. What the actor may not change is shown, not submitted. */
export function AccountInformation(p: AccountInformationProps) {
  const router = useRouter();
  const { externalId, ...rest } = p.values;
  const inMainForm = p.externalIdEditable && p.editable;
  const defaults = { mode: p.mode, ...rest, ...(inMainForm ? { externalId } : {}) };
  const f = useActionForm(accountFormSchema, saveAccountAction, defaults);
  const r = f.result;
  const created = p.mode === 'create' && r?.ok ? (r.data as { username: string; temporaryPassword: string | null }) : null;
  if (created) {
    return (
      <div role="status" className="space-y-3 rounded-md bg-green-50 p-4 text-sm text-green-900">
        <p>
          Account <strong>{created.username}</strong> created.
        </p>
        {created.temporaryPassword && <TemporaryPassword value={created.temporaryPassword} note="shown once; it must be changed at first sign-in" />}
        <button type="button" onClick={() => router.push(`/users/${encodeURIComponent(created.username)}`)} className="underline">
          Open the account
        </button>
      </div>
    );
  }
  const disabled = !p.editable;
  const why = disabled && p.readOnlyReason ? 'account-readonly-why' : undefined;
  return (
    <>
      {why && (
        <p id={why} className="mb-4 rounded-md bg-slate-50 p-2 text-sm text-slate-700">
          {p.readOnlyReason}
        </p>
      )}
      <form ref={f.formRef} onSubmit={f.onSubmit} noValidate className="grid max-w-2xl gap-4 sm:grid-cols-2">
        <input type="hidden" {...f.register('mode')} />
        {p.mode === 'edit' ? (
          <div>
            <input type="hidden" {...f.register('username')} />
            <p className="text-sm font-medium">{L.username}</p>
            <p className="mt-1 font-mono">{p.values.username}</p>
          </div>
        ) : (
          <TextField id="account-username" label={L.username} reg={f.register('username')} error={f.errorOf('username')} />
        )}
        <TextField
          id="account-first-name"
          label={L.firstName}
          reg={f.register('firstName')}
          error={f.errorOf('firstName')}
          disabled={disabled}
          describedBy={why}
        />
        <TextField
          id="account-last-name"
          label={L.lastName}
          reg={f.register('lastName')}
          error={f.errorOf('lastName')}
          disabled={disabled}
          describedBy={why}
        />
        <TextField
          id="account-email"
          type="email"
          label={L.email}
          reg={f.register('email')}
          error={f.errorOf('email')}
          disabled={disabled}
          describedBy={why}
        />
        {p.roleEditable && !disabled ? (
          <SelectField id="account-role" label={L.role} reg={f.register('role')} error={f.errorOf('role')} options={p.roleOptions} />
        ) : (
          <div>
            <input type="hidden" {...f.register('role')} />
            <p className="text-sm font-medium">{L.role}</p>
            <p className="mt-1">{p.roleLabel}</p>
            <p className="text-sm text-red-700">{f.errorOf('role')}</p>
          </div>
        )}
        {p.nodeEditable && !disabled ? (
          <SelectField
            id="account-node"
            label={L.node}
            reg={f.register('node')}
            error={f.errorOf('node')}
            options={p.nodeOptions.map((n) => ({ value: n, label: n }))}
          />
        ) : (
          <div>
            <input type="hidden" {...f.register('node')} />
            <p className="text-sm font-medium">{L.node}</p>
            <p className="mt-1 font-mono">{p.values.node}</p>
          </div>
        )}
        {p.assignmentRefusal ? (
          <div className="sm:col-span-2">
            <input type="hidden" {...f.register('authSource')} />
            {p.values.apiOnly && <input type="hidden" name="apiOnly" value="on" />}
            <p className="text-sm">
              {L.authSource}: <span className="font-mono">{p.values.authSource}</span>
              {p.values.apiOnly && ` · ${L.apiOnly}`}
            </p>
            <p id="account-assignment-why" className="text-xs text-slate-600">
              {p.assignmentRefusal}
            </p>
          </div>
        ) : (
          <>
            <SelectField
              id="account-auth-source"
              label={L.authSource}
              reg={f.register('authSource')}
              options={AUTH_SOURCES.map((s) => ({ value: s, label: s }))}
              disabled={disabled}
            />
            <CheckboxField id="account-api-only" label={L.apiOnly} reg={f.register('apiOnly')} disabled={disabled} describedBy={why} />
          </>
        )}
        {inMainForm ? (
          <TextField id="account-external-id" label={L.externalId} reg={f.register('externalId')} error={f.errorOf('externalId')} />
        ) : p.externalIdEditable && p.mode === 'edit' ? null : (
          <div>
            <p className="text-sm font-medium">{L.externalId}</p>
            <p className="mt-1">{externalId || '—'}</p>
          </div>
        )}
        <div className="space-y-2 sm:col-span-2">
          <FormMessage result={r} success={p.mode === 'create' ? 'Created.' : 'Saved.'} />
          {!disabled && <SubmitButton pending={f.pending}>{p.mode === 'create' ? 'Create user' : 'Save account information'}</SubmitButton>}
        </div>
      </form>
      {p.externalIdEditable && !p.editable && p.mode === 'edit' && <ExternalIdForm username={p.values.username} externalId={externalId} />}
    </>
  );
}

/** For a granted account that may not edit the rest of the account (a Unit Manager). */
function ExternalIdForm({ username, externalId }: { username: string; externalId: string }) {
  const f = useActionForm(externalIdFormSchema, saveExternalIdAction, { username, externalId });
  return (
    <form
      ref={f.formRef}
      onSubmit={f.onSubmit}
      noValidate
      aria-label="External ID"
      className="mt-6 max-w-sm space-y-2 border-t border-slate-100 pt-4"
    >
      <input type="hidden" {...f.register('username')} />
      <TextField id="account-external-id" label={L.externalId} reg={f.register('externalId')} error={f.errorOf('externalId')} />
      <FormMessage result={f.result} />
      <SubmitButton pending={f.pending}>Save External ID</SubmitButton>
    </form>
  );
}
