import './staff.css';
import { Button, Container, Group, Stack, Text } from '@mantine/core';
import { Link, Navigate, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../components/language-switch';
import { Loading } from '../components/loading';
import headerClasses from '../components/site-header.module.css';
import { onUnauthorised } from './api/http';
import { useSignOut, useStaffSession } from './api/session';
import { navFor } from './nav';
import classes from './shell.module.css';

const MAIN_ID = 'staff-main';

/** The signed-in staff layout: who is signed in, the menu for their role, sign-out, the page. */
export function StaffShell() {
  const { t } = useTranslation('staff');
  const session = useStaffSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const href = useRouterState({ select: (s) => s.location.href });

  // While the router is already on its way to sign-in, this layout is still mounted for a moment:
  // sending it there again (with sign-in as the place to return to) would loop.
  const leaving = href.startsWith('/staff/sign-in');

  // A call that answers 401 means the session ended (timeout, sign-out elsewhere, account disabled).
  useEffect(
    () =>
      onUnauthorised(() => {
        if (!leaving)
          void navigate({ to: '/staff/sign-in', search: { redirect: href, expired: true } as never });
      }),
    [navigate, href, leaving],
  );

  if (session.isPending || session.isError) return <Loading query={session} />;
  if (!session.data) {
    return leaving ? null : <Navigate to="/staff/sign-in" search={{ redirect: href } as never} />;
  }
  const { staff } = session.data;

  return (
    <>
      <header className={classes.header}>
        <a className={headerClasses.skipLink} href={`#${MAIN_ID}`}>
          {t('shell.skipToContent')}
        </a>
        <Container size="xl" py="sm">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Link to="/staff" className={classes.brand}>
              {t('shell.brand')}
            </Link>
            <Group gap="sm" wrap="wrap">
              <Text className={classes.who} data-testid="signed-in-as">
                {t('shell.signedInAs', { name: staff.name })} · {t(`shell.role.${staff.role}`)}
              </Text>
              <LanguageSwitch />
              <Button
                variant="subtle"
                loading={signOut.isPending}
                onClick={() =>
                  signOut.mutate(undefined, {
                    onSettled: () => void navigate({ to: '/staff/sign-in', search: {} }),
                  })
                }
              >
                {t('shell.signOut')}
              </Button>
            </Group>
          </Group>
        </Container>
      </header>
      <Container size="xl" py="md" className={classes.body}>
        <nav className={classes.nav} aria-label={t('shell.navLabel')}>
          <ul className={classes.navList}>
            {navFor(staff.role).map((item) => (
              <li key={item.to}>
                <Link
                  to={item.to}
                  className={classes.navLink}
                  activeOptions={{ exact: item.to === '/staff' }}
                  activeProps={{ 'aria-current': 'page' }}
                >
                  {t(item.labelKey)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <main id={MAIN_ID} tabIndex={-1} className={classes.main}>
          <Stack gap="lg">
            <Outlet />
          </Stack>
        </main>
      </Container>
    </>
  );
}
