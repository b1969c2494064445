import { Alert, Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import type { StaffView } from '@mawaeed/core/contracts/staff';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/loading';
import { Ltr } from '../../components/ltr';
import { usePageTitle } from '../../components/page-title';
import { useLanguage } from '../../i18n/i18n';
import { useAdminCentres } from '../api/centres';
import { useAccounts, useUpdateAccount } from '../api/people';
import { useStaff } from '../api/use-staff';
import { AccountForm } from './account-form';
import { problemText } from './problem-text';
import { ColumnHeads, ScrollRegion } from './scroll-region';

/**
 * Staff accounts: administrators manage everyone; a centre manager the agents and receptionists
 * of their own centres (the server decides; this page shows what it answers).
 */
export function AccountsPage() {
  const { t } = useTranslation('staff');
  const language = useLanguage();
  const me = useStaff();
  const accounts = useAccounts();
  const centres = useAdminCentres();
  const update = useUpdateAccount();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<StaffView | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  usePageTitle(t('people.accounts.title'));
  const centreList = centres.data?.items ?? [];
  const centreNames = (a: StaffView) =>
    a.role === 'administrator'
      ? t('people.accounts.allCentres')
      : a.centreIds
          .map((id) => centreList.find((c) => c.id === id)?.name[language] ?? '…')
          .join(language === 'ar' ? '، ' : ', ');

  const setActive = (a: StaffView, active: boolean) => {
    setNotice(null);
    update.mutate(
      { id: a.id, body: { active } },
      {
        onSuccess: () =>
          setNotice({
            ok: true,
            text: t(active ? 'people.accounts.enabledDone' : 'people.accounts.disabledDone', {
              name: a.name,
            }),
          }),
        onError: (err) =>
          setNotice({
            ok: false,
            text: problemText(err, t, {
              LAST_ADMINISTRATOR: t('people.accounts.lastAdministrator'),
              FORBIDDEN: a.id === me.id ? t('people.accounts.notYourself') : undefined,
            }),
          }),
      },
    );
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1}>{t('people.accounts.title')}</Title>
        {!adding && (
          <Button
            onClick={() => {
              setNotice(null);
              setAdding(true);
            }}
          >
            {t('people.accounts.add')}
          </Button>
        )}
      </Group>
      {notice && (
        <Alert
          color={notice.ok ? 'green' : 'red'}
          role={notice.ok ? 'status' : 'alert'}
          data-testid="accounts-notice"
        >
          {notice.text}
        </Alert>
      )}
      {adding && (
        <section aria-labelledby="new-account">
          <Title order={2} id="new-account" mb="sm">
            {t('people.accounts.addTitle')}
          </Title>
          <AccountForm
            centres={centreList}
            onCancel={() => setAdding(false)}
            onDone={(saved) => {
              setAdding(false);
              setNotice({ ok: true, text: t('people.accounts.created', { name: saved.name }) });
            }}
          />
        </section>
      )}
      {!accounts.data ? (
        <Loading query={accounts} />
      ) : accounts.data.items.length === 0 ? (
        <Text>{t('people.accounts.none')}</Text>
      ) : (
        <ScrollRegion label={t('people.accounts.title')} minWidth={820}>
          <Table data-testid="accounts-table" verticalSpacing="xs">
            <ColumnHeads
              labels={[
                t('people.accounts.name'),
                t('people.accounts.email'),
                t('people.accounts.role'),
                t('people.accounts.centres'),
                t('people.accounts.status'),
                t('people.accounts.actions'),
              ]}
            />
            <Table.Tbody>
              {accounts.data.items.map((a) => (
                <Table.Tr key={a.id} data-testid="account-row">
                  <Table.Th scope="row" fw="normal">
                    {a.name} {a.id === me.id && t('people.accounts.you')}
                  </Table.Th>
                  <Table.Td>
                    <Ltr>{a.email}</Ltr>
                  </Table.Td>
                  <Table.Td>{t(`shell.role.${a.role}`)}</Table.Td>
                  <Table.Td>{centreNames(a)}</Table.Td>
                  <Table.Td>
                    {a.active ? t('people.accounts.active') : t('people.accounts.disabled')}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="outline"
                        aria-label={t('people.accounts.editLabel', { name: a.name })}
                        onClick={() => {
                          setNotice(null);
                          setEditing(a);
                        }}
                      >
                        {t('people.accounts.edit')}
                      </Button>
                      <Button
                        size="xs"
                        variant="outline"
                        color={a.active ? 'red' : undefined}
                        loading={update.isPending && update.variables?.id === a.id}
                        aria-label={t(
                          a.active ? 'people.accounts.disableLabel' : 'people.accounts.enableLabel',
                          {
                            name: a.name,
                          },
                        )}
                        onClick={() => setActive(a, !a.active)}
                      >
                        {a.active ? t('people.accounts.disable') : t('people.accounts.enable')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing ? t('people.accounts.editTitle', { name: editing.name }) : ''}
        size="lg"
        closeButtonProps={{ 'aria-label': t('people.accounts.cancel') }}
      >
        {editing && (
          <AccountForm
            account={editing}
            centres={centreList}
            onCancel={() => setEditing(null)}
            onDone={(saved) => {
              setEditing(null);
              setNotice({ ok: true, text: t('people.accounts.saved', { name: saved.name }) });
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
