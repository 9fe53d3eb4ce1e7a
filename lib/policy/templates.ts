import { defaultPolicyValues, type PolicyValues } from './fields';

/** Starting points for a new policy beside copying a visible one (SPEC §10). */
interface PolicyTemplate {
  id: 'defaults' | 'nist-800-63b-4' | 'pci-dss-4';
  name: string;
  /** Where the values come from, in one line. */
  note: string;
  values: PolicyValues;
}

export const POLICY_TEMPLATES: readonly PolicyTemplate[] = [
  {
    id: 'defaults',
    name: 'Standard (HcsCredentialPolicy defaults)',
    note: 'The values HcsCredentialPolicy ships with: 8 characters, expiry every 6 months, lock for 30 minutes after 20 failed attempts.',
    values: defaultPolicyValues(),
  },
  {
    id: 'nist-800-63b-4',
    name: 'NIST SP 800-63B-4',
    note: 'NIST SP 800-63B-4 §3.1.1.2: at least 15 characters for a password used alone, no composition rules, no periodic expiry, every new password checked against a list of commonly used ones.',
    values: {
      ...defaultPolicyValues(),
      minimumPasswordLength: 15,
      enablePasswordComplexity: false,
      passwordExpiresMonths: 0,
      rejectCommonPasswords: true,
      noThreeIdenticalInARow: false,
      noSequentialCharacters: false,
    },
  },
  {
    id: 'pci-dss-4',
    name: 'PCI DSS 4.0',
    note: 'PCI DSS 4.0 req. 8.3.6 (at least 12 characters with letters and digits: here complexity is on, so upper and lower case, a digit and a special character), 8.3.9 (change every 90 days), 8.3.7 (none of the last 4: here 365 days at a 3-month expiry), 8.3.4 (lock after 10 attempts for 30 minutes), 8.2.8 (15-minute idle timeout).',
    values: {
      ...defaultPolicyValues(),
      minimumPasswordLength: 12,
      enablePasswordComplexity: true,
      passwordExpiresMonths: 3,
      passwordReuseTimeLimitDays: 365,
      failedLoginCountPerUser: 10,
      lockDurationMinutes: 30,
      idleSessionTimeoutMinutes: 15,
    },
  },
];

export function templateById(id: string): PolicyTemplate | undefined {
  return POLICY_TEMPLATES.find((t) => t.id === id);
}
