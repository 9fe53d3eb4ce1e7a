import { BOOLEAN_FIELDS, NUMBER_FIELDS, type PolicyValues } from './fields';

/**
 * "Weaker than what the node would otherwise inherit" (SPEC §3), field by field. Each field has a
 * direction; 0 means "off" for some fields, which is the weakest (or, for Lock Duration, "until
 * unlocked", the strongest). Notification and self-service fields are not a matter of strength.
 */

type Direction = 'higherIsWeaker' | 'lowerIsWeaker' | 'onIsWeaker' | 'offIsWeaker';

const NUMBER_DIRECTIONS: Record<string, { dir: Direction; zero?: 'weakest' | 'strongest' }> = {
  idleSessionTimeoutMinutes: { dir: 'higherIsWeaker' },
  absoluteSessionTimeoutMinutes: { dir: 'higherIsWeaker', zero: 'weakest' },
  passwordExpiresMonths: { dir: 'higherIsWeaker', zero: 'weakest' },
  lockDurationMinutes: { dir: 'lowerIsWeaker', zero: 'strongest' },
  failedLoginCountPerUser: { dir: 'higherIsWeaker' },
  resetFailedLoginCountPerUserMinutes: { dir: 'lowerIsWeaker' },
  failedLoginCountPerSource: { dir: 'higherIsWeaker' },
  resetFailedLoginCountPerSourceMinutes: { dir: 'lowerIsWeaker' },
  questionsAskedDuringReset: { dir: 'lowerIsWeaker' },
  passwordReuseTimeLimitDays: { dir: 'lowerIsWeaker' },
  minimumPasswordLength: { dir: 'lowerIsWeaker' },
  inactiveDaysBeforeDisabling: { dir: 'higherIsWeaker', zero: 'weakest' },
  sessionLoginLimitPerUser: { dir: 'higherIsWeaker', zero: 'weakest' },
  differentPasswordCharacters: { dir: 'lowerIsWeaker' },
  minimumPasswordAgeDays: { dir: 'lowerIsWeaker' },
};

const BOOLEAN_DIRECTIONS: Record<string, Direction> = {
  mustChangePasswordOnFirstLogin: 'offIsWeaker',
  disableFailedLoginLimitingPerUser: 'onIsWeaker',
  disableFailedLoginLimitingPerSource: 'onIsWeaker',
  enablePasswordComplexity: 'offIsWeaker',
  noThreeIdenticalInARow: 'offIsWeaker',
  noSequentialCharacters: 'offIsWeaker',
  noUserNames: 'offIsWeaker',
  rejectCommonPasswords: 'offIsWeaker',
};

export interface WeakerField {
  key: string;
  label: string;
  value: string;
  inherited: string;
}

function rank(v: number, zero?: 'weakest' | 'strongest', dir?: Direction): number {
  if (v !== 0 || !zero) return v;
  // Map 0 onto the far end of the scale in the field's own direction.
  const weakestIsHigh = dir === 'higherIsWeaker';
  return zero === 'weakest' ? (weakestIsHigh ? Infinity : -Infinity) : weakestIsHigh ? -Infinity : Infinity;
}

function show(key: string, v: number | boolean): string {
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  if (v === 0 && NUMBER_DIRECTIONS[key]?.zero === 'weakest') return '0 (off)';
  if (v === 0 && key === 'lockDurationMinutes') return '0 (until unlocked)';
  return String(v);
}

/** The fields in which `candidate` is weaker than `inherited`. */
export function weakerFields(candidate: PolicyValues, inherited: PolicyValues): WeakerField[] {
  const out: WeakerField[] = [];
  for (const f of NUMBER_FIELDS) {
    const d = NUMBER_DIRECTIONS[f.key];
    if (!d) continue;
    const a = rank(Number(candidate[f.key]), d.zero, d.dir);
    const b = rank(Number(inherited[f.key]), d.zero, d.dir);
    const weaker = d.dir === 'higherIsWeaker' ? a > b : a < b;
    if (weaker) out.push({ key: f.key, label: f.label, value: show(f.key, Number(candidate[f.key])), inherited: show(f.key, Number(inherited[f.key])) });
  }
  for (const f of BOOLEAN_FIELDS) {
    const dir = BOOLEAN_DIRECTIONS[f.key];
    if (!dir) continue;
    const a = Boolean(candidate[f.key]);
    const b = Boolean(inherited[f.key]);
    const weaker = dir === 'onIsWeaker' ? a && !b : !a && b;
    if (weaker) out.push({ key: f.key, label: f.label, value: show(f.key, a), inherited: show(f.key, b) });
  }
  const have = new Set(candidate.bannedWords.map((w) => w.trim().toLowerCase()));
  const dropped = inherited.bannedWords.filter((w) => !have.has(w.trim().toLowerCase()));
  if (dropped.length) out.push({ key: 'bannedWords', label: 'Banned words', value: `without ${dropped.join(', ')}`, inherited: inherited.bannedWords.join(', ') });
  return out;
}
