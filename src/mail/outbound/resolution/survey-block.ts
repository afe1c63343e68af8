/**
 * The survey part of a resolution mail ({{survey.text}}, {{survey.html}}): one link per
 * rating, each opening the rating page with that rating chosen (nothing is stored until the
 * person sends it there: docs/satisfaction.md, "Mail scanners"). Written by our code, in the
 * recipient's language; empty when no survey is on.
 */
import type { SurveyScale } from '../../../domain/resolution/survey-scale.ts';
import { escapeHtml, SafeHtml, type TemplateVars } from '../notifications/render-template.ts';
import type { TemplateLanguage } from '../notifications/templates/index.ts';

const WORDS: Record<TemplateLanguage, { ask: string; five: string[]; good: string; bad: string }> = {
  en: { ask: 'How did we do? Choose a rating (you can add a comment on the next page):', five: ['1 – Very bad', '2 – Bad', '3 – Fair', '4 – Good', '5 – Excellent'], good: 'Good', bad: 'Bad' },
  es: { ask: '¿Qué tal lo hicimos? Elige una valoración (podrás añadir un comentario en la página siguiente):', five: ['1 – Muy mal', '2 – Mal', '3 – Regular', '4 – Bien', '5 – Excelente'], good: 'Bien', bad: 'Mal' },
  'pt-BR': { ask: 'Como foi o nosso atendimento? Escolha uma avaliação (você pode deixar um comentário na página seguinte):', five: ['1 – Muito ruim', '2 – Ruim', '3 – Regular', '4 – Bom', '5 – Excelente'], good: 'Bom', bad: 'Ruim' },
};

/** `rateUrl(n)`: the link that opens the rating page with rating n chosen. */
export function surveyVars(language: TemplateLanguage, scale: SurveyScale | null, rateUrl: (rating: number) => string): TemplateVars {
  if (!scale) return { survey: { text: '', html: new SafeHtml('') } };
  const w = WORDS[language];
  const choices: Array<[string, number]> = scale === 'five' ? w.five.map((label, i) => [label, i + 1]) : [[w.good, 5], [w.bad, 1]];
  const text = `\n${w.ask}\n${choices.map(([label, n]) => `${label}: ${rateUrl(n)}`).join('\n')}\n`;
  const links = choices.map(([label, n]) => `<a href="${escapeHtml(rateUrl(n))}">${escapeHtml(label)}</a>`).join(' &nbsp;·&nbsp; ');
  return { survey: { text, html: new SafeHtml(`<p>${escapeHtml(w.ask)}</p><p>${links}</p>`) } };
}
