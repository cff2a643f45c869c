// Informed-approval settings from the user's config.yaml: defaults, forms, invalid values.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings } from '../../src/util/settings';

describe('parseSettings', () => {
  it('defaults: 1.5 s lookups, 10 s hold, retries marked for 30 minutes, checkpoints on', () => {
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toMatchObject({ impact: { timeoutMs: 1500 }, holdSeconds: 10, escalation: { mode: 'mark', windowSeconds: 1800 }, undo: { enabled: true, keep: 20 } });
  });

  it('reads every key', () => {
    const s = parseSettings({
      impact: { timeout_ms: 800, railway: { connect_to: '127.0.0.1:8443', ca_file: '/tmp/ca.pem' } },
      undo: { max_bytes: 1000, keep: 3, max_age_days: 2 },
      hold: 4,
      escalation: { mode: 'deny', window_seconds: 60 },
    });
    expect(s).toEqual({
      impact: { timeoutMs: 800, families: { railway: { connect_to: '127.0.0.1:8443', ca_file: '/tmp/ca.pem' } } },
      undo: { maxBytes: 1000, keep: 3, maxAgeDays: 2, enabled: true },
      holdSeconds: 4,
      escalation: { mode: 'deny', windowSeconds: 60 },
    });
  });

  it('short forms: escalation: deny, hold: false / {seconds}, undo: false', () => {
    expect(parseSettings({ escalation: 'deny' }).escalation.mode).toBe('deny');
    expect(parseSettings({ hold: false }).holdSeconds).toBe(0);
    expect(parseSettings({ hold: { seconds: 3 } }).holdSeconds).toBe(3);
    expect(parseSettings({ undo: false }).undo.enabled).toBe(false);
  });

  it('invalid values keep the defaults', () => {
    const s = parseSettings({ impact: { timeout_ms: -1 }, hold: 'soon', escalation: 'ignore', undo: { keep: 0 } });
    expect(s.impact.timeoutMs).toBe(1500);
    expect(s.holdSeconds).toBe(10);
    expect(s.escalation.mode).toBe('mark');
    expect(s.undo.keep).toBe(20);
  });
});
