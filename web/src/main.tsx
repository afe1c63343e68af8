/** Entry point: translations, styles, then the app into #root. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import i18n, { firstLanguage } from './i18n/index.ts';
import './styles/app.css';

const setLang = (lng: string) => { document.documentElement.lang = lng; };
setLang(i18n.language);
i18n.on('languageChanged', setLang);

// Drawn once the browser's language is there, so a Spanish visitor never sees the page in English first.
void firstLanguage.then(() => createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>));
