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
  className?: string;
  /** An English text (translation key), already translated by the caller when it has values; a server's message is shown as it is. */
  error?: string;
  hint?: string;
  children: ReactElement<Record<string, unknown>>;
}

export function Field({ id, label, error, hint, className, children }: FieldProps) {
  const { t, i18n } = useTranslation();
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <Label.Root htmlFor={id}>{label}</Label.Root>
      {cloneElement(children, { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': described })}
      {hint && <small id={`${id}-hint`} className="hint">{hint}</small>}
      {/* Our own messages are translation keys; a message the server wrote is shown as it came. */}
      {error && <p id={`${id}-error`} className="field-error">{i18n.exists(error) ? t(error) : error}</p>}
    </div>
  );
}
