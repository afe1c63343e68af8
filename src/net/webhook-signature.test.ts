import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signWebhook, verifyWebhook, webhookHeaders } from './webhook-signature.ts';

describe('Standard Webhooks signatures', () => {
  it('reproduces the specification test vector exactly', () => {
    expect(signWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}'))
      .toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('verifies what it signs, with either secret while a rotation is under way, and nothing else', () => {
    const [old, current] = [newWebhookSecret(), newWebhookSecret()];
    expect(current).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const body = '{"type":"ticket.created"}';
    const headers = webhookHeaders([current, old], 'msg_1', 1_700_000_000, body);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(verifyWebhook(current, headers, body, 1_700_000_010)).toBe(true);
    expect(verifyWebhook(old, headers, body, 1_700_000_010)).toBe(true);
    expect(verifyWebhook(newWebhookSecret(), headers, body, 1_700_000_010)).toBe(false);
    expect(verifyWebhook(current, headers, `${body} `, 1_700_000_010)).toBe(false);
    expect(verifyWebhook(current, { ...headers, 'webhook-id': 'msg_2' }, body, 1_700_000_010)).toBe(false);
    expect(verifyWebhook(current, headers, body, 1_700_000_000 + 301), 'too old').toBe(false);
  });

  it('refuses a secret too short to sign with', () => {
    expect(() => signWebhook('whsec_c2hvcnQ=', 'id', 1, '')).toThrow(/at least 16 bytes/);
  });
});
