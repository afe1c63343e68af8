/**
 * Whether a mailed answer to a resolved ticket confirms the resolution (docs/satisfaction.md,
 * "Answering the mail"). Deliberately conservative: a wrong "yes" closes a ticket whose
 * problem goes on, a wrong "no" only reopens it for an agent to read. So only a short text
 * (quoted history and signature already cut), in which every sentence is one of the known
 * confirmations in English, Spanish or Portuguese, optionally with thanks, confirms.
 * Anything else (a question, a "but", a negation, "reopen", a longer text) is a normal reply,
 * which reopens the ticket.
 */

const MAX_LENGTH = 120;

/** Whole sentences that confirm, after normalising (lower case, no accents, no punctuation). */
const CONFIRMS = new Set([
  // English
  'yes', 'yes solved', 'yes it is solved', 'yes its solved', 'solved', 'its solved', 'it is solved', 'resolved', 'its resolved', 'it is resolved',
  'fixed', 'its fixed', 'it is fixed', 'it works', 'it works now', 'works now', 'all good', 'all good now', 'confirmed', 'i confirm',
  'you can close it', 'you can close the ticket', 'please close it', 'please close the ticket', 'close it', 'problem solved', 'issue solved', 'issue resolved',
  // Spanish
  'si', 'si resuelto', 'resuelto', 'solucionado', 'esta resuelto', 'esta solucionado', 'ya esta resuelto', 'ya esta solucionado', 'ya funciona',
  'funciona', 'ya funciona bien', 'todo bien', 'confirmado', 'confirmo', 'lo confirmo', 'podeis cerrarlo', 'pueden cerrarlo', 'puedes cerrarlo',
  'pueden cerrar el ticket', 'cerrar', 'problema resuelto', 'problema solucionado',
  // Portuguese
  'sim', 'sim resolvido', 'resolvido', 'solucionado', 'esta resolvido', 'ja esta resolvido', 'ja funciona', 'funcionou', 'agora funciona',
  'tudo certo', 'tudo ok', 'confirmado', 'confirmo', 'pode fechar', 'podem fechar', 'pode fechar o chamado', 'podem fechar o chamado',
  'pode fechar o ticket', 'podem fechar o ticket', 'problema resolvido',
]);

/** Courtesy that may stand beside a confirmation without changing it. */
const COURTESY = new Set([
  'thanks', 'thank you', 'thanks a lot', 'many thanks', 'thank you very much', 'great', 'perfect', 'ok', 'okay',
  'gracias', 'muchas gracias', 'mil gracias', 'perfecto', 'genial', 'vale',
  'obrigado', 'obrigada', 'muito obrigado', 'muito obrigada', 'valeu', 'perfeito', 'otimo',
]);

const normalise = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
  .replace(/['’]/g, '').replace(/[^\p{L}\p{N}\s]/gu, ' ').replace(/\s+/g, ' ').trim();

/** True only when the whole (quote-stripped) text is a clear confirmation; see the module's note. */
export function isConfirmationReply(text: string): boolean {
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > MAX_LENGTH || /\?/.test(trimmed)) return false;
  // Sentences and lines; a greeting line with a name ("Hi Ana,") is not a known sentence, so it is not a confirmation.
  const parts = trimmed.split(/[.!\n;,]+/).map(normalise).filter(Boolean);
  if (parts.length === 0) return false;
  let confirmed = false;
  for (const part of parts) {
    if (CONFIRMS.has(part)) confirmed = true;
    else if (!COURTESY.has(part)) return false;
  }
  return confirmed;
}
