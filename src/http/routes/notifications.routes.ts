/**
 * In-app notifications of the signed-in person (docs/notifications.md): the list (own only,
 * newest first; about a ticket only while they may still read it), mark read, mark all
 * read; and which kinds also come by mail (the in-app-only kinds are no choice).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listNotifications } from '../../domain/user-notifications/list-notifications.ts';
import { markAllNotificationsRead, markNotificationRead } from '../../domain/user-notifications/mark-notifications-read.ts';
import { IN_APP_ONLY_KINDS, MAILED_KINDS, NOTIFICATION_KINDS, type MailedKind } from '../../domain/user-notifications/notification-kinds.ts';
import { getNotificationPreferences, setNotificationPreferences } from '../../domain/user-notifications/notification-preferences.ts';
import { presentNotification, presentReadState } from '../../domain/user-notifications/user-notification.presenter.ts';
import { decodeCursor, pageFrom } from '../cursor.ts';
import { errorResponses, listQuery, uuidParam } from '../schemas/common.schema.ts';


const notificationSchema = z.object({
  id: z.string(),
  kind: z.string().describe(`what happened: ${NOTIFICATION_KINDS.join(', ')} (more may come)`),
  ticket_id: z.string().nullable().describe('the ticket it is about; null: about something else (see subject)'),
  ticket: z.object({ id: z.string(), number: z.string(), subject: z.string() }).nullable(),
  subject: z.object({
    type: z.enum(['ticket', 'mailbox', 'outgoing_mail', 'webhook']),
    id: z.string().describe("the ticket's, mailbox's or webhook's id; 'tenant' for the outgoing mail"),
    name: z.string().nullable().describe("the ticket's subject, the mailbox's name (null once deleted); null for outgoing mail and webhooks"),
  }).describe('what it is about'),
  actor: z.object({ id: z.string(), name: z.string() }).nullable().describe('who caused it; null: Parley, or mail from outside'),
  created_at: z.string(),
  read_at: z.string().nullable(),
}).meta({ id: 'Notification' });

const pageSchema = z.object({
  results: z.array(notificationSchema), next_cursor: z.string().nullable(),
  unread_count: z.number().int().describe('unread notifications in all, whatever the page'),
});

const mailPreferences = z.object(Object.fromEntries(MAILED_KINDS.map((k) => [k, z.boolean()])) as Record<MailedKind, z.ZodBoolean>);
const preferencesSchema = z.object({
  email: mailPreferences.describe(`per kind: whether it also comes by mail; ${IN_APP_ONLY_KINDS.join(', ')} come in-app only and are no choice (naming one: 422)`),
}).meta({ id: 'NotificationPreferences' });
const preferencesBody = z.object({ email: mailPreferences.partial().strict() }).strict();

const BASE = '/tickets/api/notifications';
const PREFERENCES = '/tickets/api/me/notification-preferences/';

export function notificationsRoutes() {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(`${BASE}/`, {
      schema: {
        tags: ['notifications'], operationId: 'listNotifications', summary: 'Your notifications, newest first, with the unread count',
        querystring: z.object({ unread: z.enum(['true', 'false']).optional().describe('true: only the unread'), ...listQuery }),
        response: { 200: pageSchema, ...errorResponses },
      },
    }, async (request) => {
      const q = request.query;
      const { rows, unread } = await listNotifications(request.ctx(), {
        unread: q.unread === 'true', beforeId: q.cursor ? decodeCursor(q.cursor, ['string'])[0] : undefined, limit: q.limit + 1,
      });
      const { page, nextCursor } = pageFrom(rows, q.limit, (n) => [n.id]);
      return { results: page.map(presentNotification), next_cursor: nextCursor, unread_count: unread };
    });

    r.post(`${BASE}/:id/read/`, {
      schema: {
        tags: ['notifications'], operationId: 'markNotificationRead', summary: 'Mark one of your notifications read', params: uuidParam,
        response: { 200: z.object({ id: z.string(), read_at: z.string().nullable() }), ...errorResponses },
      },
    }, async (request) => presentReadState(await markNotificationRead(request.ctx(), request.params.id)));

    r.post(`${BASE}/read-all/`, {
      schema: {
        tags: ['notifications'], operationId: 'markAllNotificationsRead', summary: 'Mark all your notifications read',
        response: { 200: z.object({ updated: z.number().int() }), ...errorResponses },
      },
    }, async (request) => ({ updated: await markAllNotificationsRead(request.ctx()) }));

    r.get(PREFERENCES, {
      schema: { tags: ['notifications'], operationId: 'getNotificationPreferences', summary: 'Which notifications also come to you by mail', response: { 200: preferencesSchema, ...errorResponses } },
    }, async (request) => ({ email: await getNotificationPreferences(request.ctx()) }));

    r.put(PREFERENCES, {
      schema: {
        tags: ['notifications'], operationId: 'setNotificationPreferences', summary: 'Choose which notifications also come to you by mail (kinds not named keep their setting)',
        body: preferencesBody, response: { 200: preferencesSchema, ...errorResponses },
      },
    }, async (request) => ({ email: await setNotificationPreferences(request.ctx(), request.body.email) }));
  };
}
