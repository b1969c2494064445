import type { ReactNode } from 'react';
import { ChoiceFieldset } from './choice-list';
import classes from './choice-list.module.css';

/**
 * Check boxes as the same large rows as ChoiceList (at least 44 px, the whole row the target),
 * for questions that take several answers ("which centres can you go to?").
 */
export function CheckList({
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
  choices: { value: string; label: ReactNode }[];
  value: readonly string[];
  onChange: (value: string[]) => void;
  error?: string | undefined;
  id?: string;
}) {
  return (
    <ChoiceFieldset name={name} legend={legend} error={error}>
      {choices.map((choice, i) => {
        const inputId = i === 0 && id ? id : `${name}-${choice.value}`;
        const checked = value.includes(choice.value);
        return (
          <div key={choice.value} className={classes.item}>
            <input
              type="checkbox"
              className={classes.radio}
              id={inputId}
              name={name}
              value={choice.value}
              checked={checked}
              onChange={() =>
                onChange(checked ? value.filter((v) => v !== choice.value) : [...value, choice.value])
              }
            />
            <label htmlFor={inputId} className={classes.label}>
              <span className={classes.text}>{choice.label}</span>
            </label>
          </div>
        );
      })}
    </ChoiceFieldset>
  );
}
