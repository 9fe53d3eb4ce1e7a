/** A new authenticator's secret, as a QR code to scan and as text to type by hand. */
export function AuthenticatorSecret({ qr, secret, size, className }: { qr: string; secret: string; size: number; className?: string }) {
  return (
    <>
      {/* biome-ignore lint/performance/noImgElement: a data: URL generated per request; next/image would only add a round trip */}
      <img src={qr} alt="QR code for your authenticator app" width={size} height={size} className={className} />
      <p>
        Or enter this secret by hand:{' '}
        <code data-testid="totp-secret" className="break-all rounded bg-slate-100 px-1 font-mono">
          {secret}
        </code>
      </p>
    </>
  );
}
