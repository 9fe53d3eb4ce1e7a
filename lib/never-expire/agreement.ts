/**
 * The risk agreement of SPEC §6. The version is recorded with every decision, so a changed text must
 * get a new version string.
 */
export const AGREEMENT_VERSION = '2026-11-1';

export const AGREEMENT_TEXT = [
  'Passwords that never expire are a security risk. An API-only account whose password never expires keeps working with the same credentials for as long as they exist, including after they have been copied, leaked or forgotten in a script.',
  'By accepting, you, as Primary Contact, allow Managers of this node and the nodes below it to set the password of individual API-only accounts to Never Expire. You remain responsible for rotating these passwords through the console or the password API, for limiting the accounts to the IP addresses they need, and for removing accounts that are no longer used.',
  'You can opt out at any time on this page. Opting out clears "Never Expire" on every account below this node at once; their passwords then expire by their credential policy, counted from the last change.',
];

export const DECISION_LABELS = {
  accept: 'I have read the agreement and accept the risk',
} as const;
