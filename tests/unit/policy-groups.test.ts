import { describe, expect, it } from 'vitest';
import { BOOLEAN_FIELDS, NUMBER_FIELDS } from '@/lib/policy/fields';
import { policyFieldGroups } from '@/lib/policy/groups';

describe('credential-policy editor groups', () => {
  it('follow the first document and hold every field exactly once', () => {
    const groups = policyFieldGroups();
    expect(groups.map((g) => g.title)).toEqual(['Password expiration and notices', 'Password rules', 'Account lockout', 'Sessions', 'Recovery']);
    const keys = groups.flatMap((g) => g.keys);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(
      [...NUMBER_FIELDS.map((f) => f.key), ...BOOLEAN_FIELDS.map((f) => f.key), 'notifyBy', 'resetQuestionPool', 'bannedWords'].sort(),
    );
  });
});
