import { Anchor, Card, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Centre } from '../../api/catalogue';
import { currentLanguage } from '../../i18n/i18n';
import { pickText } from '../../lib/language';

/** One centre: its name, address and phone, in the page's language. */
export function CentreCard({ centre }: { centre: Centre }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.resolvedLanguage);
  return (
    <Card component="li" withBorder radius="md" padding="lg">
      <Title order={3} size="h4" mb="xs">
        {pickText(centre.name, language)}
      </Title>
      <Text>
        <span>{t('centres.address')}: </span>
        {pickText(centre.address, language)}
      </Text>
      <Text>
        <span>{t('centres.phone')}: </span>
        {/* A phone number reads left to right in Arabic too; dir isolates it from the label. */}
        <Anchor href={`tel:${centre.phone.replace(/[^\d+]/g, '')}`} dir="ltr">
          {centre.phone}
        </Anchor>
      </Text>
    </Card>
  );
}
