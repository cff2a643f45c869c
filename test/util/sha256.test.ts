import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/util/sha256';

describe('sha256Hex', () => {
  it('matches node:crypto on empty, block-boundary, multi-byte and long inputs', () => {
    const inputs = ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(63), 'a'.repeat(64), 'a'.repeat(119), 'ünïcødé ✓ 🚀', JSON.stringify({ kind: 'decision', command: 'rm -rf /' }).repeat(300)];
    for (const s of inputs) expect(sha256Hex(s), s.slice(0, 20)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
  });
});
