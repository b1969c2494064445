import { Alert, Button, Container, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A board or kiosk not set up yet (or whose token was revoked): an administrator pastes the
 * device token once; it stays in this browser.
 */
export function DeviceSetup({ refused, onToken }: { refused: boolean; onToken: (token: string) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  return (
    <Container size="sm" py="xl" component="main">
      <Stack>
        <Title order={1}>{t('hall.device.title')}</Title>
        {refused && (
          <Alert variant="outline" color="red.9" role="alert">
            {t('hall.device.refused')}
          </Alert>
        )}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (value.trim()) onToken(value.trim());
          }}
        >
          <Stack>
            <TextInput
              label={t('hall.device.token')}
              description={t('hall.device.tokenHint')}
              value={value}
              onChange={(e) => setValue(e.currentTarget.value)}
              dir="ltr"
              autoComplete="off"
              type="password"
            />
            <Button type="submit" w="fit-content">
              {t('hall.device.save')}
            </Button>
          </Stack>
        </form>
      </Stack>
    </Container>
  );
}
