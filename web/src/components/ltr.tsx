import type { ReactNode } from 'react';

/** An identifier (reference, CPR, phone, time) that reads left to right inside Arabic text too. */
export function Ltr({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <bdi dir="ltr" className={className}>
      {children}
    </bdi>
  );
}
