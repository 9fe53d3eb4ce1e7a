import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isInSubtree, isValidPath, parentPath, resolveNearest, selfAndAncestors } from '@/lib/hierarchy/rules';

describe('node paths', () => {
  it('lists the node and its ancestors, nearest first', () => {
    expect(selfAndAncestors('sys.hcs.acme.north')).toEqual(['sys.hcs.acme.north', 'sys.hcs.acme', 'sys.hcs', 'sys']);
    expect(selfAndAncestors('sys')).toEqual(['sys']);
    expect(parentPath('sys.hcs')).toBe('sys');
    expect(parentPath('sys')).toBeNull();
  });

  it('treats a subtree as the node and its descendants, not siblings sharing a prefix', () => {
    expect(isInSubtree('sys.hcs.acme', 'sys.hcs.acme')).toBe(true);
    expect(isInSubtree('sys.hcs.acme.north.contoso', 'sys.hcs.acme')).toBe(true);
    expect(isInSubtree('sys.hcs.acmex', 'sys.hcs.acme')).toBe(false);
    expect(isInSubtree('sys.hcs', 'sys.hcs.acme')).toBe(false);
    expect(isInSubtree('sys.hcs.globex', 'sys.hcs.acme')).toBe(false);
  });

  it('rejects malformed paths', () => {
    for (const bad of ['', 'sys.', '.sys', 'sys..hcs', 'SYS', 'sys/hcs', "sys'--", 'a'.repeat(300)]) expect(isValidPath(bad)).toBe(false);
    expect(isValidPath('sys.hcs.acme-1')).toBe(true);
  });
});

describe('nearest-ancestor resolution', () => {
  const defined = new Map([
    ['sys', 'root'],
    ['sys.hcs.acme', 'acme'],
  ]);

  it('takes the nearest definition and names where it came from', () => {
    expect(resolveNearest('sys.hcs.acme.north.contoso', defined)).toEqual({ value: 'acme', from: 'sys.hcs.acme', definedHere: false });
    expect(resolveNearest('sys.hcs.acme', defined)).toEqual({ value: 'acme', from: 'sys.hcs.acme', definedHere: true });
    expect(resolveNearest('sys.hcs.globex', defined)).toEqual({ value: 'root', from: 'sys', definedHere: false });
    expect(resolveNearest('sys.hcs', new Map())).toBeNull();
  });

  const segment = fc.stringMatching(/^[a-z]{1,4}$/);
  const pathArb = fc.array(segment, { minLength: 0, maxLength: 5 }).map((s) => ['sys', ...s].join('.'));

  it('always picks a defining ancestor with no nearer definition (property)', () => {
    fc.assert(
      fc.property(pathArb, fc.array(pathArb, { maxLength: 8 }), (path, definers) => {
        const map = new Map(definers.map((d, i) => [d, i] as const));
        map.set('sys', -1);
        const r = resolveNearest(path, map)!;
        expect(isInSubtree(path, r.from)).toBe(true);
        expect(r.value).toBe(map.get(r.from));
        // No node strictly between the winner and the asked node defines the group.
        for (const p of selfAndAncestors(path)) {
          if (p === r.from) break;
          expect(map.has(p)).toBe(false);
        }
      }),
    );
  });
});
