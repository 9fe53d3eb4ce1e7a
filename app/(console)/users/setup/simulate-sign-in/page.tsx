import type { Metadata } from 'next';
import { Breadcrumb } from '@/components/breadcrumb';
import { Badge, ErrorPanel, TableHead } from '@/components/ui';
import { signInMessage } from '@/lib/auth/messages';
import { requestMeta, requireSession } from '@/lib/auth/request';
import { SIMULATED_CHANNELS, type SimulatedChannel, simulateSignIn } from '@/lib/auth/simulate';
import { db } from '@/lib/db';

export const metadata: Metadata = { title: 'Simulate sign-in' };

const STEP_LABELS: Record<string, string> = {
  'ip-allowlist': 'IP allowlist',
  'source-throttle': 'Source throttling',
  'account-status': 'Account status',
  password: 'Password',
  inactivity: 'Inactivity',
  'password-expiry': 'Password expiry',
  'first-login': 'First-login change',
  'password-policy': 'Password meets policy',
  'generated-password': 'Generated password',
  'two-factor': 'Two-factor',
  session: 'Session',
};

const TONES = { pass: 'green', fail: 'amber', skip: 'slate', pending: 'blue' } as const;

export default async function SimulatePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireSession('security:read');
  const sp = await searchParams;
  const username = typeof sp.username === 'string' ? sp.username : '';
  const ip = typeof sp.ip === 'string' && sp.ip ? sp.ip : (await requestMeta()).ip;
  const channel: SimulatedChannel = SIMULATED_CHANNELS.find((c) => c === sp.channel) ?? 'console';
  const result = username ? await simulateSignIn(db(), actor.nodePath, username, ip, channel) : null;
  return (
    <main className="space-y-5">
      <Breadcrumb items={['Users', 'Setup', 'Simulate sign-in']} />
      <div>
        <h1 className="text-2xl font-semibold">Simulate sign-in</h1>
        <p className="text-sm text-slate-600">
          Runs the real sign-in decision for an account and source address, assuming the right password. Nothing is counted or logged.
        </p>
      </div>
      <form method="get" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
        <div>
          <label htmlFor="sim-username" className="block text-sm font-medium">
            Account
          </label>
          <input id="sim-username" name="username" defaultValue={username} required className="mt-1 rounded-md border border-slate-300 px-3 py-1.5" />
        </div>
        <div>
          <label htmlFor="sim-ip" className="block text-sm font-medium">
            Source IP
          </label>
          <input id="sim-ip" name="ip" defaultValue={ip} required className="mt-1 rounded-md border border-slate-300 px-3 py-1.5 font-mono" />
        </div>
        <div>
          <label htmlFor="sim-channel" className="block text-sm font-medium">
            Channel
          </label>
          <select id="sim-channel" name="channel" defaultValue={channel} className="mt-1 rounded-md border border-slate-300 px-3 py-1.5">
            <option value="console">Console (sign-in form)</option>
            <option value="api">API (HTTP Basic)</option>
          </select>
        </div>
        <button type="submit" className="rounded-md bg-blue-700 px-4 py-1.5 font-medium text-white hover:bg-blue-800">
          Simulate
        </button>
      </form>
      {result && !result.ok && <ErrorPanel title="Cannot simulate">{result.error}</ErrorPanel>}
      {result?.ok && (
        <section aria-label="Trace" className="space-y-3">
          <p role="status" className={`rounded-md p-3 text-sm ${result.decision.ok ? 'bg-green-50 text-green-900' : 'bg-amber-50 text-amber-900'}`}>
            {result.decision.ok && result.channel === 'api'
              ? 'The API call would be accepted.'
              : result.decision.ok
                ? result.decision.stage === 'active'
                  ? 'Sign-in would succeed and start a session.'
                  : `Sign-in would continue with: ${result.decision.stage === 'change_password' ? 'a password change' : 'a two-factor code'}.`
                : `${result.channel === 'api' ? 'The API call would be refused' : 'Sign-in would be refused'}: ${signInMessage(result.decision.code, result.decision.retryAfterSeconds)}`}
          </p>
          {/* Scrolls inside its own box at narrow widths; the page itself never scrolls sideways. */}
          <div className="overflow-x-auto">
            <table className="w-full rounded-lg border border-slate-200 bg-white text-sm">
              <TableHead columns={['Step', 'Outcome', 'Setting', 'Node', 'Detail']} />
              <tbody>
                {result.decision.trace.map((t, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the trace is rendered once and never reordered; a step may repeat
                  <tr key={i} className="border-t border-slate-100">
                    <td className="p-2 font-medium">{STEP_LABELS[t.step] ?? t.step}</td>
                    <td className="p-2">
                      <Badge tone={TONES[t.outcome]}>{t.outcome}</Badge>
                    </td>
                    <td className="p-2">{t.setting ?? '—'}</td>
                    <td className="p-2 font-mono text-xs">{t.node ?? '—'}</td>
                    <td className="p-2">{t.detail}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </main>
  );
}
