import { Alert, Text } from '@mantine/core';
import { BAHRAIN } from '@mawaeed/core/country/profile';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createBooking } from '../../api/bookings';
import { ApiError } from '../../api/http';
import { Loading } from '../../components/loading';
import { Ltr } from '../../components/ltr';
import { RouterAnchor } from '../../components/router-link';
import { SummaryList } from '../../components/summary-list';
import { TimeText } from '../../components/time-text';
import { solveCaptcha } from '../../features/booking/captcha';
import { useErrorText } from '../../features/booking/error-text';
import { useSelected } from '../../features/booking/selected';
import { useStep } from '../../features/booking/use-step';
import { WizardStep } from '../../features/booking/wizard-step';
import { bookingBody, saveBooking, updateAnswers } from '../../features/booking/wizard-store';
import { useLanguage } from '../../i18n/i18n';
import { formatDate, formatTime } from '../../lib/format';
import { zoneName } from '../../lib/time-zone';

/** The slot went while the person was filling in the form: back to that day's times. */
const SLOT_GONE = new Set(['SLOT_FULL', 'SLOT_NOT_FOUND', 'SLOT_IN_PAST']);

export function BookCheckPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const step = useStep('/book/check');
  const { answers } = step;
  const { centre, service, centres, services } = useSelected(answers);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  if (step.redirect) return <Navigate to={step.redirect} />;
  if (!centre || !service || !answers.start) return <Loading query={centres.isError ? centres : services} />;

  const title = t('book.check.title');
  if (answers.bookedReference) {
    return (
      <WizardStep title={t('book.check.alreadyTitle')}>
        <Text>{t('book.check.alreadyBody')}</Text>
        <RouterAnchor to="/book/confirmation">{t('book.check.viewBooking')}</RouterAnchor>
      </WizardStep>
    );
  }

  const confirm = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      const body = bookingBody(answers);
      const fingerprint = JSON.stringify(body);
      const key = answers.idempotency?.body === fingerprint ? answers.idempotency.key : crypto.randomUUID();
      updateAnswers({ idempotency: { key, body: fingerprint } });
      const captcha = step.settings.data?.captcha ? await solveCaptcha() : undefined;
      const booking = await createBooking(captcha ? { ...body, captcha } : body, key);
      saveBooking({ booking, centre, service, savedAt: new Date().toISOString() });
      updateAnswers({ bookedReference: booking.reference, idempotency: undefined });
      await navigate({ to: '/book/confirmation' });
    } catch (err) {
      const code = err instanceof ApiError ? err.code : '';
      if (SLOT_GONE.has(code)) {
        updateAnswers({ start: undefined, notice: 'SLOT_TAKEN' });
        await queryClient.invalidateQueries({ queryKey: ['availability'] });
        await navigate({ to: '/book/time' });
        return;
      }
      // A refused code is the code field's error: back to it, keeping the code's id (the server
      // allows a few tries), so retyping does not send another text message.
      if (code === 'VERIFICATION_FAILED' || code === 'VERIFICATION_REQUIRED') {
        const kept = code === 'VERIFICATION_FAILED' ? answers.verification : undefined;
        updateAnswers({
          verification: kept && { ...kept, code: '' },
          notice: kept ? 'CODE_WRONG' : undefined,
        });
        await navigate({ to: '/book/verify' });
        return;
      }
      setFailure(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const hidden = (what: string) => t('book.check.changeHidden', { what });
  return (
    <WizardStep
      title={title}
      back={step.otp ? '/book/verify' : '/book/details'}
      onContinue={() => void confirm()}
      continueLabel={t('book.check.confirm')}
      busy={busy}
      before={
        failure && (
          <Alert
            color="red"
            variant="outline"
            role="alert"
            title={t('book.check.failed')}
            data-testid="book-failed"
          >
            {failure}
          </Alert>
        )
      }
    >
      <SummaryList
        changeLabel={t('book.check.change')}
        rows={[
          {
            key: 'service',
            label: t('book.check.service'),
            value: service.name[language],
            change: { to: '/book/service', hidden: hidden(t('book.check.service')) },
          },
          {
            key: 'centre',
            label: t('book.check.centre'),
            value: centre.name[language],
            change: { to: '/book/centre', hidden: hidden(t('book.check.centre')) },
          },
          {
            key: 'date',
            label: t('book.check.date'),
            value: formatDate(answers.date ?? '', language),
            change: { to: '/book/date', hidden: hidden(t('book.check.date')) },
          },
          {
            key: 'time',
            label: t('book.check.time'),
            value: (
              <>
                <TimeText>{formatTime(answers.start, centre.timeZone, language)}</TimeText>{' '}
                {zoneName(centre.timeZone, language)}
              </>
            ),
            change: { to: '/book/time', hidden: hidden(t('book.check.time')) },
          },
          {
            key: 'name',
            label: t('book.details.name'),
            value: answers.name,
            change: { to: '/book/details', hidden: hidden(t('book.details.name')) },
          },
          {
            key: 'cpr',
            label: t('book.details.cpr'),
            value: <Ltr>{answers.cpr}</Ltr>,
            change: { to: '/book/details', hidden: hidden(t('book.details.cpr')) },
          },
          {
            key: 'mobile',
            label: t('book.details.mobile'),
            value: <Ltr>{answers.mobile ? BAHRAIN.formatMobile(answers.mobile) : ''}</Ltr>,
            change: { to: '/book/details', hidden: hidden(t('book.details.mobile')) },
          },
          {
            key: 'email',
            label: t('book.details.email'),
            value: answers.email ? <Ltr>{answers.email}</Ltr> : t('book.check.none'),
            change: { to: '/book/details', hidden: hidden(t('book.details.email')) },
          },
          {
            key: 'language',
            label: t('book.details.language'),
            value: t(`language.${answers.language ?? 'en'}`),
            change: { to: '/book/details', hidden: hidden(t('book.details.language')) },
          },
        ]}
      />
      <Text>{t('book.check.declaration')}</Text>
    </WizardStep>
  );
}
