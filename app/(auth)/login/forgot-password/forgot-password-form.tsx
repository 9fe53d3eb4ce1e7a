'use client';

import Link from 'next/link';
import { useState, useTransition } from 'react';
import { PasswordChecklist } from '@/components/password-checklist';
import { Notice, WideSubmit } from '@/components/ui';
import type { PolicyValues } from '@/lib/policy/fields';
import type { ForgotResetResult } from '@/lib/recovery/commands';
import { beginPasswordResetAction, checkResetAnswersAction, type ResetChallenge, resetForgottenPasswordAction } from './actions';

const fieldClass = 'mt-1 w-full rounded-md border border-slate-300 px-3 py-2';

function Field(props: {
  id: string;
  label: string;
  type?: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  autoComplete?: string;
}) {
  return (
    <div>
      <label htmlFor={props.id} className="block text-sm font-medium">
        {props.label}
      </label>
      <input
        id={props.id}
        type={props.type ?? 'text'}
        autoComplete={props.autoComplete ?? 'off'}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={!!props.error}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
        className={fieldClass}
      />
      {props.error && (
        <p id={`${props.id}-error`} className="mt-1 text-sm text-red-700">
          {props.error}
        </p>
      )}
    </div>
  );
}

/**
 * Username → the questions → the new password. Every name gets questions (decoys for one that cannot
 * be reset), and the answers are judged only with the new password, so the steps look the same for
 * every name until the last one.
 */
export function ForgotPasswordForm() {
  const [step, setStep] = useState<'username' | 'answers' | 'password' | 'done'>('username');
  const [username, setUsername] = useState('');
  const [challenge, setChallenge] = useState<ResetChallenge | null>(null);
  // The account's rules, given only once its answers are right.
  const [rules, setRules] = useState<{ policy: PolicyValues; generated: boolean } | null>(null);
  const [answers, setAnswers] = useState<string[]>([]);
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ForgotResetResult | null>(null);
  const [pending, startTransition] = useTransition();

  const submitUsername = (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    startTransition(async () => {
      const r = await beginPasswordResetAction(username);
      if ('error' in r) return setError(r.error);
      setChallenge(r);
      setAnswers(r.questions.map(() => ''));
      setStep('answers');
    });
  };
  const submitAnswers = (e: React.FormEvent) => {
    e.preventDefault();
    if (answers.some((a) => !a.trim())) return setError('Answer every question.');
    setError(null);
    startTransition(async () => {
      const r = await checkResetAnswersAction({ username, answers });
      if (!r.ok) return setError(r.formError);
      setRules({ policy: r.policy, generated: r.generated });
      setStep('password');
    });
  };
  const submitReset = (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!rules?.generated && newPassword !== confirm) return setError('The two new passwords differ.');
    startTransition(async () => {
      const placeholder = rules?.generated ? 'generated-by-the-system' : '';
      const r = await resetForgottenPasswordAction({
        username,
        answers,
        newPassword: newPassword || placeholder,
        confirmNewPassword: confirm || placeholder,
      });
      setResult(r);
      if (r.ok) setStep('done');
      else setError(r.fieldErrors?.newPassword?.join(' ') ?? r.formError);
    });
  };

  if (step === 'done' && result?.ok) {
    return (
      <div className="mt-6 space-y-4">
        <Notice tone="success">
          {result.generated
            ? 'Your password was reset. A new password meeting your policy was sent to your e-mail address.'
            : 'Your password was reset. Sign in with your new password.'}
        </Notice>
        <Link href="/login" className="text-blue-700 underline">
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <div className="mt-6 space-y-4">
      {step === 'username' && (
        <form onSubmit={submitUsername} noValidate className="space-y-4">
          <Field id="username" label="Username" value={username} onChange={setUsername} autoComplete="username" />
          {error && <Notice tone="error">{error}</Notice>}
          <WideSubmit pending={pending} idle="Continue" busy="Looking up…" />
        </form>
      )}
      {step === 'answers' && challenge && (
        <form onSubmit={submitAnswers} noValidate className="space-y-4">
          <p className="text-sm text-slate-600">Answer your security questions.</p>
          {challenge.questions.map((q, i) => (
            <Field
              key={q}
              id={`answer-${i}`}
              label={q}
              value={answers[i] ?? ''}
              onChange={(v) => setAnswers(answers.map((a, j) => (j === i ? v : a)))}
            />
          ))}
          {error && <Notice tone="error">{error}</Notice>}
          <WideSubmit pending={pending} idle="Continue" busy="Checking…" />
        </form>
      )}
      {step === 'password' && rules && (
        <form onSubmit={submitReset} noValidate className="space-y-4">
          {rules.generated ? (
            <p className="text-sm text-slate-600">
              Your policy does not let you choose a password: a new one will be generated and sent to your e-mail address.
            </p>
          ) : (
            <>
              <Field
                id="newPassword"
                label="New password"
                type="password"
                value={newPassword}
                onChange={setNewPassword}
                autoComplete="new-password"
              />
              <PasswordChecklist password={newPassword} policy={rules.policy} />
              <Field
                id="confirmNewPassword"
                label="Confirm new password"
                type="password"
                value={confirm}
                onChange={setConfirm}
                autoComplete="new-password"
              />
            </>
          )}
          {error && <Notice tone="error">{error}</Notice>}
          <WideSubmit pending={pending} idle="Reset password" busy="Resetting…" />
          {result && !result.ok && (
            <button type="button" className="text-sm text-blue-700 underline" onClick={() => setStep('answers')}>
              Change my answers
            </button>
          )}
        </form>
      )}
      <p className="text-sm">
        <Link href="/login" className="text-blue-700 underline">
          Back to sign in
        </Link>
      </p>
    </div>
  );
}
