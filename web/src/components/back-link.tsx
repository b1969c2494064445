import { createContext, type ReactNode, useContext } from 'react';
import { createPortal } from 'react-dom';
import classes from './back-link.module.css';
import { RouterAnchor } from './router-link';

/** Where the back link goes: a slot that the layout puts before `<main>` (GOV.UK's place for it). */
export const BackLinkSlot = createContext<HTMLElement | null>(null);

/** "Back", with an arrow that points the reading way back (mirrored in Arabic). */
export function BackLink({ to, children, search }: { to: string; children: ReactNode; search?: object }) {
  const slot = useContext(BackLinkSlot);
  const link = (
    <RouterAnchor to={to} search={search as never} className={classes.back} data-testid="back-link">
      <span aria-hidden className={classes.arrow}>
        ‹
      </span>
      {children}
    </RouterAnchor>
  );
  return slot ? createPortal(link, slot) : link;
}
