import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.ts';
import { fieldErrors, formErrors, hasFieldErrors } from './field-errors.ts';

const refused = (errors: Array<{ field: string; message: string }>) =>
  new ApiError(422, { type: 'about:blank', title: 'Unprocessable', status: 422, errors });

describe('fieldErrors', () => {
  it('keys each message by its field, and nested ones by their first segment too', () => {
    const e = refused([
      { field: 'email', message: 'must be an email address' },
      { field: 'sla_targets.critical.first_response_hours', message: 'Too small' },
      { field: 'sla_targets.low.resolution_hours', message: 'Too big' },
    ]);
    expect(fieldErrors(e)).toEqual({
      email: 'must be an email address',
      'sla_targets.critical.first_response_hours': 'Too small',
      'sla_targets.low.resolution_hours': 'Too big',
      sla_targets: 'critical.first_response_hours: Too small; low.resolution_hours: Too big',
    });
    expect(hasFieldErrors(e)).toBe(true);
  });
  it('drops the body. prefix of request validation', () => {
    expect(fieldErrors(refused([{ field: 'body.oauth_config.client_id', message: 'Required' }]))).toEqual({
      'oauth_config.client_id': 'Required', oauth_config: 'client_id: Required',
    });
  });
  it('joins two messages of one field', () => {
    expect(fieldErrors(refused([{ field: 'subject', message: 'a' }, { field: 'subject', message: 'b' }])).subject).toBe('a; b');
  });
  it('has nothing for other failures', () => {
    expect(fieldErrors(new ApiError(500, null))).toEqual({});
    expect(fieldErrors(new Error('offline'))).toEqual({});
    expect(hasFieldErrors(new ApiError(409, { type: 'x', title: 'Conflict', status: 409 }))).toBe(false);
  });
});

describe('formErrors', () => {
  it('answers the fields, and no message for the whole form when fields were named', () => {
    expect(formErrors(refused([{ field: 'body.name', message: 'Required' }]))).toEqual({ fields: { name: 'Required' }, other: null });
  });
  it("answers the server's explanation when no field was named", () => {
    const conflict = new ApiError(409, { type: 'conflict', title: 'Conflict', status: 409, detail: 'The slug sales is taken.' });
    expect(formErrors(conflict)).toEqual({ fields: {}, other: 'The slug sales is taken.' });
    expect(formErrors(new Error('offline'))).toEqual({ fields: {}, other: null });
    expect(formErrors(undefined)).toEqual({ fields: {}, other: null });
  });
});
