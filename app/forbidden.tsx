import Link from 'next/link';
import { forbiddenReason } from '@/lib/auth/forbidden';

export default function Forbidden() {
  const reason = forbiddenReason();
  return (
    <main className="mx-auto max-w-lg p-10">
      <h1 className="text-2xl font-semibold">Access refused</h1>
      <p className="mt-3 text-slate-600" data-testid="forbidden-reason">
        {reason ?? 'You do not have access to this page or node. Administrators act only on their own node and the nodes below it.'}
      </p>
      <Link href="/" className="mt-6 inline-block text-blue-700 underline">
        Back to your console
      </Link>
    </main>
  );
}
