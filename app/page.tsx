import { redirect } from 'next/navigation';
import { homePath } from '@/lib/auth/permissions';
import { requireSession } from '@/lib/auth/request';

export default async function Home() {
  const actor = await requireSession();
  redirect(homePath(actor.role));
}
