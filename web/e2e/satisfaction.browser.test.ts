/**
 * Resolution and satisfaction in a real Chromium (docs/satisfaction.md): an agent resolves a
 * ticket, the customer opens the rating link of the mail the SMTP sink caught (no sign-in),
 * the page has the rating chosen and nothing is stored until they send it, and the agent
 * then sees the rating and its comment in the ticket's side panel.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../test/helpers/free-ports.ts';
import { startSmtpSink } from '../../test/helpers/smtp-sink.ts';
import { webHarness } from './harness.ts';

const sink = await startSmtpSink({ port: await freePort() });
const h = webHarness({ SMTP_URL: sink.url });
afterAll(async () => { await sink.close(); });

const drain = async () => { while ((await h.t.rt.worker.runOnce()) > 0) { /* drain */ } };

describe('resolution and satisfaction', () => {
  it('resolve → the rating link from the mail → rate → the agent sees it in the side panel', async () => {
    const admin = await h.user('admin@example.com', 'Ada Admin', 'admin');
    const agent = await h.user('agent@example.com', 'Alex Agent', 'agent', { departmentIds: [1] });
    const customer = await h.user('carla@example.com', 'Carla Customer', 'customer', { language: 'en' });
    await h.api(admin.token, 'PATCH', '/settings/', { satisfaction_survey: true, satisfaction_scale: 'five', mail_send_threshold: 1000 }, 200);
    const ticket = await h.api(customer.token, 'POST', '/tickets/', { subject: 'Invoice missing', messages: [{ body: 'Where is my invoice?' }] }, 201);
    await h.api(agent.token, 'PATCH', `/tickets/${ticket.id}/`, { assignee: agent.id, status: 'resolved' }, 200);
    await drain();

    const mail = sink.messages.find((m) => m.envelope.to.includes('carla@example.com') && /resolved/.test(m.parsed.text ?? ''));
    const link = mail?.parsed.text?.match(/\/tickets\/resolution\/\?\S*action=rate&rating=4/)?.[0];
    expect(link).toBeDefined();

    const visitor = await h.openPage();
    await visitor.page.goto(`${h.base}${link}`);
    await visitor.page.getByRole('heading', { name: 'How did we do?' }).waitFor();
    expect(await visitor.page.getByRole('radio', { name: '4 – Good' }).isChecked()).toBe(true);
    expect(await h.t.rt.db.selectFrom('satisfaction_ratings').select('id').execute()).toHaveLength(0);
    await visitor.page.getByLabel('Anything you want to tell us? (optional)').fill('Quick, thanks.');
    await visitor.page.getByRole('button', { name: 'Send my rating' }).click();
    await visitor.page.getByText('Thank you for your rating.').waitFor();
    await h.shot(visitor.page, 'satisfaction-rated');

    const staff = await h.openPage();
    await h.signIn(staff.page, 'agent@example.com');
    await staff.page.goto(`${h.base}/tickets/${ticket.id}/`);
    const section = staff.page.getByRole('region', { name: 'Satisfaction' });
    await section.getByText('4 – Good').waitFor();
    await section.getByText('Quick, thanks.').waitFor();
    await h.shot(staff.page, 'satisfaction-side-panel');
    expect([...visitor.problems, ...staff.problems]).toEqual([]);
  }, 90_000);
});
