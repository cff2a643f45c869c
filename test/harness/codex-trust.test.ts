// Codex hook trust (src/harness/codex-trust.ts): the hash Codex records for a hook
// group, the `[hooks.state."…"]` tables in config.toml, and the `[features] hooks` switch.
// The canonical form was measured against Codex 0.171 (the rig's Codex scenarios only pass when
// Codex accepts the hash); here it is written out by hand and hashed independently.
import { createHash } from 'crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, codexFeature, codexGroupHash, codexHome, codexTrustEntries, readCodexTrust, withCodexTrust } from '../../src/harness/codex-trust';

const CMD = "'/opt/airlock/bin/airlock' hook codex";
const group = { matcher: 'Bash|apply_patch|write_stdin|mcp__.*', hooks: [{ type: 'command', command: CMD, timeout: 60 }] };
const FILE = '/home/u/.codex/hooks.json';
const isOurs = (c: unknown) => typeof c === 'string' && c.includes('airlock');

describe('codexHome', () => {
  it('honours CODEX_HOME, else ~/.codex', () => {
    expect(codexHome({ CODEX_HOME: '/x/codex' }, '/home/u')).toBe('/x/codex');
    expect(codexHome({}, '/home/u')).toBe('/home/u/.codex');
  });
});

describe('canonicalJson', () => {
  it('is compact with keys sorted at every level and undefined keys dropped', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: true, y: null }], c: 'x' }, u: undefined })).toBe('{"a":{"c":"x","d":[1,{"y":null,"z":true}]},"b":1}');
  });
});

describe('codexGroupHash', () => {
  it('hashes event name, handlers (async, command, timeout, type) and matcher', () => {
    const text = `{"event_name":"pre_tool_use","hooks":[{"async":false,"command":${JSON.stringify(CMD)},"timeout":60,"type":"command"}],"matcher":"Bash|apply_patch|write_stdin|mcp__.*"}`;
    expect(codexGroupHash(group)).toBe('sha256:' + createHash('sha256').update(text).digest('hex'));
  });

  it('fills Codex defaults: timeout 600, type command, no matcher key when there is none', () => {
    const text = `{"event_name":"pre_tool_use","hooks":[{"async":false,"command":"x","timeout":600,"type":"command"}]}`;
    expect(codexGroupHash({ hooks: [{ command: 'x' }] })).toBe('sha256:' + createHash('sha256').update(text).digest('hex'));
  });

  it('changes when the command moves (a moved checkout is untrusted again)', () => {
    expect(codexGroupHash(group)).not.toBe(codexGroupHash({ ...group, hooks: [{ ...group.hooks[0]!, command: "'/new/place/bin/airlock' hook codex" }] }));
  });
});

describe('codexTrustEntries', () => {
  it('keys each of our handlers by file, event, group index and handler index', () => {
    const data = { hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'other-guard' }] }, group] } };
    expect(codexTrustEntries(FILE, data, isOurs)).toEqual([{ key: `${FILE}:pre_tool_use:1:0`, hash: codexGroupHash(group) }]);
  });

  it('finds nothing in a file without PreToolUse groups', () => {
    expect(codexTrustEntries(FILE, {}, isOurs)).toEqual([]);
    expect(codexTrustEntries(FILE, { hooks: { PreToolUse: 'x' } }, isOurs)).toEqual([]);
  });
});

describe('config.toml trust records', () => {
  const entry = { key: `${FILE}:pre_tool_use:0:0`, hash: codexGroupHash(group) };

  it('adds a record that reads back, keeping the rest of the file', () => {
    const before = 'model = "o4"\n\n[features]\nhooks = true\n';
    const after = withCodexTrust(before, [entry])!;
    expect(after.startsWith(before.trimEnd())).toBe(true);
    expect(after).toContain(`[hooks.state.${JSON.stringify(entry.key)}]`);
    expect(readCodexTrust(after).get(entry.key)).toBe(entry.hash);
  });

  it('replaces a stale record of ours instead of adding a second one', () => {
    const stale = withCodexTrust('', [{ key: `${FILE}:pre_tool_use:3:0`, hash: 'sha256:00' }])!;
    const fresh = withCodexTrust(stale, [entry])!;
    expect([...readCodexTrust(fresh).entries()]).toEqual([[entry.key, entry.hash]]);
    expect(withCodexTrust(fresh, [entry])).toBe(fresh);
  });

  it('keeps records the user made by trusting other hooks in the TUI', () => {
    const theirs = `[hooks.state."${FILE}:pre_tool_use:0:0"]\ntrusted_hash = "sha256:abc"\n`;
    const other = { key: `${FILE}:pre_tool_use:1:0`, hash: 'sha256:def' };
    const got = withCodexTrust(theirs, [other])!;
    expect(readCodexTrust(got).get(`${FILE}:pre_tool_use:0:0`)).toBe('sha256:abc');
    expect(readCodexTrust(got).get(other.key)).toBe('sha256:def');
  });

  it('removing our records leaves the user\'s file as it was', () => {
    const before = 'model = "o4"\n';
    expect(withCodexTrust(withCodexTrust(before, [entry]), [])).toBe(before);
    expect(withCodexTrust(null, [])).toBeNull();
  });
});

describe('[features] hooks', () => {
  it('adds the table when there is none, and is idempotent', () => {
    const got = codexFeature('model = "o4"\n', true)!;
    expect(got).toMatch(/\[features\]\nhooks = true/);
    expect(codexFeature(got, true)).toBe(got);
    expect(codexFeature(null, true)).toMatch(/^\[features\]\nhooks = true/);
  });

  it('adds the line to an existing [features] table and flips hooks = false', () => {
    expect(codexFeature('[features]\nweb_search = true\n', true)).toMatch(/\[features\]\nhooks = true .*\nweb_search = true/);
    expect(codexFeature('[features]\nhooks = false\n', true)).toMatch(/\[features\]\nhooks = true/);
  });

  it('replaces the deprecated codex_hooks line airlock used to write', () => {
    const got = codexFeature('[features]\ncodex_hooks = true  # added by airlock install\n', true)!;
    expect(got).not.toContain('codex_hooks');
    expect(got).toMatch(/^\s*hooks = true/m);
  });

  it('remove takes back only our line, and a [features] table we left empty', () => {
    const before = 'model = "o4"\n';
    expect(codexFeature(codexFeature(before, true), false)!.trim()).toBe(before.trim());
    const theirs = '[features]\nweb_search = true\n';
    expect(codexFeature(codexFeature(theirs, true), false)).toBe(theirs);
    expect(codexFeature('[features]\nhooks = true\n', false)).toBe('[features]\nhooks = true\n');
  });
});
