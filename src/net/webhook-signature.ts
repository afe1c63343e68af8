/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com, issue 11): the secret is
 * `whsec_` + base64 of random bytes; each delivery carries `webhook-id`,
 * `webhook-timestamp` (Unix seconds) and `webhook-signature: v1,<base64 HMAC-SHA256 of
 * "id.timestamp.body">`, several space-separated while a rotated secret is still honoured.
 * Receivers' own Standard Webhooks or Svix libraries verify what this signs.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'whsec_';

/** A new secret: 24 random bytes, the size the reference libraries generate. */
export const newWebhookSecret = (): string => PREFIX + randomBytes(24).toString('base64');

function keyOf(secret: string): Buffer {
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');
  if (key.length < 16) throw new Error('A webhook secret must hold at least 16 bytes (whsec_ followed by base64)');
  return key;
}

/** `v1,<base64>` for one message. `body` is the exact bytes sent. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string | Buffer): string {
  const hmac = createHmac('sha256', keyOf(secret));
  hmac.update(`${id}.${timestamp}.`);
  hmac.update(body);
  return `v1,${hmac.digest('base64')}`;
}

/** The three headers of a delivery, signed with each secret given (the current one first). */
export function webhookHeaders(secrets: readonly string[], id: string, timestamp: number, body: string | Buffer): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((s) => signWebhook(s, id, timestamp, body)).join(' '),
  };
}

/**
 * What a receiver does (and what our tests and the "send a test event" check do): true when
 * one of the signatures matches and the timestamp is within `toleranceSeconds` of now.
 */
export function verifyWebhook(secret: string, headers: Record<string, string | undefined>, body: string | Buffer, nowSeconds = Math.floor(Date.now() / 1000), toleranceSeconds = 300): boolean {
  const id = headers['webhook-id'];
  const timestamp = Number(headers['webhook-timestamp']);
  const signatures = headers['webhook-signature'];
  if (!id || !Number.isInteger(timestamp) || !signatures || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, id, timestamp, body).slice(3), 'base64');
  return signatures.split(' ').some((entry) => {
    const [version, value] = entry.split(',', 2);
    if (version !== 'v1' || !value) return false;
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
