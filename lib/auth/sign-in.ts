import type { SessionStage } from '@/lib/db/schema';
import { ipAllowed, sourceKey } from '@/lib/net/ip';
import { HCS_POLICY_NAME, type PolicyValues } from '@/lib/policy/fields';
import { checkPasswordRules, failedRules } from '@/lib/policy/password-rules';
import { passwordExpiresAt } from '@/lib/policy/rules';
import type { AttemptOutcome, OutsideOutcome, SourceClaim, SourceLimits } from './lockout';
import type { SignInCode } from './messages';
import type { SignInContext } from './queries';

type StepName =
  | 'ip-allowlist'
  | 'source-throttle'
  | 'account-status'
  | 'password'
  | 'inactivity'
  | 'password-expiry'
  | 'first-login'
  | 'password-policy'
  | 'generated-password'
  | 'two-factor'
  | 'session';

export interface TraceStep {
  step: StepName;
  outcome: 'pass' | 'fail' | 'skip' | 'pending';
  /** The setting that decided, and the node it came from. */
  setting?: string;
  node?: string;
  detail: string;
}

/** What the decision may do besides reading its context: real effects count, simulated ones only look. */
export interface SignInEffects {
  claimSource(ip: string, limits: SourceLimits): Promise<SourceClaim>;
  refundSource(ip: string): Promise<void>;
  /** The failed-attempt rule (lib/auth/lockout.ts) around the password check. */
  attempt(accountId: number, p: PolicyValues, check: () => Promise<boolean>): Promise<AttemptOutcome>;
  /** The account's small budget of passwords tried from outside its allowlist (lib/auth/lockout.ts). */
  outsideAttempt(accountId: number, p: PolicyValues, check: () => Promise<boolean>): Promise<OutsideOutcome>;
  verifyPassword(hash: string | null, password: string): Promise<boolean>;
  disableInactive(accountId: number): Promise<void>;
  /** "Allow user defined passwords" off: sets a generated password and e-mails it; false without an address. */
  issuePassword(accountId: number, p: PolicyValues): Promise<boolean>;
}

export type SignInDecision =
  /** `changePasswordNext`: a password change is due after the second factor (which comes first). */
  | { ok: true; stage: SessionStage; changePasswordNext?: boolean; trace: TraceStep[] }
  | { ok: false; code: SignInCode; outcome: string; retryAfterSeconds?: number; trace: TraceStep[] };

const DAY = 86_400_000;

/**
 * The sign-in sequence of SPEC §5, in its order, as one function over a pre-loaded context. Every
 * step is recorded in the trace with the setting and node that decided it. The real sign-in passes
 * effects that move counters atomically; a simulation passes effects that only look.
 */
