/**
 * The webhooks admin screen in Chromium (issue 11): an admin adds a webhook to a receiver
 * on loopback (allowed by PARLEY_OUTBOUND_ALLOW, as an operator would), keeps the secret
 * shown once, sends a test event and reads the receiver's answer, sees it in the delivery
 * log, and turns the webhook off. An internal URL is refused next to its field.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../src/net/webhook-signature.ts';
import { webHarness } from './harness.ts';

const h = webHarness({ PARLEY_OUTBOUND_ALLOW: '127.0.0.1' });
let receiver: Server;
let receiverUrl = '';
const received: Array<{ headers: Record<string, string>; body: string }> = [];

beforeAll(async () => {
  await h.user('admin@example.com', 'Ada Admin', 'admin');
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c; });
    req.on('end', () => { received.push({ headers: req.headers as Record<string, string>, body }); res.end('thanks'); });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(() => { receiver?.close(); });

describe('the webhooks admin screen', () => {
  it('adds a webhook, shows its secret once, tests it, logs it and turns it off', async () => {
    const { page, problems } = await h.openPage({ allowConsole: /\b(401|422)\b/ });
    await h.signIn(page, 'admin@example.com');
    await page.goto(`${h.base}/tickets/admin/webhooks/`);
    await page.getByRole('heading', { name: 'New webhook' }).waitFor();

    await page.getByLabel('URL').fill('http://169.254.169.254/latest/meta-data/');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    await expect.poll(() => page.locator('#new-webhook-url-error').textContent()).toMatch(/internal address/);

    await page.getByLabel('URL').fill(receiverUrl);
    await page.getByLabel('A ticket is resolved').check();
    await page.getByLabel('Description (optional)').fill('Reports');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const secret = await page.getByLabel('Secret', { exact: true }).inputValue();
    expect(secret).toMatch(/^whsec_/);
    await h.shot(page, 'admin-webhooks');
    await page.getByRole('button', { name: 'I have kept it' }).click();

    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: 'Reports' }).waitFor();
    await page.getByRole('button', { name: 'Send a test event' }).click();
    await page.getByText('The receiver answered 200').waitFor();
    expect(received).toHaveLength(1);
    expect(verifyWebhook(secret, received[0].headers, received[0].body)).toBe(true);
    await page.getByRole('cell', { name: 'webhook.test', exact: true }).waitFor();
    await h.shot(page, 'admin-webhook');

    await page.getByRole('button', { name: 'Turn off' }).click();
    await page.getByText('Off: turned off by an admin').waitFor();
    expect(problems).toEqual([]);
  }, 90_000);
});
