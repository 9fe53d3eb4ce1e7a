/**
 * The one result shape of every server action and command. A refusal may carry a machine-readable
 * `code` (the API maps it to a status; `session-ended` sends the browser to sign in again) and, when a
 * password policy refused a new password, the failed rules by name.
 */
export type ActionFailure = {
  ok: false;
  formError?: string;
  fieldErrors?: Record<string, string[]>;
  code?: string;
  failedRules?: { rule: string; message: string }[];
};

export type ActionResult<T = undefined> = ({ ok: true } & (T extends undefined ? { data?: undefined } : { data: T })) | ActionFailure;

/** Thrown inside a command: the transaction is rolled back and the refusal returned. */
export class ActionError extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
  }
}

/**
 * Returned (not thrown) by a command that refuses but must keep what it wrote: a wrong current
 * password or authentication code is a failed attempt, and its count must survive the refusal.
 */
export class ActionRefusal {
  constructor(readonly failure: Omit<ActionFailure, 'ok'>) {}
}
