/**
 * The ingest benchmark's mail: 70% plain text, 25% HTML (multipart/alternative), 5% with
 * an attachment; a third of them replies that thread onto an earlier message; each with
 * a unique word so that "searchable" can be checked for every one.
 */
import { randomBytes } from 'node:crypto';

export interface BenchMail { raw: Buffer; messageId: string; token: string }

const WORDS = 'servidor correo factura dominio certificado error pedido cliente copia seguridad acceso contraseña panel hosting página respuesta problema ayuda cuenta pago'.split(' ');

function sentence(rand: () => number, n: number): string {
  return Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ');
}

export function generateMail(count: number, queue: string, seed = 42): BenchMail[] {
  let state = seed;
  const rand = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const out: BenchMail[] = [];
  const attachment = randomBytes(20_000).toString('base64').replace(/.{76}/g, '$&\r\n');
  for (let i = 0; i < count; i++) {
    const kind = rand();
    const token = `tok${i.toString(36)}x${Math.floor(rand() * 1e6).toString(36)}`;
    const messageId = `<bench-${i}-${token}@customers.example>`;
    const replyTo = i > 10 && rand() < 0.33 ? out[Math.floor(rand() * i)] : null;
    const from = `cliente${Math.floor(rand() * 200)}@customers.example`;
    const text = `Hola,\r\n\r\n${sentence(rand, 40)} ${token}.\r\n\r\nGracias`;
    const head = [
      `From: Cliente <${from}>`, `To: ${queue}`, `Subject: ${replyTo ? 'Re: ' : ''}Consulta ${i} ${sentence(rand, 3)}`,
      'Date: Sat, 21 Nov 2026 10:00:00 +0000', `Message-ID: ${messageId}`, 'MIME-Version: 1.0',
      ...(replyTo ? [`In-Reply-To: ${replyTo.messageId}`, `References: ${replyTo.messageId}`] : []),
    ];
    let body: string[];
    if (kind < 0.7) {
      body = ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', text];
    } else if (kind < 0.95) {
      body = ['Content-Type: multipart/alternative; boundary="alt"', '', '--alt', 'Content-Type: text/plain; charset=utf-8', '', text,
        '--alt', 'Content-Type: text/html; charset=utf-8', '', `<html><body><p>Hola,</p><p>${sentence(rand, 40)} <b>${token}</b>.</p><p>Gracias</p></body></html>`, '--alt--'];
    } else {
      body = ['Content-Type: multipart/mixed; boundary="mix"', '', '--mix', 'Content-Type: text/plain; charset=utf-8', '', text,
        '--mix', 'Content-Type: application/pdf; name="factura.pdf"', 'Content-Disposition: attachment; filename="factura.pdf"', 'Content-Transfer-Encoding: base64', '', attachment, '--mix--'];
    }
    out.push({ raw: Buffer.from([...head, ...body, ''].join('\r\n')), messageId, token });
  }
  return out;
}
