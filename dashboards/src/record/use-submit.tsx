import { useState } from 'react';
import { ApiError } from '../api/client.js';
import { fieldErrors, type FieldErrors } from './forms.js';
import { NotSent } from './outbox.js';

export interface Submission<T> {
  busy: boolean;
  errors: FieldErrors;
  /** The message for the whole form: a refusal, or "not saved yet" with the outbox offering a retry. */
  message: string | null;
  result: T | null;
  run: (action: () => Promise<T>) => Promise<T | null>;
  reset: () => void;
}

/** The state of one form's save: busy, the api's field errors by JSON pointer, the outcome. */
export function useSubmit<T>(): Submission<T> {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [result, setResult] = useState<T | null>(null);
  return {
    busy,
    errors,
    message,
    result,
    reset: () => {
      setErrors({});
      setMessage(null);
      setResult(null);
    },
    run: async (action) => {
      setBusy(true);
      setErrors({});
      setMessage(null);
      setResult(null);
      try {
        const value = await action();
        setResult(value);
        return value;
      } catch (error) {
        if (error instanceof NotSent) setMessage(`Not saved yet — ${error.cause.message} The form is kept on this device: use Retry when the connection is back.`);
        else if (error instanceof ApiError) {
          setErrors(fieldErrors(error));
          setMessage(`${error.title}: ${error.message}${error.errors.length ? ' See the marked fields.' : ''}`);
        } else setMessage(String(error));
        return null;
      } finally {
        setBusy(false);
      }
    },
  };
}

/** The form-level message: an alert for screen readers, styled as an error. */
export function FormMessage({ message }: { message: string | null }) {
  return message ? <p className="state state-error" role="alert" data-form-message>{message}</p> : null;
}

/** Marks the input `id` invalid and links it to its FieldError while the answer has an error at `pointer`. */
export function errorLink(errors: FieldErrors, pointer: string, id: string): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  return errors[pointer] ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {};
}

/** A field error beside its field, linked by aria-describedby (id `${id}-error`). */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? <span id={`${id}-error`} className="field-error" data-error={id}>{message}</span> : null;
}

export function today(): string {
  return new Date().toLocaleDateString('en-CA');
}
