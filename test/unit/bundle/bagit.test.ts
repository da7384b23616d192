import { describe, expect, it } from 'vitest';
import { formatBagInfo, formatManifest, parseBagInfo, parseManifest } from '../../../electron/bundle/bagit';
import { stableLine } from '../../../electron/bundle/ndjson';

describe('BagIt tag files and NDJSON lines', () => {
  it('writes manifests sorted, percent-encoding CR, LF and %', () => {
    const text = formatManifest(new Map([['data/b 100%.txt', 'b'.repeat(64)], ['data/a\nb', 'a'.repeat(64)]]));
    expect(text).toBe(`${'a'.repeat(64)}  data/a%0Ab\n${'b'.repeat(64)}  data/b 100%25.txt\n`);
    expect([...parseManifest(text).keys()]).toEqual(['data/a\nb', 'data/b 100%.txt']);
    expect(() => parseManifest(`${text}${text}`)).toThrow(/twice/);
  });

  it('reads bag-info with continuation lines and refuses multi-line values on writing', () => {
    expect(parseBagInfo('Source-Organization: BHXH\n  Hải Phòng\nSequence: 3\n')).toEqual([
      ['Source-Organization', 'BHXH Hải Phòng'],
      ['Sequence', '3'],
    ]);
    expect(() => formatBagInfo([['Kind', 'full\nSequence: 9']])).toThrow();
  });

  it('writes a row with sorted keys, whatever order it came in', () => {
    expect(stableLine({ b: 1, a: 'Đ', c: null })).toBe('{"a":"Đ","b":1,"c":null}\n');
  });
});
