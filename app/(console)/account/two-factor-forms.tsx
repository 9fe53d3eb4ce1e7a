'use client';

import { type FormAction, FormMessage, SubmitButton, TextField, useActionForm } from '@/components/action-form';
import { AuthenticatorSecret } from '@/components/authenticator-secret';
import { enrolAuthenticatorSchema, newRecoveryCodesSchema } from '@/lib/totp/forms';

function RecoveryCodes({ data }: { data: unknown }) {
  const codes = (data as { recoveryCodes?: string[] } | undefined)?.recoveryCodes;
  if (!codes?.length) return null;
  return (
    <div role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
      <p className="font-medium">Your recovery codes, shown this once. Keep them somewhere safe: each signs in once without your authenticator.</p>
      <ul aria-label="Recovery codes" className="mt-2 grid grid-cols-2 gap-1 font-mono">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
    </div>
  );
}

/** Set up an authenticator, or replace the one there (a current code or the password first). */
export function EnrolAuthenticatorForm(props: { action: FormAction; qr: string; secret: string; replacing: boolean }) {
  const { formRef, onSubmit, result, pending, errorOf, register } = useActionForm(
    enrolAuthenticatorSchema,
    props.action,
    { code: '', current: '' },
    { warnUnsaved: false },
  );
  if (result?.ok) return <RecoveryCodes data={result.data} />;
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-3">
      <p>Scan this code with an authenticator app, then enter the 6-digit code it shows.</p>
      <AuthenticatorSecret qr={props.qr} secret={props.secret} size={160} />
      {props.replacing && (
        <TextField id="current" label="Current code or password" type="password" reg={register('current')} error={errorOf('current')} />
      )}
      <TextField id="enrol-code" label="Code from your authenticator" reg={register('code')} error={errorOf('code')} />
      <FormMessage result={result} />
      <SubmitButton pending={pending}>{props.replacing ? 'Replace authenticator' : 'Set up authenticator'}</SubmitButton>
    </form>
  );
}

export function NewRecoveryCodesForm({ action }: { action: FormAction }) {
  const { formRef, onSubmit, result, pending, errorOf, register } = useActionForm(
    newRecoveryCodesSchema,
    action,
    { current: '' },
    { warnUnsaved: false },
  );
  if (result?.ok) return <RecoveryCodes data={result.data} />;
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-3">
      <TextField id="codes-current" label="Password or current code" type="password" reg={register('current')} error={errorOf('current')} />
      <FormMessage result={result} />
      <SubmitButton pending={pending}>New recovery codes</SubmitButton>
    </form>
  );
}