export async function decideSignIn(
  ctx: SignInContext,
  req: { password: string; ip: string; now: Date; channel: 'console' | 'api'; simulate?: boolean },
  fx: SignInEffects,
): Promise<SignInDecision> {
  const trace: TraceStep[] = [];
  const { account, policy, settings } = ctx;
  const p = policy.policy;
  const policyNode = `${p.name} (${p.nodePath})`;
  const refuse = async (code: SignInCode, outcome: string, extra: { retryAfterSeconds?: number; burnHash?: boolean } = {}) => {
    // Refusals before the password check still cost one hash, so that timing does not tell them apart.
    if (extra.burnHash) await fx.verifyPassword(null, req.password);
    return { ok: false as const, code, outcome, retryAfterSeconds: extra.retryAfterSeconds, trace };
  };

  const allow = settings.ipAllowlist;
  const ipDenied = allow.value.enabled && !ipAllowed(req.ip, allow.value.entries);
  trace.push({
    step: 'ip-allowlist',
    outcome: ipDenied ? 'fail' : allow.value.enabled ? 'pass' : 'skip',
    setting: 'Allow connections from the following IPs only',
    node: allow.from,
    detail: ipDenied ? `${req.ip} is not in the list` : allow.value.enabled ? `${req.ip} is allowed` : 'No IP restriction',
  });

  // The per-source limit is product-wide (HcsCredentialPolicy), whichever username is tried, and every
  // attempt takes a slot whatever the account's source: probes of directory accounts are throttled too.
  const src = ctx.source;
  const srcNode = `${HCS_POLICY_NAME} (sys.hcs)`;
  if (!src.disableFailedLoginLimitingPerSource) {
    const claim = await fx.claimSource(req.ip, src);
    if (!claim.ok) {
      trace.push({
        step: 'source-throttle',
        outcome: 'fail',
        setting: 'Failed Login Count per Source',
        node: srcNode,
        detail: `${sourceKey(req.ip)} reached ${src.failedLoginCountPerSource} failures within ${src.resetFailedLoginCountPerSourceMinutes} min`,
      });
      return refuse('throttled', 'source-throttled', { retryAfterSeconds: claim.retryAfterSeconds });
    }
    trace.push({
      step: 'source-throttle',
      outcome: 'pass',
      setting: 'Failed Login Count per Source',
      node: srcNode,
      detail: `${claim.count} of ${src.failedLoginCountPerSource} attempts used`,
    });
  } else {
    trace.push({
      step: 'source-throttle',
      outcome: 'skip',
      setting: 'Disable Failed Login Limiting per Source',
      node: srcNode,
      detail: 'Per-source limiting is off',
    });
  }

  if (ipDenied) {
    // The attempt keeps its per-source slot (guesses from outside the list stay throttled) and is
    // counted in the account's outside budget, not its lock counter (the account stays usable from
    // allowed networks). Only someone who knows the password, and who stays within that small budget,
    // learns why they are refused: past it, right and wrong passwords get the same answer.
    if (account?.authSource !== 'local') {
      await fx.verifyPassword(null, req.password);
      return refuse('invalid', 'ip-denied');
    }
    const outside = await fx.outsideAttempt(account.id, p, () => fx.verifyPassword(account.passwordHash, req.password));
    if (outside === 'refused') return refuse('invalid', 'ip-denied-over-budget', { burnHash: true });
    return outside === 'ok' ? refuse('ip-denied', 'ip-denied') : refuse('invalid', 'ip-denied');
  }

  if (!account) {
    trace.push({ step: 'account-status', outcome: 'fail', detail: 'No such account' });
    return refuse('invalid', 'unknown-account', { burnHash: true });
  }
  if (account.authSource !== 'local') {
    // A directory account answers like a wrong password unless the password step would have
    // succeeded for a local account (a hash is kept from before the switch and it matches), so the
    // answer never tells which usernames are ldap or sso.
    trace.push({ step: 'account-status', outcome: 'fail', detail: `Account authenticates with ${account.authSource.toUpperCase()}` });
    const wouldPass = await fx.verifyPassword(account.passwordHash, req.password);
    return refuse(wouldPass ? 'external-source' : 'invalid', 'external-source');
  }

  const attempt = await fx.attempt(account.id, p, () => fx.verifyPassword(account.passwordHash, req.password));
  if (attempt.outcome === 'refused') {
    trace.push({
      step: 'account-status',
      outcome: 'fail',
      setting: 'Failed Login Count per User',
      node: policyNode,
      detail: `Account is ${account.status === 'active' ? 'out of attempts' : account.status}`,
    });
    return refuse('invalid', 'locked', { burnHash: true });
  }
  trace.push({
    step: 'account-status',
    outcome: 'pass',
    setting: 'Failed Login Count per User',
    node: policyNode,
    detail: attempt.claimed == null ? 'Per-user limiting is off' : `Attempt ${attempt.claimed} of ${p.failedLoginCountPerUser}`,
  });
  if (attempt.outcome === 'wrong') {
    let detail = 'Wrong password';
    if (attempt.lockedAs === 'disabled') detail += '; account disabled (Disable Failed Login User Account)';
    else if (attempt.lockedAs === 'locked')
      detail += p.lockDurationMinutes > 0 ? `; account locked for ${p.lockDurationMinutes} min` : '; account locked until unlocked';
    trace.push({ step: 'password', outcome: 'fail', setting: 'Failed Login Count per User', node: policyNode, detail });
    return refuse('invalid', 'wrong-password');
  }
  trace.push({ step: 'password', outcome: 'pass', detail: 'Password is correct' });
  if (!src.disableFailedLoginLimitingPerSource) await fx.refundSource(req.ip);
  if (req.channel === 'console' && account.apiOnly) {
    trace.push({ step: 'account-status', outcome: 'fail', detail: 'API-only accounts cannot use the console' });
    return refuse('api-only', 'api-only');
  }
  if (req.channel === 'api' && !account.apiOnly) {
    trace.push({ step: 'account-status', outcome: 'fail', detail: 'Console accounts cannot use the API' });
    return refuse('console-only', 'console-only');
  }

  const lastActive = account.lastLoginAt ?? account.passwordChangedAt ?? account.createdAt;
  if (p.inactiveDaysBeforeDisabling > 0 && req.now.getTime() - lastActive.getTime() > p.inactiveDaysBeforeDisabling * DAY) {
    await fx.disableInactive(account.id);
    trace.push({
      step: 'inactivity',
      outcome: 'fail',
      setting: 'Inactive Days Before Disabling User Account',
      node: policyNode,
      detail: `No sign-in since ${lastActive.toISOString().slice(0, 10)}`,
    });
    return refuse('inactive', 'inactive');
  }
  trace.push({
    step: 'inactivity',
    outcome: p.inactiveDaysBeforeDisabling > 0 ? 'pass' : 'skip',
    setting: 'Inactive Days Before Disabling User Account',
    node: policyNode,
    detail: p.inactiveDaysBeforeDisabling > 0 ? 'Signed in recently enough' : 'Off',
  });

  let stage: SessionStage = 'active';
  const neverExpires = account.apiOnly && account.passwordNeverExpires;
  const expiresAt = passwordExpiresAt(account, p);
  if (expiresAt && expiresAt <= req.now) {
    if (!p.allowChangeExpiredAtLogin) {
      trace.push({
        step: 'password-expiry',
        outcome: 'fail',
        setting: 'Allow users to change expired passwords at login',
        node: policyNode,
        detail: `Expired on ${expiresAt.toISOString().slice(0, 10)}; change at sign-in not allowed`,
      });
      return refuse('expired-contact', 'expired');
    }
    stage = 'change_password';
    trace.push({
      step: 'password-expiry',
      outcome: 'pending',
      setting: 'Password Expires (months)',
      node: policyNode,
      detail: `Expired on ${expiresAt.toISOString().slice(0, 10)}; must be changed now`,
    });
  } else {
    trace.push({
      step: 'password-expiry',
      outcome: expiresAt ? 'pass' : 'skip',
      setting: 'Password Expires (months)',
      node: policyNode,
      detail: neverExpires
        ? 'Password set to never expire'
        : expiresAt
          ? `Expires on ${expiresAt.toISOString().slice(0, 10)}`
          : 'Passwords do not expire',
    });
  }

  if (account.mustChangePassword) {
    stage = 'change_password';
    trace.push({
      step: 'first-login',
      outcome: 'pending',
      setting: 'User Must Change Password on First Login',
      node: policyNode,
      detail: 'Password must be changed before the session starts',
    });
  } else {
    trace.push({
      step: 'first-login',
      outcome: 'skip',
      setting: 'User Must Change Password on First Login',
      node: policyNode,
      detail: 'No change required',
    });
  }

  // A policy tightened since the password was set reaches it now, while the plain password is at hand.
  if (!req.simulate) {
    const failing = failedRules(checkPasswordRules(req.password, { policy: p, firstName: account.firstName, lastName: account.lastName }));
    if (failing.length) {
      stage = 'change_password';
      trace.push({
        step: 'password-policy',
        outcome: 'pending',
        setting: failing.map((f) => f.rule).join(', '),
        node: policyNode,
        detail: 'The password no longer meets the policy and must be changed now',
      });
    } else {
      trace.push({ step: 'password-policy', outcome: 'pass', node: policyNode, detail: 'The password meets the current policy' });
    }
  }

  // A change the account may not make itself is made for it: never a change page it cannot pass.
  if (stage === 'change_password' && !p.allowUserDefinedPasswords) {
    const sent = await fx.issuePassword(account.id, p);
    trace.push({
      step: 'generated-password',
      outcome: 'fail',
      setting: 'Allow user defined passwords',
      node: policyNode,
      detail: sent ? 'A generated password is sent to the account’s e-mail' : 'No e-mail address for a generated password',
    });
    return refuse(sent ? 'password-sent' : 'expired-contact', sent ? 'password-sent' : 'expired');
  }

  const tf = settings.twoFactor;
  let changePasswordNext = false;
  // An authenticator enrolled voluntarily is asked for as well, required or not.
  if ((tf.value.required || account.totpSecretEnc) && !account.apiOnly) {
    // The second factor comes before a required password change: a password alone never changes it.
    changePasswordNext = stage === 'change_password';
    stage = account.totpSecretEnc ? 'totp' : 'totp_enrol';
    trace.push({
      step: 'two-factor',
      outcome: 'pending',
      setting: 'Require two-factor authentication for all users',
      node: tf.from,
      detail: account.totpSecretEnc
        ? `Authentication code required${tf.value.required ? '' : ' (authenticator enrolled by the account)'}`
        : 'Authenticator enrolment required',
    });
  } else {
    trace.push({
      step: 'two-factor',
      outcome: 'skip',
      setting: 'Require two-factor authentication for all users',
      node: tf.from,
      detail: tf.value.required ? 'API-only account' : 'Not required',
    });
  }

  trace.push({
    step: 'session',
    outcome: 'pass',
    setting: 'Session Login Limit Per User',
    node: policyNode,
    detail: p.sessionLoginLimitPerUser > 0 ? `At most ${p.sessionLoginLimitPerUser} sessions; the oldest ends` : 'No session limit',
  });
  return { ok: true, stage, changePasswordNext, trace };
}
