import { Badge, Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../electron/api';
import { formatVnDate } from '../../electron/common/dates';
import { useApiMutation } from '../api/hooks';
import { type Column, DataTable } from '../components/DataTable';
import { DateField } from '../components/DateField';
import { FormActions } from '../components/FormActions';
import { CountdownBadge, fullBadge } from './Badges';

type Detail = ApiOutput<'procedures.get'>;
type Legal = Detail['legalChanges'][number];

/** Legal changes recorded against the procedure, each with its 3-month countdown until a revision folds it in. */
export function LegalPanel({ detail }: { detail: Detail }) {
  const { t } = useTranslation('procedures');
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ reference: '', title: '', effectiveDate: null as string | null, note: '' });
  const record = useApiMutation('legalChanges.record', {
    quiet: true,
    onSuccess: (l) => {
      notifications.show({ color: 'green', message: t('legal.recorded', { date: formatVnDate(l.dueDate) }) });
      setOpen(false);
      setForm({ reference: '', title: '', effectiveDate: null, note: '' });
    },
  });
  const columns: Column<Legal>[] = [
    { key: 'reference', header: t('legal.reference'), value: (l) => l.reference },
    { key: 'title', header: t('legal.title'), value: (l) => l.title },
    { key: 'effective', header: t('legal.effectiveDate'), value: (l) => l.effectiveDate, type: 'date' },
    { key: 'due', header: t('legal.dueDate'), value: (l) => l.dueDate, type: 'date' },
    {
      key: 'state',
      header: t('legal.state'),
      value: (l) => (l.open ? t('legal.open') : t('legal.resolved', { date: formatVnDate(l.resolvedDate) })),
      render: (l) =>
        l.open ? (
          <CountdownBadge daysLeft={l.daysLeft} />
        ) : (
          <Badge color={l.overdue ? 'orange' : 'green'} variant="light" tt="none" radius="sm" styles={fullBadge}>
            {t('legal.resolved', { date: formatVnDate(l.resolvedDate) })}
          </Badge>
        ),
    },
  ];
  return (
    <Stack gap="sm">
      <Group justify="flex-end">
        <Button onClick={() => setOpen(true)}>{t('legal.add')}</Button>
      </Group>
      <DataTable rows={detail.legalChanges} columns={columns} rowKey={(l) => l.id} exportName={`${t('legal.export')}-${detail.procedure.code}`} empty={t('legal.empty')} />
      <Modal opened={open} onClose={() => setOpen(false)} title={t('legal.add')} centered size="lg">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            record.mutate({ procedureId: detail.procedure.id, reference: form.reference, title: form.title, effectiveDate: form.effectiveDate ?? '', note: form.note });
          }}
        >
          <Stack>
            <TextInput label={t('legal.reference')} placeholder={t('legal.referenceHint')} value={form.reference} onChange={(e) => setForm({ ...form, reference: e.currentTarget.value })} />
            <TextInput label={t('legal.title')} value={form.title} onChange={(e) => setForm({ ...form, title: e.currentTarget.value })} />
            <DateField label={t('legal.effectiveDate')} value={form.effectiveDate} onChange={(v) => setForm({ ...form, effectiveDate: v })} required />
            <Textarea label={t('legal.note')} value={form.note} onChange={(e) => setForm({ ...form, note: e.currentTarget.value })} autosize minRows={2} />
            <FormActions error={record.error} pending={record.isPending} onCancel={() => setOpen(false)} />
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}
