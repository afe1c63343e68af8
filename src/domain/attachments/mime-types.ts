/**
 * What a file is when the sender did not say: curl, many mail clients and browsers send
 * `application/octet-stream` for names they do not know (curl does for `error.log`).
 */
const BY_EXTENSION: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp',
  pdf: 'application/pdf', txt: 'text/plain', log: 'text/plain', csv: 'text/csv',
  doc: 'application/msword', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip', tar: 'application/x-tar', gz: 'application/gzip', tgz: 'application/gzip',
  eml: 'message/rfc822', json: 'application/json', xml: 'application/xml', html: 'text/html', htm: 'text/html',
  svg: 'image/svg+xml', exe: 'application/vnd.microsoft.portable-executable', js: 'text/javascript',
};

const GENERIC = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/x-unknown', 'application/unknown']);

/** The declared type, or the one the file name implies when the declared one says nothing. */
export function effectiveMimeType(filename: string, declared: string | undefined): string {
  const type = (declared ?? '').split(';')[0].trim().toLowerCase();
  if (!GENERIC.has(type)) return type;
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  return BY_EXTENSION[ext] ?? 'application/octet-stream';
}
