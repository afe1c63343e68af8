/**
 * The rich editor, fetched when a composer is first shown: TipTap and ProseMirror are a
 * chunk of their own (about 100 KB gzipped), outside the first page load.
 */
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { RichEditorProps } from './rich-editor.tsx';

const Editor = lazy(async () => ({ default: (await import('./rich-editor.tsx')).RichEditor }));

export function LazyRichEditor(props: RichEditorProps) {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<p className="rich-editor-loading" role="status">{t('Loading the editor…')}</p>}>
      <Editor {...props} />
    </Suspense>
  );
}
