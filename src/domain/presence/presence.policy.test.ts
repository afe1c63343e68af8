import { describe, expect, it } from 'vitest';
import { actorFor, outcome, type Who } from '../../../test/helpers/policy.ts';
import { authorizePresence } from './presence.policy.ts';

describe('authorizePresence', () => {
  it.each<[Who, string]>([
    ['admin', 'ok'],
    ['agent', 'ok'],
    ['customer', '403 Only agents and admins take part in presence.'],
    ['system', '403 Only agents and admins take part in presence.'],
    [null, '401 Authentication is required.'],
  ])('%s → %s', (who, expected) => {
    expect(outcome(() => authorizePresence(actorFor(who)))).toBe(expected);
  });
});
