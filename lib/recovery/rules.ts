import { createHmac } from 'node:crypto';

/** The reason an automatic lock or disable carries (lib/auth/lockout.ts writes it). */
export const AUTOMATIC_LOCK_REASON = 'Too many failed sign-in attempts';

/**
 * Answers are compared as people remember them, not as they typed them once: Unicode NFKC (full-width
 * and compatibility forms fold), case folded, runs of white space collapsed, ends trimmed.
 */
export function normaliseAnswer(answer: string): string {
  return answer.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/**
 * The questions shown for a username that cannot be reset (unknown, no answers saved, not a local
 * console account): chosen from the pool by a keyed hash of the name, so the same name always sees the
 * same questions and nobody can tell it from a real account by asking twice.
 */
export function decoyQuestions(username: string, pool: readonly string[], count: number, key: string): string[] {
  const ranked = pool.map((q) => ({ q, rank: createHmac('sha256', key).update(`${username.trim().toLowerCase()}\n${q}`).digest('hex') }));
  ranked.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
  return ranked.slice(0, Math.min(count, pool.length)).map((r) => r.q);
}

/** The problems of a set of chosen questions and answers, by field name (question1, answer1, …). */
export function questionChoiceErrors(
  picks: { question: string; answer: string }[],
  pool: readonly string[],
  count: number,
): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const seen = new Set<string>();
  picks.slice(0, count).forEach((p, i) => {
    const n = i + 1;
    if (!pool.includes(p.question)) errors[`question${n}`] = ['Choose a question from the list'];
    else if (seen.has(p.question)) errors[`question${n}`] = ['Choose a different question for each answer'];
    seen.add(p.question);
    if (normaliseAnswer(p.answer).length < 2) errors[`answer${n}`] = ['Answers have at least 2 characters'];
  });
  for (let n = picks.length + 1; n <= count; n++) errors[`question${n}`] = ['Choose a question from the list'];
  return errors;
}
