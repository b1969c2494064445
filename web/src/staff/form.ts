import type { TFunction } from 'i18next';
import type { FieldErrors, FieldValues, Path, UseFormReturn } from 'react-hook-form';
import type { FieldError } from '../components/error-summary';
import { StaffApiError } from './api/http';

/**
 * Form fields are registered under the API's own names and given the same string as their `id`,
 * so a problem's `errors[].path` ("body.name.en") finds its field, and the error summary's link
 * finds its input.
 */
export function fieldId(path: string): string {
  return path;
}

/** Every message react-hook-form holds, flattened, in the order the fields were registered. */
export function fieldErrorList(errors: FieldErrors, prefix = ''): FieldError[] {
  const list: FieldError[] = [];
  for (const [key, value] of Object.entries(errors)) {
    if (!value || key === 'root') continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value.message === 'string' && value.message)
      list.push({ field: fieldId(path), message: value.message });
    else if (typeof value === 'object') list.push(...fieldErrorList(value as FieldErrors, path));
  }
  return list;
}

/** The message react-hook-form holds for one dotted path ("name.en"), if any. */
export function errorAt(errors: FieldErrors, path: string): string | undefined {
  const found = path
    .split('.')
    .reduce<unknown>((e, k) => (e as Record<string, unknown> | undefined)?.[k], errors) as
    | { message?: unknown }
    | undefined;
  return typeof found?.message === 'string' ? found.message : undefined;
}

const TIME_FIELDS = new Set(['open', 'close', 'from', 'to']);

export type ProblemMapping<T extends FieldValues> = {
  /** API paths (after "body.") that a different form field stands for. */
  fields?: Record<string, Path<T>>;
  /** Codes that are about one field (ALREADY_EXISTS on a code), with the message for it. */
  codes?: Record<string, { field: Path<T>; message: string }>;
};

/**
 * Puts a refused change's problem next to the fields it names, translated (the API's own
 * validation messages are English); returns what belongs to no field, for the summary at the top.
 */
export function applyProblem<T extends FieldValues>(
  error: unknown,
  form: UseFormReturn<T>,
  t: TFunction<'staff'>,
  mapping: ProblemMapping<T> = {},
): string | null {
  if (!(error instanceof StaffApiError)) return t('shell.form.failed');
  if (error.status === 0) return t('shell.form.network');
  const byCode = mapping.codes?.[error.code];
  if (byCode) {
    form.setError(byCode.field, { type: 'server', message: byCode.message }, { shouldFocus: true });
    return null;
  }
  const known = new Set(Object.keys(form.getValues()));
  let placed = 0;
  for (const problem of error.errors) {
    const path = problem.path.replace(/^body\.?/, '');
    const field = mapping.fields?.[path] ?? (known.has(path.split('.')[0] ?? '') ? (path as Path<T>) : null);
    if (!field) continue;
    const last = path.split('.').at(-1) ?? '';
    const message = TIME_FIELDS.has(last) ? t('shell.form.time') : t('shell.form.invalid');
    form.setError(field, { type: 'server', message }, { shouldFocus: placed === 0 });
    placed++;
  }
  if (placed > 0) return null;
  if (error.status === 403) return t('shell.form.forbidden');
  return error.detail || t('shell.form.failed');
}
