import { Container, Group } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './language-switch';
import classes from './site-header.module.css';

export const MAIN_CONTENT_ID = 'main-content';

/** The band on every page: a skip link, the service's name (home) and the language switch. */
export function SiteHeader() {
  const { t } = useTranslation();
  return (
    <header className={classes.header}>
      <a className={classes.skipLink} href={`#${MAIN_CONTENT_ID}`}>
        {t('app.skipToContent')}
      </a>
      <Container size="lg" py="sm">
        <Group justify="space-between" wrap="nowrap">
          <Link to="/" className={classes.brand}>
            {t('app.name')}
          </Link>
          <LanguageSwitch />
        </Group>
      </Container>
    </header>
  );
}
