/**
 * A labelled form control with its hint and its error next to it: the error is tied to the
 * control (aria-describedby, aria-invalid) so screen readers announce it with the field.
 */
import * as Label from '@radix-ui/react-label';
import { cloneElement, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

interface FieldProps {
  id: string;
  label: string;
  /** An English text (translation key), already translated by the caller when it has values. */
  error?: string;
  hint?: string;
  children: ReactElement<Record<string, unknown>>;
}

export function Field({ id, label, error, hint, children }: FieldProps) {
  const { t } = useTranslation();
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <Label.Root htmlFor={id}>{label}</Label.Root>
      {cloneElement(children, { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': described })}
      {hint && <small id={`${id}-hint`} className="hint">{hint}</small>}
      {error && <p id={`${id}-error`} className="field-error">{t(error)}</p>}
    </div>
  );
}
