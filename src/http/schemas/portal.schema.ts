/**
 * What the portal must know about the helpdesk before anyone signs in and before a file is
 * uploaded (GET /tickets/api/portal/): the tenant's public face, plus the ticket categories for
 * the signed-in. The web app reads its type from here (type-only import).
 */
import { z } from 'zod';

export const portalSchema = z.object({
  name: z.string().describe("the helpdesk's name (the tenant's)"),
  language: z.string().describe("the helpdesk's default language"),
  registration_allowed: z.boolean().describe('customers may create their own account (POST auth/register/)'),
  password_min_length: z.number().int().describe('the shortest password the server takes'),
  max_file_size: z.number().int().describe('the largest attachment the server takes, in bytes'),
  allowed_mime_types: z.array(z.string()).describe('attachment types the server takes; a trailing * matches a family (image/*)'),
  categories: z.array(z.string()).nullable()
    .describe("categories a ticket may have (empty: none to choose from); null for an anonymous caller: they are the helpdesk's people's to know"),
}).meta({ id: 'Portal' });

export type Portal = z.output<typeof portalSchema>;
