/**
 * The JSON body parser: Fastify's own (prototype-poisoning checks, body limit), plus one
 * rule for every route: a body with a NUL or a lone surrogate anywhere ("\ud800") is refused with
 * 422 before any route sees it, so no field can carry one into the database.
 */
import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../../domain/shared/errors.ts';
import { findIllFormedText, ILL_FORMED_MESSAGE } from '../../domain/shared/well-formed-text.ts';

export function registerJsonBody(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'ignore');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parse(request, String(body), (err: Error | null, value?: unknown) => {
      if (err) return done(err, undefined);
      const bad = findIllFormedText(value);
      if (bad) return done(ValidationError.field(bad, ILL_FORMED_MESSAGE), undefined);
      done(null, value);
    });
  });
}

/** The same rule for query strings and path parameters (`?search=%00`, `/tickets/%ED%A0%80/`). */
export function registerTextParams(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [where, value] of [['query', request.query], ['params', request.params]] as const) {
      const bad = findIllFormedText(value);
      if (bad) throw ValidationError.field(`${where}.${bad}`, ILL_FORMED_MESSAGE);
    }
  });
}
