import {
  Alert,
  Button,
  Group,
  NativeSelect,
  Radio,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { CustomerFile, CustomerMatch, FileReason } from '@mawaeed/core/contracts/customer-files';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, type FieldError } from '../../components/error-summary';
import { Ltr } from '../../components/ltr';
import { usePageTitle } from '../../components/page-title';
import { TimeText } from '../../components/time-text';
import { useLanguage } from '../../i18n/i18n';
import { useCustomerSearch, useOpenFile } from '../api/customers';
import { StaffApiError } from '../api/http';
import { normaliseDigits } from '../centres/time-input';
import { problemText } from '../people/problem-text';
import { ColumnHeads, ScrollRegion } from '../people/scroll-region';
import { formatWhen } from '../people/when';
import { CustomerFileView } from './customer-file';

type Key = 'cpr' | 'reference' | 'mobile';
const KEYS: readonly Key[] = ['cpr', 'reference', 'mobile'];
const REASONS: readonly FileReason[] = [
  'counter_enquiry',
  'complaint',
  'data_subject_request',
  'correction',
  'audit',
];

/**
 * Customer files: found only by a search on one key (CPR, booking reference or mobile), and
 * opened only with a reason picked from the list. The server logs every opening with who and
 * why; the key and the file travel in request bodies, never in the address.
 */
export function CustomersPage() {
  const { t } = useTranslation('staff');
  const language = useLanguage();
  const search = useCustomerSearch();
  const open = useOpenFile();
  const [key, setKey] = useState<Key>('cpr');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState<FileReason | ''>('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [file, setFile] = useState<CustomerFile | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  usePageTitle(file ? t('customers.file.title') : t('customers.title'), errors.length > 0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const typed = normaliseDigits(value.trim());
    if (!typed) {
      setErrors([{ field: 'customer-key', message: t(`customers.search.missing.${key}`) }]);
      return;
    }
    setErrors([]);
    search.mutate({ [key]: typed } as never, {
      onError: (err) => {
        if (err instanceof StaffApiError && err.status === 400)
          setErrors([{ field: 'customer-key', message: t(`customers.search.invalid.${key}`) }]);
        else setProblem(problemText(err, t));
      },
    });
  };

  const openFile = (match: CustomerMatch) => {
    setProblem(null);
    if (!reason) {
      setErrors([{ field: 'open-reason', message: t('customers.open.reasonMissing') }]);
      return;
    }
    setErrors([]);
    open.mutate(
      { customerId: match.id, reason },
      { onSuccess: setFile, onError: (err) => setProblem(problemText(err, t)) },
    );
  };

  if (file) {
    return (
      <CustomerFileView
        file={file}
        onClose={() => {
          setFile(null);
          search.reset();
          setValue('');
          setReason('');
        }}
        onChanged={setFile}
      />
    );
  }

  const fieldError = (field: string) => errors.find((e) => e.field === field)?.message;
  const matches = search.data?.items;
  return (
    <Stack gap="md">
      <Title order={1}>{t('customers.title')}</Title>
      <Text>{t('customers.intro')}</Text>
      <ErrorSummary errors={errors} />
      {problem && (
        <Alert color="red.9" variant="outline" role="alert">
          {problem}
        </Alert>
      )}
      <form onSubmit={submit} noValidate aria-label={t('customers.search.title')}>
        <Stack gap="md" maw={560}>
          <Radio.Group
            label={t('customers.search.by')}
            value={key}
            onChange={(v) => {
              setKey(v as Key);
              setErrors([]);
            }}
          >
            <Group mt="xs" gap="lg">
              {KEYS.map((k) => (
                <Radio key={k} value={k} label={t(`customers.search.keys.${k}`)} data-testid={`key-${k}`} />
              ))}
            </Group>
          </Radio.Group>
          <TextInput
            id="customer-key"
            label={t(`customers.search.keys.${key}`)}
            description={t(`customers.search.hints.${key}`)}
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
            error={fieldError('customer-key')}
            autoComplete="off"
            dir="ltr"
            inputMode={key === 'reference' ? 'text' : 'numeric'}
            data-testid="customer-key"
          />
          <Group>
            <Button type="submit" loading={search.isPending} data-testid="customer-search">
              {t('customers.search.submit')}
            </Button>
          </Group>
        </Stack>
      </form>

      {matches && (
        <Stack gap="sm" component="section" aria-labelledby="matches-title">
          <Title order={2} size="h3" id="matches-title">
            {t('customers.search.results', { count: matches.length })}
          </Title>
          {matches.length === 0 ? (
            <Text data-testid="no-match">{t('customers.search.none')}</Text>
          ) : (
            <>
              <NativeSelect
                id="open-reason"
                maw={420}
                label={t('customers.open.reason')}
                description={t('customers.open.reasonHint')}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value as FileReason)}
                error={fieldError('open-reason')}
                data={[
                  { value: '', label: t('customers.open.choose') },
                  ...REASONS.map((r) => ({ value: r, label: t(`customers.reasons.${r}`) })),
                ]}
                data-testid="open-reason"
              />
              <ScrollRegion label={t('customers.search.title')} minWidth={640}>
                <Table verticalSpacing="xs" data-testid="customer-matches">
                  <ColumnHeads
                    labels={[
                      t('customers.file.name'),
                      t('customers.file.cpr'),
                      t('customers.file.mobile'),
                      t('customers.search.lastActivity'),
                      '',
                    ]}
                  />
                  <Table.Tbody>
                    {matches.map((m) => (
                      <Table.Tr key={m.id} data-testid="customer-match">
                        <Table.Td>{m.name}</Table.Td>
                        <Table.Td>
                          <Ltr>{m.cprMasked}</Ltr>
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          <Ltr>{m.mobileMasked}</Ltr>
                        </Table.Td>
                        <Table.Td>
                          {m.lastActivityAt ? (
                            <TimeText>{formatWhen(m.lastActivityAt, language)}</TimeText>
                          ) : (
                            '—'
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Button
                            size="sm"
                            onClick={() => openFile(m)}
                            loading={open.isPending && open.variables?.customerId === m.id}
                            data-testid="open-file"
                          >
                            {t('customers.open.submit')}
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollRegion>
            </>
          )}
        </Stack>
      )}
    </Stack>
  );
}
