import { z } from 'zod';
import { defineActionType } from '../action-type.ts';

/**
 * POSTs `{trigger, event, ticket}` as JSON to a URL, through the outbound guard: a URL that
 * resolves to an internal address is refused at every call (and redirect) unless
 * PARLEY_OUTBOUND_ALLOW allows it. Not retried: a signed, retried delivery is a webhook (docs/webhooks.md).
 */
export const callWebhookAction = defineActionType({
  type: 'call_webhook',
  label: 'Call a webhook',
  config: z.object({ url: z.url({ protocol: /^https?$/ }).max(2000) }),
  async run({ ops, ticket, trigger, event }, c) {
    return ops.postJson(c.url, { trigger, event: { id: event.id, name: event.name, payload: event.payload }, ticket });
  },
});
