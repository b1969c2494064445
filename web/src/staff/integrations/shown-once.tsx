import { Alert, Button, Code, CopyButton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A secret the server shows this once (an API key, a signing secret), with a copy button. */
export function ShownOnce({ title, value, onDone }: { title: string; value: string; onDone: () => void }) {
  const { t } = useTranslation('staff');
  return (
    <Alert variant="default" title={title} role="status" data-testid="shown-once">
      <Stack gap="sm">
        <Text>{t('integrations.once')}</Text>
        <Code block dir="ltr" data-testid="secret">
          {value}
        </Code>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button variant="outline" onClick={copy} style={{ alignSelf: 'flex-start' }}>
              {copied ? t('integrations.copied') : t('integrations.copy')}
            </Button>
          )}
        </CopyButton>
        <Button variant="subtle" onClick={onDone} style={{ alignSelf: 'flex-start' }}>
          {t('integrations.stored')}
        </Button>
      </Stack>
    </Alert>
  );
}
