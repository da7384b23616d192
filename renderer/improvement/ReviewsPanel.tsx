import { Button, Group, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../electron/api';
import { formatVnDate, parseVnDate } from '../../electron/common/dates';
import { useApi, useApiMutation } from '../api/hooks';
import { type Column, DataTable } from '../components/DataTable';
import { DateField } from '../components/DateField';
import { FormModal, lines, useFields, useFormSave } from './FormModal';
import { ActionStatusBadge, RowActions, type UnitRef as Unit } from './parts';

export type ReviewRow = ApiOutput<'reviews.list'>[number];

const inputKeys = ['auditResults', 'feedback', 'processPerformance', 'actionsStatus', 'previousReviews', 'changes', 'improvements'] as const;

/**
 * Records a management review, or corrects a saved one: date, chair,
 * attendees, the inputs the standard asks for and the conclusions. When
 * recording, decisions can be typed one a line; they become tracked actions.
 */
export function ReviewModal({ unit, initial, onClose }: { unit: { id: string; name: string }; initial?: ReviewRow; onClose: () => void }) {
  const { t } = useTranslation('improvement');
  const [f, set] = useFields({
    reviewDate: initial?.reviewDate ?? null,
    chair: initial?.chair ?? '',
    attendees: initial?.attendees ?? '',
    minutesNo: initial?.minutesNo ?? '',
    conclusions: initial?.conclusions ?? '',
    decisions: '',
    inputs: { ...(initial?.inputs ?? {}) } as Partial<Record<(typeof inputKeys)[number], string>>,
  });
  const [lineError, setLineError] = useState<string | null>(null);
  const create = useFormSave('reviews.record', t('review.saved'), onClose);
  const update = useFormSave('reviews.update', t('review.saved'), onClose);
  return (
    <FormModal
      title={t(initial ? 'review.editTitle' : 'review.title', { unit: unit.name })}
      size="xl"
      onClose={onClose}
      save={initial ? update : create}
      testId="review"
      onSubmit={() => {
        setLineError(null);
        const fields = { reviewDate: f.reviewDate ?? '', chair: f.chair, attendees: f.attendees, minutesNo: f.minutesNo, conclusions: f.conclusions, inputs: f.inputs };
        if (initial) return update.mutate({ id: initial.id, ...fields });
        const decisions = [];
        for (const line of lines(f.decisions)) {
          const [title = '', owner = '', due = ''] = line.split(';').map((x) => x.trim());
          const dueDate = parseVnDate(due);
          if (!title || !owner || !dueDate) return setLineError(t('review.badDecision', { line }));
          decisions.push({ title, owner, dueDate });
        }
        create.mutate({ unitId: unit.id, ...fields, decisions });
      }}
    >
      <SimpleGrid cols={3}>
        <DateField label={t('review.reviewDate')} required value={f.reviewDate} onChange={(v) => set({ reviewDate: v })} testId="review-date" />
        <TextInput label={t('review.chair')} required value={f.chair} onChange={(e) => set({ chair: e.currentTarget.value })} data-testid="review-chair" />
        <TextInput label={t('review.minutesNo')} value={f.minutesNo} onChange={(e) => set({ minutesNo: e.currentTarget.value })} data-testid="review-minutes" />
      </SimpleGrid>
      <TextInput label={t('review.attendees')} value={f.attendees} onChange={(e) => set({ attendees: e.currentTarget.value })} />
      <SimpleGrid cols={2}>
        {inputKeys.map((k) => (
          <Textarea key={k} label={t(`review.inputs.${k}`)} autosize minRows={1} value={f.inputs[k] ?? ''} onChange={(e) => set({ inputs: { ...f.inputs, [k]: e.currentTarget.value } })} />
        ))}
      </SimpleGrid>
      <Textarea label={t('review.conclusions')} autosize minRows={2} value={f.conclusions} onChange={(e) => set({ conclusions: e.currentTarget.value })} data-testid="review-conclusions" />
      {initial ? (
        <Text size="sm" c="dimmed">
          {t('review.decisionsLater')}
        </Text>
      ) : (
        <Textarea label={t('review.decisions')} autosize minRows={2} value={f.decisions} error={lineError} onChange={(e) => set({ decisions: e.currentTarget.value })} />
      )}
    </FormModal>
  );
}

/** Adds a decision to a saved review; it is tracked as an action due by its date. */
function DecisionModal({ review, onClose }: { review: ReviewRow; onClose: () => void }) {
  const { t } = useTranslation('improvement');
  const [f, set] = useFields({ title: '', owner: '', dueDate: null as string | null });
  const save = useFormSave('reviews.addDecision', t('review.decisionSaved'), onClose);
  return (
    <FormModal
      title={t('review.decisionTitle', { date: formatVnDate(review.reviewDate) })}
      onClose={onClose}
      save={save}
      testId="decision"
      onSubmit={() => save.mutate({ reviewId: review.id, ...f, dueDate: f.dueDate ?? '' })}
    >
      <Textarea label={t('review.decision')} required autosize minRows={2} value={f.title} onChange={(e) => set({ title: e.currentTarget.value })} data-testid="decision-title" />
      <SimpleGrid cols={2}>
        <TextInput label={t('finding.owner')} required value={f.owner} onChange={(e) => set({ owner: e.currentTarget.value })} data-testid="decision-owner" />
        <DateField label={t('finding.dueDate')} required value={f.dueDate} onChange={(v) => set({ dueDate: v })} testId="decision-due" />
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('review.decisionHint')}
      </Text>
    </FormModal>
  );
}

