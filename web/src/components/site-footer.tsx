import { Container, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RouterAnchor } from './router-link';
import classes from './site-header.module.css';

/**
 * Help in the same place on every page (WCAG 3.2.6 Consistent Help), and the developer inbox
 * where the server has one.
 */
export function SiteFooter({ devInbox = false }: { devInbox?: boolean }) {
  const { t } = useTranslation();
  return (
    <footer className={classes.footer}>
      <Container size="lg" py="md">
        <Group gap="lg" wrap="wrap">
          <RouterAnchor to="/manage">{t('footer.manage')}</RouterAnchor>
          <RouterAnchor to="/centres">{t('footer.centres')}</RouterAnchor>
          <RouterAnchor to="/transparency">{t('transparency.title')}</RouterAnchor>
          <Text>{t('footer.help')}</Text>
          {devInbox && (
            <RouterAnchor to="/dev/inbox" data-testid="dev-inbox-link">
              {t('devInbox.footerLink')}
            </RouterAnchor>
          )}
        </Group>
      </Container>
    </footer>
  );
}
