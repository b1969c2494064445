import {
  Anchor,
  Button,
  Code,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { AuditEntry } from '@mawaeed/core/contracts/audit';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/error-summary';
import { Loading } from '../../components/loading';
import { Ltr } from '../../components/ltr';
import { usePageTitle } from '../../components/page-title';
import { TimeText } from '../../components/time-text';
import { useLanguage } from '../../i18n/i18n';
import { useAdminCentres } from '../api/centres';
import { AUDIT_PAGE_SIZE, type AuditFilter, auditCsvUrl, useAccounts, useAudit } from '../api/people';
import { normaliseDigits } from '../centres/time-input';
import people from '../i18n/people';
import { ColumnHeads, ScrollRegion } from './scroll-region';
import { formatWhen } from './when';

const ENTITIES = Object.keys(people.en.audit.entities);
const EMPTY: Required<AuditFilter> = {
  from: '',
  to: '',
  actorId: '',
  entity: '',
  entityId: '',
  centreId: '',
};

/** Only the filters that are set. */
function compact(filter: AuditFilter): AuditFilter {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v)) as AuditFilter;
}

/** The audit log: search by dates, who, what and where, page through it, take it away as CSV. */
export function AuditPage() {
  const { t, i18n } = useTranslation('staff');
  const language = useLanguage();
  const [draft, setDraft] = useState(EMPTY);
  const [filter, setFilter] = useState<AuditFilter>({});
  const [page, setPage] = useState(1);
  const [rangeError, setRangeError] = useState(false);
  const audit = useAudit(filter, page);
  const accounts = useAccounts();
  const centres = useAdminCentres();
  usePageTitle(t('people.audit.title'), rangeError);
  const accountList = accounts.data?.items ?? [];
  const centreList = centres.data?.items ?? [];
  const pages = Math.max(1, Math.ceil((audit.data?.total ?? 0) / AUDIT_PAGE_SIZE));

  const search = (event: FormEvent) => {
    event.preventDefault();
    const next = compact({
      ...draft,
      from: normaliseDigits(draft.from),
      to: normaliseDigits(draft.to),
      entityId: normaliseDigits(draft.entityId.trim()),
    });
    const badRange = Boolean(next.from && next.to && next.from > next.to);
    setRangeError(badRange);
    if (badRange) return;
    setFilter(next);
    setPage(1);
  };
  const set = (key: keyof AuditFilter) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setDraft((d) => ({ ...d, [key]: value }));
  };

  const label = (group: 'entities' | 'actions' | 'actorKinds', key: string) =>
    i18n.exists(`people.audit.${group}.${key}`, { ns: 'staff' })
      ? t(`people.audit.${group}.${key}` as 'people.audit.entities.staff')
      : key;
  const actorOf = (e: AuditEntry) => {
    const named = e.actorId ? accountList.find((a) => a.id === e.actorId) : undefined;
    if (named) return named.name;
    return label('actorKinds', e.actorKind);
  };
  const centreOf = (id: string | null) =>
    id ? (centreList.find((c) => c.id === id)?.name[language] ?? '…') : '—';

  return (
    <Stack gap="md">
      <Title order={1}>{t('people.audit.title')}</Title>
      <Text>{t('people.audit.intro')}</Text>
      <ErrorSummary
        errors={rangeError ? [{ field: 'audit-to', message: t('people.audit.rangeOrder') }] : []}
      />
      <form onSubmit={search} noValidate aria-label={t('people.audit.search')}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
          <TextInput
            id="audit-from"
            type="date"
            label={t('people.audit.from')}
            description={t('people.audit.datesHint')}
            value={draft.from}
            onChange={set('from')}
          />
          <TextInput
            id="audit-to"
            type="date"
            label={t('people.audit.to')}
            description={t('people.audit.datesHint')}
            value={draft.to}
            onChange={set('to')}
            error={rangeError ? t('people.audit.rangeOrder') : undefined}
          />
          <NativeSelect
            id="audit-actor"
            label={t('people.audit.actor')}
            value={draft.actorId}
            onChange={set('actorId')}
            data={[
              { value: '', label: t('people.audit.anyone') },
              ...accountList.map((a) => ({ value: a.id, label: a.name })),
            ]}
          />
          <NativeSelect
            id="audit-entity"
            label={t('people.audit.kind')}
            value={draft.entity}
            onChange={set('entity')}
            data={[
              { value: '', label: t('people.audit.anything') },
              ...ENTITIES.map((e) => ({ value: e, label: label('entities', e) })),
            ]}
          />
          <NativeSelect
            id="audit-centre"
            label={t('people.centre')}
            value={draft.centreId}
            onChange={set('centreId')}
            data={[
              { value: '', label: t('people.all') },
              ...centreList.map((c) => ({ value: c.id, label: c.name[language] })),
            ]}
          />
          <TextInput
            id="audit-object"
            dir="ltr"
            label={t('people.audit.object')}
            value={draft.entityId}
            onChange={set('entityId')}
          />
        </SimpleGrid>
        <Group mt="md">
          <Button type="submit">{t('people.audit.search')}</Button>
          <Button
            variant="default"
            onClick={() => {
              setDraft(EMPTY);
              setFilter({});
              setPage(1);
              setRangeError(false);
            }}
          >
            {t('people.audit.clear')}
          </Button>
          <Anchor href={auditCsvUrl(filter)} download="mawaeed-audit.csv" data-testid="audit-csv">
            {t('people.audit.export')}
          </Anchor>
        </Group>
      </form>
      {!audit.data ? (
        <Loading query={audit} />
      ) : audit.data.items.length === 0 ? (
        <Text role="status">{t('people.audit.none')}</Text>
      ) : (
        <>
          <ScrollRegion label={t('people.audit.title')} minWidth={900}>
            <Table data-testid="audit-table" verticalSpacing="xs">
              <ColumnHeads
                labels={[
                  t('people.audit.at'),
                  t('people.audit.actor'),
                  t('people.audit.action'),
                  t('people.audit.kind'),
                  t('people.centre'),
                  t('people.audit.object'),
                  t('people.audit.details'),
                ]}
              />
              <Table.Tbody>
                {audit.data.items.map((e) => (
                  <Table.Tr key={e.id} data-testid="audit-row">
                    <Table.Td>
                      <TimeText>{formatWhen(e.at, language)}</TimeText>
                    </Table.Td>
                    <Table.Td>{actorOf(e)}</Table.Td>
                    <Table.Td>{label('actions', e.action)}</Table.Td>
                    <Table.Td>{label('entities', e.entity)}</Table.Td>
                    <Table.Td>{centreOf(e.centreId)}</Table.Td>
                    <Table.Td>
                      <Ltr>{e.entityId}</Ltr>
                    </Table.Td>
                    <Table.Td>
                      <details>
                        <summary>{t('people.audit.show')}</summary>
                        <Code
                          block
                          dir="ltr"
                          maw={420}
                          style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
                        >
                          {JSON.stringify({ before: e.before, after: e.after }, null, 1)}
                        </Code>
                      </details>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
          <Stack gap="xs" role="navigation" aria-label={t('people.audit.pages')}>
            <Text aria-live="polite">{t('people.audit.page', { page, pages, total: audit.data.total })}</Text>
            <Group gap="sm">
              <Button variant="default" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
                {t('people.audit.previous')}
              </Button>
              <Button variant="default" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
                {t('people.audit.next')}
              </Button>
            </Group>
          </Stack>
        </>
      )}
    </Stack>
  );
}
