/**
 * Opaque keyset cursors for list endpoints: the sort key values of the last row of a
 * page, base64url-encoded JSON. Clients echo them back; they never parse them.
 */
import { ValidationError } from '../domain/shared/errors.ts';

type Key = string | number;

export const encodeCursor = (values: Key[]): string => Buffer.from(JSON.stringify(values)).toString('base64url');

/** Decodes a cursor whose values must have the given types, else a 422 on `cursor`. */
export function decodeCursor<T extends Array<'string' | 'number'>>(cursor: string, types: [...T]): { [I in keyof T]: T[I] extends 'number' ? number : string } {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === types.length && values.every((v, i) => typeof v === types[i])) {
      return values as { [I in keyof T]: T[I] extends 'number' ? number : string };
    }
  } catch { /* fall through */ }
  throw ValidationError.field('cursor', 'is not a cursor this endpoint returned');
}

/** Fetches one row more than the page to know whether a next page exists. */
export function pageFrom<R>(rows: R[], limit: number, keyOf: (last: R) => Key[]): { page: R[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return { page, nextCursor: more ? encodeCursor(keyOf(page[page.length - 1])) : null };
}
