import { Button } from '@mantine/core';
import classes from './resend-button.module.css';

/** "Not received a text message? Send a new code": a quiet button whose long label wraps at 320 px. */
export function ResendButton({
  label,
  onClick,
  disabled,
}: {
  label: string;
  onClick: () => void;
  disabled?: boolean;
}) {
  return (
    <Button
      variant="subtle"
      onClick={onClick}
      disabled={disabled}
      data-testid="resend"
      classNames={{ root: classes.root, inner: classes.inner, label: classes.label }}
    >
      {label}
    </Button>
  );
}
