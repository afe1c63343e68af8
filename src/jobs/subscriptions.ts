/**
 * Which tasks run after which domain events. A task listed here gets one job per
 * event, enqueued in the same transaction as the event, so it runs at least once
 * after commit. Later features (mail, SLA, triggers, webhooks) add their lines here.
 */
export const subscriptions: Readonly<Record<string, readonly string[]>> = {};

/** Task names subscribed to an event name ('*' subscribes to every event). */
export function tasksFor(eventName: string, extra: Readonly<Record<string, readonly string[]>> = {}): string[] {
  const all = [subscriptions, extra];
  return all.flatMap((map) => [...(map[eventName] ?? []), ...(map['*'] ?? [])]);
}
