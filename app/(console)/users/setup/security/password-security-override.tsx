import Link from 'next/link';

/**
 * "Override here" of the Password Security section, like every other section's: it opens a pending
 * copy of the inherited default in the policy editor, with Cancel; nothing is created or assigned
 * until that copy is saved (then it becomes the node's default in the same transaction).
 */
export function PasswordSecurityOverride({ node, inheritedId }: { node: string; inheritedId: number }) {
  return (
    <div className="mt-3">
      <Link
        href={`/users/setup/credential-policies?node=${encodeURIComponent(node)}&clone=${inheritedId}&asDefault=1#editor`}
        className="inline-block rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100"
      >
        Override<span className="sr-only"> Password Security</span> here
      </Link>
      <p className="mt-1 text-xs text-slate-600">Opens a copy of the inherited policy to edit; saving it makes it this node&apos;s default.</p>
    </div>
  );
}
