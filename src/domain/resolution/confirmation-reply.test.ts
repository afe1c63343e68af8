import { describe, expect, it } from 'vitest';
import { isConfirmationReply } from './confirmation-reply.ts';

describe('isConfirmationReply: only a short, clear confirmation closes', () => {
  it.each([
    'Yes, solved. Thanks!', 'It works now, thank you', 'solved', 'Please close it.',
    'Sí, resuelto. ¡Muchas gracias!', 'Ya funciona, gracias', 'Solucionado',
    'Sim, resolvido. Obrigado!', 'Pode fechar o chamado, obrigada', 'Tudo certo',
  ])('confirms: %s', (text) => expect(isConfirmationReply(text)).toBe(true));

  it.each([
    '', 'Thanks', 'Gracias', 'No, not solved', 'Solved? It still fails', 'reopen', 'Reabrir, por favor',
    'Yes solved but now the printer fails too', 'Hi Ana, solved', 'Não funcionou', 'It works now. '.repeat(12),
    'Sigue sin funcionar, me da el mismo error.',
  ])('does not confirm: %s', (text) => expect(isConfirmationReply(text)).toBe(false));
});
