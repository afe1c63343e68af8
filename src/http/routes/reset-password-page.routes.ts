/**
 * The page the reset mail links to: /tickets/reset-password/?token=…&tenant=…. Plain HTML
 * with a labelled form and one external script from this module (the CSP allows nothing
 * else, no inline code), which posts to the confirm endpoint and says what happened.
 * The page and the script work without a session; the token never leaves this origin
 * (no third-party resources, Referrer-Policy: no-referrer).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { MIN_PASSWORD_LENGTH } from '../../domain/users/passwords.ts';

export const RESET_PAGE_PATH = '/tickets/reset-password/';
const SCRIPT_PATH = '/tickets/reset-password/reset-password.js';

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Choose a new password</title>
<script src="${SCRIPT_PATH}" defer></script>
</head>
<body>
<main>
<h1>Choose a new password</h1>
<form id="reset-form" novalidate>
<p>
<label for="password">New password</label><br>
<input id="password" name="password" type="password" autocomplete="new-password" required minlength="${MIN_PASSWORD_LENGTH}" maxlength="1024" aria-describedby="password-hint">
<br><small id="password-hint">At least ${MIN_PASSWORD_LENGTH} characters.</small>
</p>
<p>
<label for="confirm">Repeat the new password</label><br>
<input id="confirm" name="confirm" type="password" autocomplete="new-password" required minlength="${MIN_PASSWORD_LENGTH}" maxlength="1024">
</p>
<p><button type="submit">Set the new password</button></p>
</form>
<p id="status" role="status" aria-live="polite"></p>
<noscript><p>This page needs JavaScript to set your password.</p></noscript>
</main>
</body>
</html>
`;

// Runs in the browser. Reads the token from the address, then removes it from the address bar and history.
const SCRIPT = `'use strict';
(function () {
  var params = new URLSearchParams(window.location.search);
  var token = params.get('token') || '';
  var tenant = params.get('tenant') || undefined;
  if (token) window.history.replaceState(null, '', window.location.pathname);
  function ready() {
    var form = document.getElementById('reset-form');
    var status = document.getElementById('status');
    var button = form.querySelector('button');
    function say(text) { status.textContent = text; }
    if (!token) { say('This link is incomplete. Ask for a new password reset mail.'); button.disabled = true; return; }
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var password = form.elements.password.value;
      if (password.length < ${MIN_PASSWORD_LENGTH}) { say('The password must be at least ${MIN_PASSWORD_LENGTH} characters.'); form.elements.password.focus(); return; }
      if (password !== form.elements.confirm.value) { say('The two passwords differ.'); form.elements.confirm.focus(); return; }
      button.disabled = true;
      say('Setting your password…');
      fetch('/tickets/api/auth/password-reset/confirm/', {
        method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'Accept': 'application/json, application/problem+json' },
        body: JSON.stringify({ token: token, password: password, tenant: tenant })
      }).then(function (res) {
        if (res.status === 204) { form.hidden = true; say('Your password was changed. You can now sign in with it.'); return; }
        return res.json().catch(function () { return {}; }).then(function (problem) {
          button.disabled = false;
          if (res.status === 429) { say('Too many attempts. Wait a minute and try again.'); return; }
          var field = problem.errors && problem.errors[0];
          if (field && field.field === 'token') { form.hidden = true; say('This link is invalid, expired or already used. Ask for a new password reset mail.'); return; }
          say(field ? 'The ' + field.field + ' ' + field.message + '.' : (problem.detail || 'The password could not be set.'));
        });
      }).catch(function () { button.disabled = false; say('The server could not be reached. Try again.'); });
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready); else ready();
})();
`;

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

function secure(reply: FastifyReply): FastifyReply {
  return reply
    .header('Content-Security-Policy', CSP)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Referrer-Policy', 'no-referrer')
    .header('X-Frame-Options', 'DENY')
    .header('Cache-Control', 'no-store');
}

export function resetPasswordPageRoutes() {
  return async (app: FastifyInstance) => {
    const open = { config: { auth: 'none' as const }, schema: { hide: true } };
    app.get(RESET_PAGE_PATH, open, async (_request, reply) => secure(reply).type('text/html; charset=utf-8').send(PAGE));
    app.get(SCRIPT_PATH, open, async (_request, reply) => secure(reply).type('text/javascript; charset=utf-8').send(SCRIPT));
  };
}
