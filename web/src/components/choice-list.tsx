import type { ReactNode } from 'react';
import classes from './choice-list.module.css';

export type Choice = {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
  disabled?: boolean;
  testId?: string;
};

/**
 * Radio buttons as large rows (at least 44 px, WCAG 2.5.8 asks 24): arrow keys move between them,
 * disabled ones stay in view with their reason. The legend is the page's question when `asHeading`.
 */
export function ChoiceList({
  name,
  legend,
  choices,
  value,
  onChange,
  error,
  id,
}: {
  name: string;
  legend: ReactNode;
  choices: Choice[];
  value: string | undefined;
  onChange: (value: string) => void;
  error?: string;
  id?: string;
}) {
  return (
    <ChoiceFieldset name={name} legend={legend} error={error}>
      {choices.map((choice, i) => {
        const inputId = i === 0 && id ? id : `${name}-${choice.value}`;
        const hintId = choice.hint ? `${inputId}-hint` : undefined;
        return (
          <div key={choice.value} className={classes.item} data-disabled={choice.disabled || undefined}>
            <input
              type="radio"
              className={classes.radio}
              id={inputId}
              name={name}
              value={choice.value}
              checked={value === choice.value}
              disabled={choice.disabled}
              aria-describedby={hintId}
              onChange={() => onChange(choice.value)}
              data-testid={choice.testId}
            />
            <label htmlFor={inputId} className={classes.label}>
              <span className={classes.text}>{choice.label}</span>
              {choice.hint && (
                <span id={hintId} className={classes.hint}>
                  {choice.hint}
                </span>
              )}
            </label>
          </div>
        );
      })}
    </ChoiceFieldset>
  );
}

/** The fieldset of a list of large rows: the question as legend, its error, the rows. */
export function ChoiceFieldset({
  name,
  legend,
  error,
  children,
}: {
  name: string;
  legend: ReactNode;
  error?: string | undefined;
  children: ReactNode;
}) {
  const errorId = `${name}-error`;
  return (
    <fieldset className={classes.fieldset} aria-describedby={error ? errorId : undefined}>
      <legend className={classes.legend}>{legend}</legend>
      {error && (
        <p id={errorId} className={classes.error}>
          {error}
        </p>
      )}
      <div className={classes.list} data-error={error ? true : undefined}>
        {children}
      </div>
    </fieldset>
  );
}
