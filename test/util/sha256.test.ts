import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/util/sha256';

describe('sha256Hex', () => {
  it('gives the FIPS 180-2 test vectors and hashes text as UTF-8', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    // "é" as UTF-8 (c3 a9), not Latin-1 (e9).
    expect(sha256Hex('é')).toBe(sha256Hex(Buffer.from([0xc3, 0xa9]).toString('utf8')));
    expect(sha256Hex('é')).not.toBe(sha256Hex('\u00e9'.normalize('NFD')));
  });
});
