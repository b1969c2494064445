import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { formatReference } from '@mawaeed/core/booking/reference';
import type { ConsentKind, CustomerFile } from '@mawaeed/core/contracts/customer-files';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Ltr } from '../../components/ltr';
import { TimeText } from '../../components/time-text';
import { useCentreDetails, useServices } from '../../features/catalogue/use-catalogue';
import { useLanguage } from '../../i18n/i18n';
import { formatDate, formatTime, localDateOf } from '../../lib/format';
import {
  useAccessLog,
  useAddCustomerNote,
  useEraseFile,
  useExportFile,
  useSetConsent,
} from '../api/customers';
import { useStaff } from '../api/use-staff';
import { problemText } from '../people/problem-text';
import { ColumnHeads, ScrollRegion } from '../people/scroll-region';
import { formatWhen } from '../people/when';

/**
 * One opened customer file: contact and consents, no-show standing, bookings, visits, messages
 * (kind and outcome, never their text), feedback and follow-ups, staff notes. Comments and notes
 * are shown as text. Administrators also see who opened the file, and can export or erase it.
 */
export function CustomerFileView({
  file,
  onClose,
  onChanged,
}: {
  file: CustomerFile;
  onClose: () => void;
  onChanged: (file: CustomerFile) => void;
}) {
  const { t, i18n } = useTranslation('staff');
  const language = useLanguage();
  const me = useStaff();
  const isAdmin = me.role === 'administrator';
  const services = useServices();
  const centreIds = [...new Set([...file.bookings, ...file.visits].map((x) => x.centreId))];
  const centres = useCentreDetails(centreIds);
  const serviceName = (id: string) => services.data?.find((s) => s.id === id)?.name[language] ?? '—';
  const centreName = (id: string) => centres.find((c) => c.data?.id === id)?.data?.name[language] ?? '—';
  const when = (at: string | null) => (at ? <TimeText>{formatWhen(at, language)}</TimeText> : '—');
  // Appointments and arrivals read in their centre's time, as the person was told them.
  const atCentre = (at: string, centreId: string) => {
    const zone = centres.find((q) => q.data?.id === centreId)?.data?.timeZone;
    if (!zone) return when(at);
    return (
      <TimeText>{`${formatDate(localDateOf(at, zone), language)}, ${formatTime(at, zone, language)}`}</TimeText>
    );
  };
  const label = (path: string, fallback: string) =>
    i18n.exists(path, { ns: 'staff' }) ? t(path as 'customers.title') : fallback;
  const c = file.contact;
  const noShows = file.noShows;
  const over = noShows.count >= noShows.limit;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center">
        <Title order={1}>{t('customers.file.title')}</Title>
        <Button variant="outline" onClick={onClose} data-testid="close-file">
          {t('customers.file.close')}
        </Button>
      </Group>
      <Text size="sm">{t('customers.file.logged')}</Text>
      {file.anonymisedAt && (
        <Alert color="blue.9" variant="outline" data-testid="file-anonymised">
          {t('customers.file.anonymised', { when: formatWhen(file.anonymisedAt, language) })}
        </Alert>
      )}

      <Card withBorder padding="lg" component="section" aria-labelledby="contact-title">
        <Title order={2} size="h3" id="contact-title">
          {t('customers.file.contact')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm" spacing="xs">
          <Field label={t('customers.file.name')}>
            <span data-testid="file-name">{c.name}</span>
          </Field>
          <Field label={t('customers.file.cpr')}>
            <Ltr>
              <span data-testid="file-cpr">{c.cpr}</span>
            </Ltr>
          </Field>
          <Field label={t('customers.file.mobile')}>
            <Ltr>{c.mobileMasked}</Ltr>
          </Field>
          <Field label={t('customers.file.email')}>{c.email ? <Ltr>{c.email}</Ltr> : '—'}</Field>
          <Field label={t('customers.file.language')}>{t(`customers.languages.${c.language}`)}</Field>
          <Field label={t('customers.file.since')}>{when(file.createdAt)}</Field>
        </SimpleGrid>
      </Card>

      <Card withBorder padding="lg" component="section" aria-labelledby="no-shows-title">
        <Title order={2} size="h3" id="no-shows-title">
          {t('customers.noShows.title')}
        </Title>
        <Text mt="sm" data-testid="file-no-shows">
          {t('customers.noShows.count', {
            count: noShows.count,
            limit: noShows.limit,
            days: noShows.windowDays,
          })}
        </Text>
        {over && noShows.policy !== 'off' && (
          <Alert mt="sm" color={noShows.policy === 'block' ? 'red.9' : 'orange.9'} variant="outline">
            {t(`customers.noShows.${noShows.policy}`, {
              until: noShows.limitLiftsAt ? formatWhen(noShows.limitLiftsAt, language) : '—',
            })}
          </Alert>
        )}
      </Card>

      <Consents file={file} onChanged={(consents) => onChanged({ ...file, consents })} />

      <Notes file={file} onChanged={(notes) => onChanged({ ...file, notes })} />

      <Section id="bookings" title={t('customers.bookings.title')} empty={file.bookings.length === 0}>
        <ScrollRegion label={t('customers.bookings.title')} minWidth={760}>
          <Table verticalSpacing="xs" data-testid="file-bookings">
            <ColumnHeads
              labels={[
                t('customers.bookings.reference'),
                t('customers.bookings.when'),
                t('customers.bookings.service'),
                t('customers.bookings.centre'),
                t('customers.bookings.status'),
              ]}
            />
            <Table.Tbody>
              {file.bookings.map((b) => (
                <Table.Tr key={b.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Ltr>{formatReference(b.reference)}</Ltr>
                  </Table.Td>
                  <Table.Td>{atCentre(b.start, b.centreId)}</Table.Td>
                  <Table.Td>{serviceName(b.serviceId)}</Table.Td>
                  <Table.Td>{centreName(b.centreId)}</Table.Td>
                  <Table.Td>{label(`customers.bookings.statuses.${b.status}`, b.status)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      </Section>

      <Section id="visits" title={t('customers.visits.title')} empty={file.visits.length === 0}>
        <ScrollRegion label={t('customers.visits.title')} minWidth={760}>
          <Table verticalSpacing="xs" data-testid="file-visits">
            <ColumnHeads
              labels={[
                t('customers.visits.ticket'),
                t('customers.visits.arrived'),
                t('customers.visits.service'),
                t('customers.visits.waited'),
                t('customers.visits.outcome'),
              ]}
            />
            <Table.Tbody>
              {file.visits.map((v) => (
                <Table.Tr key={v.ticketId}>
                  <Table.Td>
                    <Ltr>{v.number}</Ltr>
                  </Table.Td>
                  <Table.Td>{atCentre(v.issuedAt, v.centreId)}</Table.Td>
                  <Table.Td>{serviceName(v.serviceId)}</Table.Td>
                  <Table.Td>
                    {v.waitingMinutes === null
                      ? '—'
                      : t('customers.visits.minutes', { count: Math.round(v.waitingMinutes) })}
                  </Table.Td>
                  <Table.Td>{label(`customers.visits.statuses.${v.status}`, v.status)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      </Section>

      <Section id="feedback" title={t('customers.feedback.title')} empty={file.feedback.length === 0}>
        <Stack gap="sm" data-testid="file-feedback">
          {file.feedback.map((f) => {
            const followUp = file.followUps.find((u) => u.feedbackId === f.id);
            return (
              <Card key={f.id} withBorder padding="sm">
                <Text size="sm">
                  {when(f.visitedAt)} · {serviceName(f.serviceId)}
                </Text>
                <Text mt={4}>
                  {t('customers.feedback.scores', {
                    performance: f.performance,
                    organisation: f.organisation,
                    quality: f.quality,
                  })}
                </Text>
                {f.comment && (
                  <Text mt={4} style={{ whiteSpace: 'pre-wrap' }} data-testid="file-feedback-comment">
                    {f.comment}
                  </Text>
                )}
                {followUp && (
                  <Badge mt="xs" color={followUp.status === 'open' ? 'red.9' : 'teal.9'}>
                    {t(`customers.feedback.followUp.${followUp.status}`)}
                  </Badge>
                )}
              </Card>
            );
          })}
        </Stack>
      </Section>

      <Section id="messages" title={t('customers.messages.title')} empty={file.messages.length === 0}>
        <ScrollRegion label={t('customers.messages.title')} minWidth={560}>
          <Table verticalSpacing="xs" data-testid="file-messages">
            <ColumnHeads
              labels={[
                t('customers.messages.created'),
                t('customers.messages.kind'),
                t('customers.messages.channel'),
                t('customers.messages.status'),
              ]}
            />
            <Table.Tbody>
              {file.messages.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>{when(m.createdAt)}</Table.Td>
                  <Table.Td>{label(`people.messages.kinds.${m.kind}`, m.kind)}</Table.Td>
                  <Table.Td>{t(`people.messages.channels.${m.channel}`)}</Table.Td>
                  <Table.Td>{t(`people.messages.statuses.${m.status}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      </Section>

      {isAdmin && <AdminActions file={file} onErased={onChanged} />}
    </Stack>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed" component="div">
        {label}
      </Text>
      <Text component="div">{children}</Text>
    </div>
  );
}

function Section({
  id,
  title,
  empty,
  children,
}: {
  id: string;
  title: string;
  empty: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation('staff');
  return (
    <Stack gap="xs" component="section" aria-labelledby={`${id}-title`}>
      <Title order={2} size="h3" id={`${id}-title`}>
        {title}
      </Title>
      {empty ? <Text>{t('customers.file.nothing')}</Text> : children}
    </Stack>
  );
}

const CONSENTS: readonly ConsentKind[] = ['sms_reminders', 'email', 'feedback_invitations'];

function Consents({
  file,
  onChanged,
}: {
  file: CustomerFile;
  onChanged: (consents: CustomerFile['consents']) => void;
}) {
  const { t } = useTranslation('staff');
  const language = useLanguage();
  const set = useSetConsent(file.id);
  const [problem, setProblem] = useState<string | null>(null);
  const change = (kind: ConsentKind, state: 'given' | 'withdrawn') => {
    setProblem(null);
    set.mutate({ kind, state }, { onSuccess: onChanged, onError: (err) => setProblem(problemText(err, t)) });
  };
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="consents-title">
      <Title order={2} size="h3" id="consents-title">
        {t('customers.consents.title')}
      </Title>
      {problem && (
        <Alert mt="sm" color="red.9" variant="outline" role="alert">
          {problem}
        </Alert>
      )}
      <Stack gap="sm" mt="sm" data-testid="file-consents">
        {CONSENTS.map((kind) => {
          const current = file.consents.current.find((x) => x.kind === kind);
          const given = current?.state !== 'withdrawn';
          return (
            <Group key={kind} justify="space-between" wrap="wrap" data-testid={`consent-${kind}`}>
              <div>
                <Text fw={600}>{t(`customers.consents.kinds.${kind}`)}</Text>
                <Text size="sm" data-testid="consent-state">
                  {current?.at
                    ? t(`customers.consents.${given ? 'givenVia' : 'withdrawnVia'}`, {
                        when: formatWhen(current.at, language),
                        channel: t(`customers.consents.channels.${current.channel ?? 'booking'}`),
                      })
                    : t('customers.consents.byDefault')}
                </Text>
              </div>
              <Button
                variant="outline"
                size="sm"
                loading={set.isPending && set.variables?.kind === kind}
                onClick={() => change(kind, given ? 'withdrawn' : 'given')}
              >
                {t(given ? 'customers.consents.withdraw' : 'customers.consents.give')}
              </Button>
            </Group>
          );
        })}
      </Stack>
    </Card>
  );
}

function Notes({
  file,
  onChanged,
}: {
  file: CustomerFile;
  onChanged: (notes: CustomerFile['notes']) => void;
}) {
  const { t } = useTranslation('staff');
  const language = useLanguage();
  const add = useAddCustomerNote(file.id);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = () => {
    if (!text.trim()) {
      setError(t('customers.notes.missing'));
      return;
    }
    setError(null);
    add.mutate(text.trim(), {
      onSuccess: (note) => {
        onChanged([note, ...file.notes]);
        setText('');
      },
      onError: (err) => setError(problemText(err, t)),
    });
  };
  return (
    <Stack gap="xs" component="section" aria-labelledby="notes-title">
      <Title order={2} size="h3" id="notes-title">
        {t('customers.notes.title')}
      </Title>
      {file.notes.length === 0 ? (
        <Text>{t('customers.file.nothing')}</Text>
      ) : (
        <Stack gap="xs" data-testid="file-notes">
          {file.notes.map((n) => (
            <Card key={n.id} withBorder padding="sm">
              <Text size="sm">{formatWhen(n.createdAt, language)}</Text>
              <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="file-note">
                {n.text}
              </Text>
            </Card>
          ))}
        </Stack>
      )}
      <Textarea
        id="customer-note-text"
        label={t('customers.notes.add')}
        description={t('customers.notes.hint')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        error={error}
        maxLength={2000}
        autosize
        minRows={2}
        maw={640}
        data-testid="customer-note-text"
      />
      <Group>
        <Button onClick={save} loading={add.isPending} data-testid="save-customer-note">
          {t('customers.notes.save')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Administrators: who opened the file, and the data-subject requests (export, erase). */
function AdminActions({ file, onErased }: { file: CustomerFile; onErased: (file: CustomerFile) => void }) {
  const { t } = useTranslation('staff');
  const language = useLanguage();
  const [showLog, setShowLog] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const log = useAccessLog(file.id, showLog);
  const exportFile = useExportFile(file.id);
  const erase = useEraseFile(file.id);

  const confirmErase = () =>
    erase.mutate(undefined, {
      onSuccess: (erased) => {
        setConfirming(false);
        onErased({
          ...file,
          anonymisedAt: erased.anonymisedAt,
          contact: { ...file.contact, name: '—', cpr: '—', mobileMasked: '—', email: null },
          notes: [],
          feedback: file.feedback.map((f) => ({ ...f, comment: null })),
        });
      },
      onError: (err) => {
        setConfirming(false);
        setProblem(problemText(err, t));
      },
    });

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="requests-title">
      <Title order={2} size="h3" id="requests-title">
        {t('customers.admin.title')}
      </Title>
      <Text mt="xs">{t('customers.admin.intro')}</Text>
      {problem && (
        <Alert mt="sm" color="red.9" variant="outline" role="alert">
          {problem}
        </Alert>
      )}
      <Group mt="sm">
        <Button
          variant="outline"
          onClick={() => {
            setShowLog(true);
            void log.refresh();
          }}
          data-testid="show-access-log"
        >
          {t('customers.admin.accessLog')}
        </Button>
        <Button
          variant="outline"
          loading={exportFile.isPending}
          onClick={() => exportFile.mutate(undefined, { onError: (err) => setProblem(problemText(err, t)) })}
          data-testid="export-file"
        >
          {t('customers.admin.export')}
        </Button>
        <Button
          color="red.9"
          disabled={Boolean(file.anonymisedAt)}
          onClick={() => setConfirming(true)}
          data-testid="erase-file"
        >
          {t('customers.admin.erase')}
        </Button>
      </Group>
      {showLog && log.query.data && (
        <ScrollRegion label={t('customers.admin.accessLog')} minWidth={480}>
          <Table mt="sm" verticalSpacing="xs" data-testid="access-log">
            <ColumnHeads
              labels={[
                t('customers.admin.openedAt'),
                t('customers.admin.openedBy'),
                t('customers.open.reason'),
              ]}
            />
            <Table.Tbody>
              {log.query.data.items.map((a) => (
                <Table.Tr key={a.id} data-testid="access-row">
                  <Table.Td>
                    <TimeText>{formatWhen(a.at, language)}</TimeText>
                  </Table.Td>
                  <Table.Td>{a.staffName ?? '—'}</Table.Td>
                  <Table.Td>{t(`customers.reasons.${a.reason}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('customers.admin.eraseTitle')}>
        <Stack gap="md">
          <Text>{t('customers.admin.eraseIntro')}</Text>
          <Group>
            <Button
              color="red.9"
              loading={erase.isPending}
              onClick={confirmErase}
              data-testid="confirm-erase"
            >
              {t('customers.admin.eraseConfirm')}
            </Button>
            <Button variant="subtle" onClick={() => setConfirming(false)}>
              {t('shell.form.cancel')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