/** A unit's management reviews: record, correct, add decisions, remove. */
export function ReviewsPanel({ unit }: { unit: Unit }) {
  const { t } = useTranslation('improvement');
  const rows = useApi('reviews.list', { unitId: unit.id }).data ?? [];
  const remove = useApiMutation('reviews.delete', { successMessage: t('deleted') });
  const [editing, setEditing] = useState<{ row?: ReviewRow } | null>(null);
  const [deciding, setDeciding] = useState<ReviewRow | null>(null);
  const columns: Column<ReviewRow>[] = [
    { key: 'date', header: t('review.date'), value: (r) => r.reviewDate, type: 'date', width: 110 },
    { key: 'chair', header: t('review.chair'), value: (r) => r.chair },
    { key: 'minutes', header: t('review.minutesNo'), value: (r) => r.minutesNo },
    {
      key: 'conclusions',
      header: t('review.conclusions'),
      value: (r) => r.conclusions,
      render: (r) => (
        <Text size="sm" lineClamp={3} maw={360}>
          {r.conclusions}
        </Text>
      ),
    },
    {
      key: 'decisions',
      header: t('review.decisionsColumn'),
      value: (r) => r.actions.map((a) => `${a.title} (${a.owner}, ${formatVnDate(a.dueDate)})`).join('; '),
      render: (r) =>
        r.actions.length ? (
          <Stack gap={4} miw={260}>
            {r.actions.map((a) => (
              <Group key={a.id} gap={6} wrap="nowrap" align="flex-start">
                <ActionStatusBadge status={a.status} />
                <Text size="sm">
                  {a.title}
                  <Text span size="xs" c="dimmed">
                    {' '}
                    · {a.owner} · {formatVnDate(a.dueDate)}
                  </Text>
                </Text>
              </Group>
            ))}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        ),
    },
    {
      key: 'buttons',
      header: '',
      value: () => null,
      render: (r) => (
        <RowActions name={t('review.name', { date: formatVnDate(r.reviewDate) })} onEdit={() => setEditing({ row: r })} onDelete={() => remove.mutate({ id: r.id })} testId="review-row">
          <Button size="compact-xs" variant="subtle" onClick={() => setDeciding(r)} data-testid="add-decision">
            {t('review.addDecision')}
          </Button>
        </RowActions>
      ),
    },
  ];
  return (
    <>
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(r) => r.id}
        exportName={`xem-xet-lanh-dao-${unit.code}`}
        empty={t('review.none')}
        initialSort={{ key: 'date', dir: 'desc' }}
        toolbar={<Button onClick={() => setEditing({})}>{t('health.recordReview')}</Button>}
        testId="reviews-table"
      />
      {editing && <ReviewModal unit={unit} initial={editing.row} onClose={() => setEditing(null)} />}
      {deciding && <DecisionModal review={deciding} onClose={() => setDeciding(null)} />}
    </>
  );
}
