import '../../features/hall/hall.css';
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import type { OwnConsentSet } from '@mawaeed/core/contracts/customer-files';
import type { CounterConsole, FinishedTicket } from '@mawaeed/core/contracts/hall';
import { useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/loading';
import { Ltr } from '../../components/ltr';
import { usePageTitle } from '../../components/page-title';
import { RouterAnchor } from '../../components/router-link';
import { QrCode } from '../../features/booking/qr-code';
import { useCentre, useServices } from '../../features/catalogue/use-catalogue';
import { useHallStream } from '../../features/hall/use-hall-stream';
import { useLanguage } from '../../i18n/i18n';
import { formatTime } from '../../lib/format';
import { StaffApiError } from '../api/http';
import { useStaff } from '../api/use-staff';
import { ScrollTable } from '../components/scroll-table';
import { problemText } from '../people/problem-text';
import {
  type CounterCommand,
  consoleKey,
  useAddNote,
  useConsentsAtCounter,
  useCounterCommand,
  useCounterConsole,
  useSetConsentAtCounter,
} from './api';
import classes from './hall.module.css';
import { keyLabel, useShortcuts } from './shortcuts';

type Ticket = NonNullable<CounterConsole['current']>;

/**
 * A counter agent's console: open and close the counter, call the next person by the call policy,
 * and act on the called ticket. Every action has a one-key shortcut, printed on its button. The
 * centre's hall stream says when something changed, and the console asks for itself again.
 */
export function ConsolePage() {
  const { t } = useTranslation('staff');
  const { counterId } = useParams({ strict: false }) as { counterId: string };
  const language = useLanguage();
  const queryClient = useQueryClient();
  const console_ = useCounterConsole(counterId);
  const command = useCounterCommand(counterId);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // The last served visit's feedback link, shown until the next call.
  const [feedbackLink, setFeedbackLink] = useState<string | null>(null);
  const data = console_.data;
  // Times show in the centre's zone, whatever the browser's.
  const centre = useCentre(data?.counter.centreId);
  const allServices = useServices();
  // A transfer may go to any service of the centre, not only those this counter serves.
  const centreServices = (allServices.data ?? []).filter((s) => centre.data?.services.includes(s.id));
  const zone = centre.data?.timeZone;
  const { status } = useHallStream(data?.counter.centreId, {
    onEvent: () => void queryClient.invalidateQueries({ queryKey: consoleKey(counterId) }),
  });
  usePageTitle(data ? data.counter.name[language] : t('hall.console.title'));

  const run = (c: CounterCommand) => {
    setError(null);
    setNotice(null);
    command.mutate(c, {
      onSuccess: (result) => {
        if (c.kind === 'call-next' && (result as { ticket: unknown }).ticket === null)
          setNotice(t('hall.console.nobodyWaiting'));
        if (c.kind === 'finish') setFeedbackLink((result as FinishedTicket).feedbackLink);
        else if (c.kind !== 'open') setFeedbackLink(null);
      },
      onError: (err) =>
        setError(
          err instanceof StaffApiError && err.status === 409
            ? t(`hall.console.problem.${err.code}` as never, { defaultValue: err.detail })
            : err instanceof StaffApiError && err.status === 0
              ? t('shell.form.network')
              : t('shell.form.failed'),
        ),
    });
  };

  const staff = useStaff();
  // Open by someone else: this person may look, not act (a manager may still close it).
  const byOther = Boolean(data?.session && data.session.staffId !== staff.id);
  const isOpen = Boolean(data?.session) && !byOther;
  const current = isOpen ? (data?.current ?? null) : null;
  const can = {
    open: data && !data.session,
    close: isOpen && !current,
    callNext: isOpen && !current,
    recall: current?.status === 'called',
    start: current?.status === 'called',
    finish: current?.status === 'serving',
    noShow: current?.status === 'called',
    putBack: current?.status === 'called',
  };
  const act = (kind: 'recall' | 'start' | 'finish' | 'no-show' | 'return') =>
    current ? () => run({ kind, ticketId: current.id }) : undefined;

  useShortcuts({
    KeyN: can.callNext ? () => run({ kind: 'call-next' }) : undefined,
    KeyR: can.recall ? act('recall') : undefined,
    KeyS: can.start ? act('start') : undefined,
    KeyF: can.finish ? act('finish') : undefined,
    KeyX: can.noShow ? act('no-show') : undefined,
    KeyB: can.putBack ? act('return') : undefined,
    KeyT: current ? () => document.getElementById('transfer-service')?.focus() : undefined,
    KeyE: current ? () => document.getElementById('customer-note')?.focus() : undefined,
  });

  if (!data) return <Loading query={console_} />;
  if (!zone) return <Loading query={centre} />;
  const busy = command.isPending;
  const key = (
    code: string,
    label: string,
    enabled: boolean | undefined,
    onClick: () => void,
    color?: string,
  ) => (
    <Button
      onClick={onClick}
      disabled={!enabled || busy}
      aria-keyshortcuts={keyLabel(code)}
      color={color}
      rightSection={<kbd className={classes.kbd}>{keyLabel(code)}</kbd>}
      data-testid={`action-${code}`}
    >
      {label}
    </Button>
  );

  return (
    <>
      <RouterAnchor to="/staff/counter">{t('hall.console.otherCounter')}</RouterAnchor>
      <Group justify="space-between" align="center">
        <Title order={1}>{data.counter.name[language]}</Title>
        <Group gap="xs">
          <Badge
            color={isOpen ? 'teal.9' : byOther ? 'blue.9' : 'gray.8'}
            size="lg"
            data-testid="counter-state"
          >
            {t(isOpen ? 'hall.console.open' : byOther ? 'hall.counters.openByOther' : 'hall.console.closed')}
          </Badge>
          {status !== 'live' && (
            <Badge color="blue.9" size="lg" role="status">
              {t('hall.live.reconnecting')}
            </Badge>
          )}
        </Group>
      </Group>
      {error && (
        <Alert variant="outline" color="red.9" role="alert" data-testid="console-error">
          {error}
        </Alert>
      )}
      {notice && (
        <Alert variant="outline" color="blue.9" role="status">
          {notice}
        </Alert>
      )}
      <Group gap="sm">
        {isOpen ? (
          <Button variant="outline" disabled={!can.close || busy} onClick={() => run({ kind: 'close' })}>
            {t('hall.console.close')}
          </Button>
        ) : (
          <Button
            disabled={!can.open || busy}
            onClick={() => run({ kind: 'open' })}
            data-testid="open-counter"
          >
            {t('hall.console.openCounter')}
          </Button>
        )}
        {key('KeyN', t('hall.console.callNext'), can.callNext, () => run({ kind: 'call-next' }))}
      </Group>

      <Card withBorder padding="lg" component="section" aria-labelledby="current-title">
        <Title order={2} id="current-title" size="h3">
          {t('hall.console.current')}
        </Title>
        {current ? (
          <CurrentTicket
            ticket={current}
            data={data}
            zone={zone}
            centreServices={centreServices}
            busy={busy}
            actionButton={key}
            act={act}
            run={run}
            can={can}
          />
        ) : (
          <Text mt="sm">{t(isOpen ? 'hall.console.noCurrent' : 'hall.console.openFirst')}</Text>
        )}
      </Card>

      {feedbackLink && <FeedbackForVisit link={feedbackLink} onDone={() => setFeedbackLink(null)} />}

      <section aria-labelledby="waiting-title">
        <Title order={2} id="waiting-title" size="h3" mb="sm">
          {t('hall.console.waiting')}
        </Title>
        <Stack gap="md">
          {data.waiting.map((group) => (
            <Card withBorder key={group.serviceId} padding="md">
              <Group justify="space-between">
                <Title order={3} size="h4">
                  {group.serviceName[language]}
                </Title>
                <Text fw={700} data-testid={`waiting-count-${group.serviceId}`}>
                  {t('hall.console.waitingCount', { count: group.count })}
                </Text>
              </Group>
              {group.tickets.length > 0 && (
                <ScrollTable
                  label={t('hall.console.waitingList', { service: group.serviceName[language] })}
                  minWidth={360}
                  columns={[
                    t('hall.ticket.number'),
                    t('hall.ticket.kind'),
                    t('hall.ticket.appointment'),
                    t('hall.ticket.waited'),
                  ]}
                >
                  {group.tickets.map((w) => (
                    <Table.Tr key={w.id}>
                      <Table.Td>
                        <Ltr className={classes.number}>{w.number}</Ltr>{' '}
                        {w.priority && (
                          <Badge color="violet.9" size="sm">
                            {t(`hall.priority.${w.priority}`)}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>{t(`hall.kind.${w.kind}`)}</Table.Td>
                      <Table.Td>
                        {w.appointmentStart ? (
                          <Ltr>{formatTime(w.appointmentStart, zone, language)}</Ltr>
                        ) : (
                          '—'
                        )}
                      </Table.Td>
                      <Table.Td>{t('hall.console.minutes', { count: w.waitedMinutes })}</Table.Td>
                    </Table.Tr>
                  ))}
                </ScrollTable>
              )}
            </Card>
          ))}
        </Stack>
      </section>
    </>
  );
}

function CurrentTicket({
  ticket,
  data,
  zone,
  centreServices,
  busy,
  actionButton,
  act,
  run,
  can,
}: {
  ticket: Ticket;
  data: CounterConsole;
  zone: string;
  centreServices: { id: string; name: { en: string; ar: string } }[];
  busy: boolean;
  actionButton: (
    code: string,
    label: string,
    enabled: boolean | undefined,
    onClick: () => void,
    color?: string,
  ) => ReactNode;
  act: (kind: 'recall' | 'start' | 'finish' | 'no-show' | 'return') => (() => void) | undefined;
  run: (c: CounterCommand) => void;
  can: Record<string, boolean | undefined>;
}) {
  const { t } = useTranslation('staff');
  const language = useLanguage();
  const [target, setTarget] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [noteSaved, setNoteSaved] = useState(false);
  const addNote = useAddNote(data.counter.id);
  const noop = () => {};
  const services = centreServices.filter((s) => s.id !== ticket.serviceId);
  const appointment = ticket.appointment;
  return (
    <Stack gap="md" mt="sm">
      <Group gap="md" align="baseline">
        <Text className={classes.bigNumber} data-testid="current-number">
          <Ltr>{ticket.number}</Ltr>
        </Text>
        <Badge size="lg" color="blue.9">
          {t(`hall.status.${ticket.status}`)}
        </Badge>
        <Text>{t(`hall.kind.${ticket.kind}`)}</Text>
        {ticket.priority && <Badge color="violet.9">{t(`hall.priority.${ticket.priority}`)}</Badge>}
      </Group>
      {appointment && (
        <dl className={classes.details} data-testid="appointment-details">
          <dt>{t('hall.appointment.reference')}</dt>
          <dd>
            <Ltr>{appointment.reference}</Ltr>
          </dd>
          <dt>{t('hall.appointment.time')}</dt>
          <dd>
            <Ltr>
              {formatTime(appointment.start, zone, language)} – {formatTime(appointment.end, zone, language)}
            </Ltr>
          </dd>
          <dt>{t('hall.appointment.name')}</dt>
          <dd>{appointment.customerName}</dd>
          <dt>{t('hall.appointment.mobile')}</dt>
          <dd>
            <Ltr>{appointment.mobileMasked}</Ltr>
          </dd>
          <dt>{t('hall.appointment.language')}</dt>
          <dd>{t(`hall.appointment.languages.${appointment.language}`)}</dd>
        </dl>
      )}
      <Group gap="sm">
        {actionButton('KeyR', t('hall.console.recall'), can.recall, act('recall') ?? noop)}
        {actionButton('KeyS', t('hall.console.start'), can.start, act('start') ?? noop)}
        {actionButton('KeyF', t('hall.console.finish'), can.finish, act('finish') ?? noop, 'teal.9')}
        {actionButton('KeyX', t('hall.console.noShow'), can.noShow, act('no-show') ?? noop, 'red.9')}
        {actionButton('KeyB', t('hall.console.putBack'), can.putBack, act('return') ?? noop, 'gray.8')}
      </Group>
      <Group align="flex-end" gap="sm">
        <Select
          id="transfer-service"
          label={
            <>
              {t('hall.console.transferTo')} <kbd className={classes.kbd}>T</kbd>
            </>
          }
          aria-keyshortcuts="T"
          data={services.map((s) => ({ value: s.id, label: s.name[language] }))}
          value={target}
          onChange={setTarget}
          placeholder={services.length ? t('hall.console.chooseService') : t('hall.console.noOtherService')}
          disabled={services.length === 0}
          w={260}
        />
        <Button
          variant="outline"
          disabled={!target || busy}
          onClick={() => {
            if (target) run({ kind: 'transfer', ticketId: ticket.id, serviceId: target });
            setTarget(null);
          }}
        >
          {t('hall.console.transfer')}
        </Button>
      </Group>
      {ticket.customerId && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!note.trim()) return;
            addNote.mutate(
              { ticketId: ticket.id, text: note.trim() },
              {
                onSuccess: () => {
                  setNote('');
                  setNoteSaved(true);
                },
              },
            );
          }}
        >
          <Textarea
            id="customer-note"
            label={
              <>
                {t('hall.console.note')} <kbd className={classes.kbd}>E</kbd>
              </>
            }
            description={t('hall.console.noteHint')}
            aria-keyshortcuts="E"
            maxLength={500}
            autosize
            minRows={2}
            value={note}
            onChange={(e) => {
              setNote(e.currentTarget.value);
              setNoteSaved(false);
            }}
          />
          <Group mt="xs" gap="sm">
            <Button type="submit" variant="outline" loading={addNote.isPending} disabled={!note.trim()}>
              {t('hall.console.saveNote')}
            </Button>
            {noteSaved && <Text role="status">{t('hall.console.noteSaved')}</Text>}
            {addNote.isError && (
              <Text role="alert" c="red.9">
                {t('shell.form.failed')}
              </Text>
            )}
          </Group>
        </form>
      )}
      {ticket.customerId && <ContactChoices counterId={data.counter.id} ticketId={ticket.id} />}
    </Stack>
  );
}

