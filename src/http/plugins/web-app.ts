/**
 * The web app (web/, built by Vite into `config.webDir`) under /tickets/. Hashed assets
 * are cached for a year; every other GET under /tickets/ that no route answers gets
 * index.html (never cached), so the app's router draws the page (history fallback).
 * /tickets/api/** never falls back: an unknown API path stays a problem+json 404, and
 * stays behind authentication (this is a not-found handler, not a catch-all route).
 */
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Runtime } from '../../runtime.ts';
import { sendProblem } from '../problem.ts';

/**
 * No inline script or style anywhere: everything the app runs comes from its own files.
 * Remote images (`http: https:`) are for mail HTML only: its sandboxed srcdoc frame
 * inherits this policy, and shows them once the person asks ("Load remote images"); until
 * then the app rewrites them away and the frame's own stricter policy refuses them.
 */
export const WEB_APP_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: blob: https: http:", "font-src 'self'",
  "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.json': 'application/json', '.map': 'application/json',
};

/** Shown when nobody built the app (npm install --ignore-scripts): says how, instead of a blank page. */
const NOT_BUILT = '<!doctype html><html lang="en"><meta charset="utf-8"><title>Parley</title>'
  + '<h1>The web app is not built</h1><p>Run <code>npm run build</code>, then reload this page. The API works meanwhile.</p></html>';

function secure(reply: FastifyReply): FastifyReply {
  return reply
    .header('Content-Security-Policy', WEB_APP_CSP)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Referrer-Policy', 'same-origin')
    .header('X-Frame-Options', 'DENY');
}

/** The route module: registers the app's files and its history fallback under /tickets/. */
export function webApp(rt: Runtime) {
  const dir = rt.config.webDir;
  // Read once: a new build comes with a restart. Development reads it each time (vite build --watch).
  let cached: string | null = null;
  const indexHtml = async () => {
    if (cached) return cached;
    const html = await readFile(join(dir, 'index.html'), 'utf8').catch(() => null);
    if (rt.config.env !== 'development') cached = html;
    return html;
  };
  const page = async (request: FastifyRequest, reply: FastifyReply) => {
    const html = await indexHtml();
    secure(reply).header('Cache-Control', 'no-cache').type('text/html; charset=utf-8');
    return html ? reply.send(html) : reply.code(503).send(NOT_BUILT);
  };

  return async (app: FastifyInstance) => {
    app.get('/', { config: { auth: 'none' }, schema: { hide: true } }, async (_request, reply) => reply.redirect('/tickets/'));
    await app.register(async (web) => {
      const open = { config: { auth: 'none' as const }, schema: { hide: true } };
      web.get('/', open, page);
      web.get<{ Params: { file: string } }>('/assets/:file', open, async (request, reply) => {
        const file = request.params.file;
        const type = TYPES[extname(file)];
        if (!type || !/^[\w-]+(\.[\w-]+)*$/.test(file)) return notFound(request, reply);
        const body = await readFile(join(dir, 'assets', file)).catch(() => null);
        if (!body) return notFound(request, reply);
        return secure(reply).header('Cache-Control', 'public, max-age=31536000, immutable').type(type).send(body);
      });
      web.setNotFoundHandler(async (request, reply) => {
        const path = request.url.split('?')[0];
        const isApi = path === '/tickets/api' || path.startsWith('/tickets/api/');
        if (isApi || (request.method !== 'GET' && request.method !== 'HEAD')) return notFound(request, reply);
        return page(request, reply);
      });
    }, { prefix: '/tickets' });
  };
}

/** The same answer as the application's own not-found handler. */
function notFound(request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(request, reply, 404, 'not-found', `No route for ${request.method} ${request.url.split('?')[0]}.`);
}
