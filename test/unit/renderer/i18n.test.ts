import { describe, expect, it } from 'vitest';
import { catalogues } from '../../../renderer/i18n/catalogues';

type Tree = { [k: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of leaves(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('i18n catalogues: Vietnamese by default, English complete', () => {
  for (const [ns, c] of Object.entries(catalogues)) {
    it(`${ns}: same keys, no empty text, same placeholders`, () => {
      const vi = leaves(c.vi as Tree);
      const en = leaves(c.en as Tree);
      expect([...en.keys()].sort()).toEqual([...vi.keys()].sort());
      for (const [key, text] of vi) {
        expect(text.trim(), `vi ${ns}:${key}`).not.toBe('');
        expect(en.get(key)!.trim(), `en ${ns}:${key}`).not.toBe('');
        expect(vars(en.get(key)!), `${ns}:${key}`).toEqual(vars(text));
      }
    });
  }
});