const CONSENT_KINDS = ['sms_reminders', 'email', 'feedback_invitations'] as const;

/**
 * The served person's three contact choices, to ask them and record the answer: each tick or
 * untick is one consent event through the counter, by this agent. Nothing else of their file.
 */
function ContactChoices({ counterId, ticketId }: { counterId: string; ticketId: string }) {
  const { t } = useTranslation('staff');
  const consents = useConsentsAtCounter(counterId, ticketId);
  const set = useSetConsentAtCounter(counterId, ticketId);
  const [saved, setSaved] = useState(false);
  // The answer being recorded, held in this component's state so the box moves in the same
  // render as the click (the mutation's own state reaches React a tick later, and a controlled
  // box would spring back meanwhile); the recorded state replaces it when the server has it.
  const [asked, setAsked] = useState<OwnConsentSet | null>(null);
  if (!consents.data) return null;
  const given = consents.data.current
    .map((c) => (asked?.kind === c.kind ? { ...c, state: asked.state } : c))
    .filter((c) => c.state === 'given')
    .map((c) => c.kind);
  return (
    <Checkbox.Group
      label={t('hall.console.consents.title')}
      description={t('hall.console.consents.hint')}
      value={given}
      data-testid="contact-choices"
      onChange={(next) => {
        const kind = CONSENT_KINDS.find((k) => next.includes(k) !== given.includes(k));
        if (!kind || asked) return;
        const answer: OwnConsentSet = { kind, state: next.includes(kind) ? 'given' : 'withdrawn' };
        setSaved(false);
        setAsked(answer);
        set.mutate(answer, { onSuccess: () => setSaved(true), onSettled: () => setAsked(null) });
      }}
    >
      <Stack gap="xs" mt="xs">
        {CONSENT_KINDS.map((kind) => (
          <Checkbox
            key={kind}
            value={kind}
            label={t(`hall.console.consents.${kind}`)}
            disabled={asked !== null}
            data-testid={`consent-${kind}`}
          />
        ))}
      </Stack>
      {saved && (
        <Text role="status" mt="xs">
          {t('hall.console.consents.saved')}
        </Text>
      )}
      {set.isError && (
        <Text role="alert" c="red.9" mt="xs">
          {problemText(set.error, t)}
        </Text>
      )}
    </Checkbox.Group>
  );
}

/**
 * The served visit's one-use feedback form, for the person still at the counter: a QR code to
 * scan with their phone, or the form opened on this tablet (a new tab: the console stays as it
 * was). The link is the same one the invitation message carries, so it can be used only once.
 */
function FeedbackForVisit({ link, onDone }: { link: string; onDone: () => void }) {
  const { t } = useTranslation('staff');
  return (
    <Card
      withBorder
      padding="lg"
      component="section"
      aria-labelledby="feedback-title"
      data-testid="counter-feedback"
    >
      <Title order={2} id="feedback-title" size="h3">
        {t('hall.console.feedback.title')}
      </Title>
      <Text mt="xs">{t('hall.console.feedback.hint')}</Text>
      <Group mt="sm" gap="lg" align="center">
        <QrCode value={link} label={t('hall.console.feedback.qr')} />
        <Stack gap="sm">
          <Button component="a" href={link} target="_blank" rel="noopener" data-testid="open-feedback">
            {t('hall.console.feedback.open')}
          </Button>
          <Button variant="outline" onClick={onDone}>
            {t('hall.console.feedback.done')}
          </Button>
        </Stack>
      </Group>
    </Card>
  );
}
