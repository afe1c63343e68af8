/** Maps every error to problem+json: domain errors, schema validation, unknown routes, crashes. */
import type { FastifyInstance, FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, RateLimitedError, ValidationError } from '../../domain/shared/errors.ts';
import { isTransientDatabaseError } from '../../db/transient-errors.ts';
import { sendProblem } from '../problem.ts';

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = (error as { validationContext?: string }).validationContext ?? 'body';
      const errors = error.validation.map((v) => ({
        field: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || where,
        message: v.message ?? 'is invalid',
      }));
      return sendProblem(request, reply, 422, 'validation', `The ${where === 'querystring' ? 'query string' : where} has invalid fields.`, errors);
    }
    if (error instanceof RateLimitedError) reply.header('Retry-After', String(error.retryAfterSeconds));
    if (error instanceof ValidationError) return sendProblem(request, reply, 422, error.type, error.message, error.errors);
    if (error instanceof DomainError) return sendProblem(request, reply, error.status, error.type, error.message);
    if (isTransientDatabaseError(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      reply.header('Retry-After', '5');
      return sendProblem(request, reply, 503, 'unavailable', 'The service is temporarily unavailable; try again shortly.');
    }
    const status = error.statusCode ?? 500;
    if (status === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE') return sendProblem(request, reply, 413, 'payload-too-large', 'The request or one of its files is too large.');
    if (status === 415 || error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendProblem(request, reply, 415, 'unsupported-media-type', error.message);
    if (status >= 400 && status < 500) return sendProblem(request, reply, status, 'bad-request', error.message);
    request.log.error({ err: error }, 'request failed');
    return sendProblem(request, reply, 500, 'internal', 'Something went wrong; the error was logged with this request id.');
  });
  app.setNotFoundHandler((request, reply) => sendProblem(request, reply, 404, 'not-found', `No route for ${request.method} ${request.url.split('?')[0]}.`));
}
