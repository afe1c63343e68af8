/**
 * The multipart/form-data forms of the routes that take attachments (the seed's
 * `curl -F subject=… -F body=… -F attachments=@file`), for the OpenAPI document: flat
 * text fields (multipart-body.ts maps them onto the JSON body) plus repeated files.
 */
import { PRIORITIES, STATUSES } from '../../domain/tickets/ticket-values.ts';

export interface MultipartForm { type: 'object'; required?: string[]; properties: Record<string, object>; description?: string }

const files = {
  type: 'array', items: { type: 'string', format: 'binary', contentMediaType: 'application/octet-stream' },
  description: 'files, one part each (also accepted as "attachments[]"); the tenant\'s MIME whitelist and max_file_size apply, and a file whose content contradicts its type is refused',
};
const message = {
  body: { type: 'string', maxLength: 1_000_000 },
  body_html: { type: 'string', maxLength: 2_000_000, description: 'sanitized on the server' },
  time_spent: { type: 'number', minimum: 0, maximum: 1000, description: 'hours' },
  attachments: files,
};

export const createTicketForm: MultipartForm = {
  type: 'object', required: ['subject'],
  properties: {
    subject: { type: 'string', minLength: 1, maxLength: 500 },
    department: { type: 'string', description: 'department id (as in the seed) or slug' },
    priority: { type: 'string', enum: [...PRIORITIES] },
    category: { type: 'string', maxLength: 60 },
    requester: { type: 'string', description: 'a user id or an email address' },
    tags: { type: 'string', description: 'comma-separated, or the field repeated' },
    recipients: { type: 'string', description: 'comma-separated email addresses, or the field repeated' },
    message_type: { type: 'string', enum: ['reply', 'note'], default: 'reply' },
    ...message,
  },
};

export const replyForm: MultipartForm = {
  type: 'object',
  properties: {
    ...message,
    message_type: { type: 'string', enum: ['reply', 'note'], default: 'reply' },
    status: { type: 'string', enum: [...STATUSES] },
    send_at: { type: 'string', maxLength: 64, description: 'staff replies only: ISO 8601 time with offset to send it at (scheduled reply)' },
  },
};

export const noteForm: MultipartForm = {
  type: 'object',
  properties: { ...message, status: { type: 'string', enum: [...STATUSES] } },
};
