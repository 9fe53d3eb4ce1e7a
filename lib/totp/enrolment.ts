import { hashSessionId } from '@/lib/sessions/token';
import { open, seal } from './secret-box';
import { newTotpSecret } from './totp';

// An enrolment's secret is sealed to the session that started it: another session cannot submit it.
const purpose = (sessionId: string) => `totp-enrol ${hashSessionId(sessionId)}`;

/** An enrolment in progress: the new secret, and the sealed token the form carries back. */
export function startEnrolment(sessionId: string): { secret: string; token: string } {
  const secret = newTotpSecret();
  return { secret, token: seal(secret, purpose(sessionId)) };
}

/** The secret of an enrolment token, or null when it was not sealed for this session. */
export function openEnrolment(token: string, sessionId: string): string | null {
  return open(token, purpose(sessionId));
}
