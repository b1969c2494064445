import { Alert, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchInvitation, sendFeedback } from '../api/feedback';
import { ApiError } from '../api/http';
import type { FieldError } from '../components/error-summary';
import { Loading } from '../components/loading';
import { usePageTitle } from '../components/page-title';
import { useErrorText } from '../features/booking/error-text';
import { WizardStep } from '../features/booking/wizard-step';
import { useLanguage } from '../i18n/i18n';

const DIMENSIONS = ['performance', 'organisation', 'quality'] as const;
type Dimension = (typeof DIMENSIONS)[number];
const SCORES = ['1', '2', '3', '4', '5'] as const;

/** The one-use form behind a feedback link: three 1–5 ratings and a comment, no account. */
export function FeedbackPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const errorText = useErrorText();
  const { token } = useParams({ strict: false }) as { token: string };
  const invitation = useQuery({
    queryKey: ['feedback', token],
    queryFn: ({ signal }) => fetchInvitation(token, signal),
    retry: false,
  });
  const [ratings, setRatings] = useState<Partial<Record<Dimension, string>>>({});
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  if (done) return <Finished title={t('feedback.thanksTitle')} body={t('feedback.thanksBody')} />;
  if (invitation.error instanceof ApiError && invitation.error.status !== 0) {
    return <Finished title={t('feedback.closedTitle')} body={errorText(invitation.error)} />;
  }
  if (!invitation.data) return <Loading query={invitation} />;
  const visit = invitation.data;

  const submit = async () => {
    const missing = DIMENSIONS.filter((d) => !ratings[d]).map((d) => ({
      field: `rating-${d}`,
      message: t('feedback.missing', { dimension: t(`feedback.dimension.${d}`) }),
    }));
    setErrors(missing);
    if (missing.length > 0) return;
    setBusy(true);
    try {
      await sendFeedback(token, {
        performance: Number(ratings.performance),
        organisation: Number(ratings.organisation),
        quality: Number(ratings.quality),
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      setDone(true);
    } catch (err) {
      setErrors([{ field: 'rating-performance', message: errorText(err) }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <WizardStep
      title={t('feedback.title')}
      errors={errors}
      onContinue={submit}
      continueLabel={t('feedback.send')}
      busy={busy}
    >
      <Text data-testid="feedback-visit">
        {t('feedback.visit', {
          service: visit.serviceName[language],
          centre: visit.centreName[language],
          date: new Intl.DateTimeFormat(language === 'ar' ? 'ar-BH' : 'en-GB', {
            dateStyle: 'long',
            timeZone: 'UTC',
          }).format(new Date(`${visit.visitDate}T00:00:00Z`)),
        })}
      </Text>
      {DIMENSIONS.map((d) => (
        <Radio.Group
          key={d}
          name={d}
          label={t(`feedback.dimension.${d}`)}
          description={t(`feedback.question.${d}`)}
          value={ratings[d] ?? null}
          onChange={(v) => setRatings((r) => ({ ...r, [d]: v }))}
          error={errors.find((e) => e.field === `rating-${d}`)?.message}
          size="md"
        >
          <Stack gap="xs" mt="xs">
            {SCORES.map((s, i) => (
              <Radio
                key={s}
                id={i === 0 ? `rating-${d}` : undefined}
                value={s}
                label={`${s} – ${t(`feedback.score.${s}`)}`}
                data-testid={`rating-${d}-${s}`}
              />
            ))}
          </Stack>
        </Radio.Group>
      ))}
      <Textarea
        id="comment"
        label={t('feedback.comment')}
        description={t('feedback.commentHint')}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
        maxLength={2000}
        autosize
        minRows={3}
        size="md"
        data-testid="feedback-comment"
      />
    </WizardStep>
  );
}

function Finished({ title, body }: { title: string; body: string }) {
  usePageTitle(title);
  return (
    <Stack gap="lg" maw="40rem">
      <Title order={1}>{title}</Title>
      <Alert color="green" variant="outline" data-testid="feedback-result">
        {body}
      </Alert>
    </Stack>
  );
}
