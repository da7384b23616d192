import { Badge, Button, Group, Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../electron/api';
import { formatVnDate } from '../../electron/common/dates';
import { useApi, useApiMutation } from '../api/hooks';
import { type Column, DataTable } from '../components/DataTable';
import { DateField } from '../components/DateField';
import { FormModal, todayIso, useFields, useFormSave } from './FormModal';
import { noClip, type UnitRef as Unit } from './parts';

type FeedbackRow = ApiOutput<'feedback.list'>[number];
const categories = ['legal', 'procedure', 'it', 'training', 'budget', 'organisation', 'other'] as const;

/** Difficulties and recommendations the unit raised to headquarters, and the answers. */
export function FeedbackPanel({ unit }: { unit: Unit }) {
  const { t } = useTranslation('improvement');
  const rows = useApi('feedback.list', { unitId: unit.id }).data ?? [];
  const update = useApiMutation('feedback.update');
  const [adding, setAdding] = useState(false);
  const [answering, setAnswering] = useState<FeedbackRow | null>(null);
  const columns: Column<FeedbackRow>[] = [
    { key: 'date', header: t('feedback.raisedDate'), value: (r) => r.raisedDate, type: 'date' },
    { key: 'category', header: t('feedback.category'), value: (r) => t(`feedback.categories.${r.category}`) },
    { key: 'title', header: t('feedback.title'), value: (r) => r.title },
    {
      key: 'status',
      header: t('feedback.status'),
      value: (r) => t(`feedback.statuses.${r.status}`),
      render: (r) => (
        <Badge variant="light" tt="none" styles={noClip} color={r.status === 'answered' || r.status === 'closed' ? 'green' : 'blue'}>
          {t(`feedback.statuses.${r.status}`)}
        </Badge>
      ),
    },
    { key: 'answer', header: t('feedback.answer'), value: (r) => (r.answer ? `${r.answer} (${r.answeredBy} ${formatVnDate(r.answeredDate)})` : '') },
    {
      key: 'buttons',
      header: '',
      value: () => null,
      render: (r) => (
        <Group gap={4} wrap="nowrap">
          {r.status === 'open' && (
            <Button size="compact-xs" variant="light" onClick={() => update.mutate({ id: r.id, status: 'sent' })}>
              {t('feedback.markSent')}
            </Button>
          )}
          {r.status !== 'answered' && r.status !== 'closed' && (
            <Button size="compact-xs" onClick={() => setAnswering(r)}>
              {t('feedback.answer')}
            </Button>
          )}
        </Group>
      ),
    },
  ];
  return (
    <>
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(r) => r.id}
        exportName={`kien-nghi-${unit.code}`}
        empty={t('feedback.empty')}
        toolbar={<Button onClick={() => setAdding(true)}>{t('feedback.add')}</Button>}
      />
      {adding && <FeedbackModal unit={unit} onClose={() => setAdding(false)} />}
      {answering && <AnswerModal item={answering} onClose={() => setAnswering(null)} />}
    </>
  );
}

function FeedbackModal({ unit, onClose }: { unit: Unit; onClose: () => void }) {
  const { t } = useTranslation('improvement');
  const [f, set] = useFields({ raisedDate: todayIso() as string | null, category: 'procedure' as (typeof categories)[number], title: '', details: '' });
  const save = useFormSave('feedback.raise', t('feedback.saved'), onClose);
  return (
    <FormModal title={t('feedback.addTitle', { unit: unit.name })} onClose={onClose} save={save} onSubmit={() => save.mutate({ unitId: unit.id, ...f, raisedDate: f.raisedDate ?? '' })}>
      <SimpleGrid cols={2}>
        <DateField label={t('feedback.raisedDate')} required value={f.raisedDate} onChange={(v) => set({ raisedDate: v })} />
        <Select
      label={t('feedback.category')}
      value={f.category}
      allowDeselect={false}
      onChange={(v) => set({ category: (v ?? 'other') as (typeof categories)[number] })}
      data={categories.map((c) => ({ value: c, label: t(`feedback.categories.${c}`) }))}
        />
      </SimpleGrid>
      <TextInput label={t('feedback.title')} required value={f.title} onChange={(e) => set({ title: e.currentTarget.value })} />
      <Textarea label={t('feedback.details')} autosize minRows={3} value={f.details} onChange={(e) => set({ details: e.currentTarget.value })} />
    </FormModal>
  );
}

function AnswerModal({ item, onClose }: { item: FeedbackRow; onClose: () => void }) {
  const { t } = useTranslation('improvement');
  const [f, set] = useFields({ answer: '', answeredDate: todayIso() as string | null, answeredBy: 'BHXH Việt Nam' });
  const save = useFormSave('feedback.update', t('feedback.saved'), onClose);
  return (
    <FormModal title={t('feedback.answerTitle', { title: item.title })} onClose={onClose} save={save} onSubmit={() => save.mutate({ id: item.id, status: 'answered', ...f })}>
      <SimpleGrid cols={2}>
        <DateField label={t('feedback.answeredDate')} required value={f.answeredDate} onChange={(v) => set({ answeredDate: v })} />
        <TextInput label={t('feedback.answeredBy')} value={f.answeredBy} onChange={(e) => set({ answeredBy: e.currentTarget.value })} />
      </SimpleGrid>
      <Textarea label={t('feedback.answer')} required autosize minRows={3} value={f.answer} onChange={(e) => set({ answer: e.currentTarget.value })} />
    </FormModal>
  );
}
