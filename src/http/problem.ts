/** RFC 9457 problem details, the body of every error answer. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../domain/shared/errors.ts';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  request_id?: string;
  errors?: FieldError[];
}

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  409: 'Conflict', 413: 'Payload Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Content',
  429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

export function sendProblem(request: FastifyRequest, reply: FastifyReply, status: number, type: string, detail?: string, errors?: FieldError[]) {
  const body: Problem = {
    type: `https://parley.dev/problems/${type}`,
    title: TITLES[status] ?? 'Error',
    status,
    ...(detail && { detail }),
    instance: request.url.split('?')[0],
    request_id: request.id,
    ...(errors && { errors }),
  };
  if (status === 401) reply.header('WWW-Authenticate', 'Bearer realm="parley"');
  return reply.code(status).type('application/problem+json').send(JSON.stringify(body));
}
