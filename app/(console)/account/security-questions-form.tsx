'use client';

import { type FormAction, FormMessage, SelectField, SubmitButton, TextField, useActionForm } from '@/components/action-form';
import { saveQuestionsSchema } from '@/lib/recovery/forms';

/**
 * "Security questions" on My account: as many question/answer pairs as the policy asks, each question
 * from the policy's pool. Saved answers are never shown again (only their hashes are kept).
 */
export function SecurityQuestionsForm({ action, pool, count, saved }: { action: FormAction; pool: string[]; count: number; saved: string[] }) {
  const indexes = Array.from({ length: count }, (_, i) => i + 1);
  const defaults = Object.fromEntries(indexes.map((n) => [`question${n}`, saved[n - 1] ?? pool[n - 1] ?? '']));
  const { formRef, onSubmit, result, pending, errorOf, register } = useActionForm(
    saveQuestionsSchema,
    action,
    { ...defaults, password: '' },
    { warnUnsaved: false },
  );
  const options = pool.map((q) => ({ value: q, label: q }));
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-3">
      <p>
        {saved.length >= count
          ? 'Your answers are saved. Saving again replaces them.'
          : `Choose ${count} different questions and answer them; they let you reset a forgotten password yourself.`}
      </p>
      {indexes.map((n) => (
        <fieldset key={n} className="space-y-2">
          <SelectField id={`question${n}`} label={`Question ${n}`} reg={register(`question${n}`)} options={options} error={errorOf(`question${n}`)} />
          <TextField id={`answer${n}`} label={`Answer ${n}`} reg={register(`answer${n}`)} error={errorOf(`answer${n}`)} />
        </fieldset>
      ))}
      <TextField id="questions-password" label="Password (to confirm)" type="password" reg={register('password')} error={errorOf('password')} />
      <FormMessage result={result} success="Your security questions were saved." />
      <SubmitButton pending={pending}>Save questions</SubmitButton>
    </form>
  );
}
