import { redirect } from 'next/navigation';
import { requireSession } from '@/lib/auth/request';
import { homePath } from '@/lib/auth/permissions';

export default async function Home() {
  const actor = await requireSession();
  redirect(homePath(actor.role));
}
