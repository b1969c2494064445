import { useNavigate, useSearch } from '@tanstack/react-router';
import { useSettings } from '../catalogue/use-catalogue';
import { type Answers, firstMissingStep, useAnswers } from './wizard-store';

export const STEPS = [
  '/book/service',
  '/book/centre',
  '/book/date',
  '/book/time',
  '/book/details',
  '/book/verify',
  '/book/check',
] as const;
export type StepPath = (typeof STEPS)[number];

/**
 * A step's answers, where it must send the person if an earlier answer is missing (an old tab,
 * a bookmarked step), and where Continue goes: on, or back to check-your-answers after a change.
 */
export function useStep(step: StepPath) {
  const answers = useAnswers();
  const settings = useSettings();
  const otp = settings.data?.otp ?? false;
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as { from?: string };
  const fromCheck = search.from === 'check';
  const missing = firstMissingStep(answers, otp);
  const redirect =
    missing && STEPS.indexOf(missing as StepPath) < STEPS.indexOf(step) ? (missing as StepPath) : null;

  const next = (after: Answers, natural: StepPath) => {
    const gap = firstMissingStep(after, otp) as StepPath | null;
    if (fromCheck) {
      void navigate({ to: gap ?? '/book/check', search: (gap ? { from: 'check' } : {}) as never });
    } else {
      void navigate({ to: natural === '/book/verify' && !otp ? '/book/check' : natural });
    }
  };
  const back = (natural: string): string => (fromCheck ? '/book/check' : natural);
  return { answers, otp, settings, redirect, next, back, fromCheck };
}
