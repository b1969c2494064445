import { Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../components/page-title';
import { ApiKeysSection } from './api-keys-section';
import { WebhooksSection } from './webhooks-section';

/**
 * What partner systems may call (API keys) and what they are told (webhooks); administrators
 * only. One tab at a time is in the page, so each form's field ids (the API's names, which the
 * error summary links to) stay unique.
 */
export function IntegrationsPage() {
  const { t } = useTranslation('staff');
  usePageTitle(t('integrations.title'));
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('integrations.title')}</Title>
        <Text>{t('integrations.intro')}</Text>
      </Stack>
      <Tabs defaultValue="keys" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="keys">{t('integrations.keys.title')}</Tabs.Tab>
          <Tabs.Tab value="webhooks">{t('integrations.hooks.title')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="keys" pt="lg">
          <ApiKeysSection />
        </Tabs.Panel>
        <Tabs.Panel value="webhooks" pt="lg">
          <WebhooksSection />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
