/**
 * The new-ticket form's files: each pick is checked against the helpdesk's size and type
 * limits before anything is sent; a refused file is named with the limit it breaks and left
 * out, the others stay. Picked files add up and can be removed one by one.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/field.tsx';
import { useFormat } from '../../hooks/use-format.ts';
import { checkFiles, type FileLimits, type RefusedFile } from './file-limits.ts';

interface Props {
  files: File[];
  onChange: (files: File[]) => void;
  /** Unknown while the portal settings load (or when they failed): the server still checks. */
  limits: FileLimits | undefined;
}

export function AttachmentPicker({ files, onChange, limits }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const [refused, setRefused] = useState<RefusedFile[]>([]);
  const pick = (input: HTMLInputElement) => {
    const picked = [...(input.files ?? [])];
    const checked = limits ? checkFiles(picked, limits) : { accepted: picked, refused: [] };
    setRefused(checked.refused);
    onChange([...files, ...checked.accepted]);
    input.value = ''; // the same file can be picked again after removing it
  };
  const why = (r: RefusedFile) => (r.reason === 'size'
    ? t('“{{name}}” is {{size}}, larger than the {{limit}} this helpdesk accepts per file. It was not attached.', { name: r.name, size: format.size(r.size), limit: format.size(limits?.max_file_size ?? 0) })
    : t('“{{name}}” is a type of file this helpdesk does not accept ({{type}}). It was not attached.', { name: r.name, type: r.type }));
  const hint = [t('Screenshots, logs or documents (optional).'), limits && t('Up to {{limit}} per file.', { limit: format.size(limits.max_file_size) })].filter(Boolean).join(' ');

  return (
    <div className="attachment-picker">
      <Field id="attachments" label={t('Attachments')} hint={hint}>
        <input type="file" multiple onChange={(e) => pick(e.currentTarget)} />
      </Field>
      <div role="alert" className="refused-files">
        {refused.map((r, i) => <p key={`${r.name}-${i}`} className="field-error">{why(r)}</p>)}
      </div>
      {files.length > 0 && (
        <ul className="chosen-files" aria-label={t('Files to send')}>
          {files.map((f, i) => (
            <li key={`${f.name}-${i}`}>
              <span>{f.name}</span> <span className="size">{format.size(f.size)}</span>
              <button type="button" className="button" aria-label={t('Remove {{name}}', { name: f.name })}
                onClick={() => onChange(files.filter((_, j) => j !== i))}>{t('Remove')}</button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
