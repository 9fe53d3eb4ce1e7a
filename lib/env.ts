import { z } from 'zod';

/**
 * The one place that reads process.env. Validated once; a bad value stops the server with a message
 * naming the variable rather than failing later in some request.
 */
const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATA_DIR: z.string().min(1).default('./.data'),
  // Addresses and CIDR blocks whose X-Forwarded-For is believed (comma separated).
  TRUSTED_PROXIES: z.string().default(''),
  // 32 bytes, base64, for TOTP secrets at rest. Derived from NEXTAUTH_SECRET when absent.
  TOTP_ENCRYPTION_KEY: z.string().optional(),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  // smtp://user:pass@host:port (smtps:// for TLS): mail is sent; unset, it stays in the outbox.
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'SMTP_URL must be an smtp:// or smtps:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MAIL_FROM: z.string().default('Security Console <no-reply@security-console.invalid>'),
  // Seconds between runs of the scheduled work in each server; 0: not started (run `npm run jobs:run`).
  JOBS_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  cached = parsed.data;
  return cached;
}
