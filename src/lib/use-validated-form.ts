import { type ChangeEvent, type FormEvent, useState } from "react";
import type * as z from "zod/mini";
import { fieldErrorsOf } from "@/lib/form-errors";

/**
 * State for a form of text fields checked by a zod schema. Errors appear on submit, then follow
 * each keystroke so they clear as soon as the input is fixed; the first invalid field gets focus.
 */
export function useValidatedForm<Field extends string, Output>(
  schema: z.ZodMiniType<Output>,
  initialValues: Record<Field, string>,
) {
  const [values, setValues] = useState(initialValues);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [submitted, setSubmitted] = useState(false);

  const errorsFor = (candidate: Record<Field, string>) => {
    const result = schema.safeParse(candidate);
    return result.success ? {} : (fieldErrorsOf(result.error) as Partial<Record<Field, string>>);
  };

  const setValue = (field: Field, value: string) => {
    const next = { ...values, [field]: value };
    setValues(next);
    if (submitted) setErrors(errorsFor(next));
  };

  const handleSubmit = (onValid: (data: Output) => void) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    const result = schema.safeParse(values);
    if (!result.success) {
      const found = fieldErrorsOf(result.error) as Partial<Record<Field, string>>;
      setErrors(found);
      const firstInvalid = (Object.keys(initialValues) as Field[]).find((field) => found[field]);
      const input = firstInvalid ? event.currentTarget.elements.namedItem(firstInvalid) : null;
      if (input instanceof HTMLElement) input.focus();
      return;
    }
    setErrors({});
    onValid(result.data);
  };

  /** Props for a TextField bound to `field`. */
  const field = (name: Field) => ({
    name,
    value: values[name],
    error: errors[name],
    onChange: (event: ChangeEvent<HTMLInputElement>) => setValue(name, event.target.value),
  });

  return { values, errors, setErrors, field, handleSubmit };
}
