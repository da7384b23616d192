import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ApiOutput } from '../../electron/api';
import { useApi, useApiMutation } from '../api/hooks';
import { type Column, DataTable } from '../components/DataTable';
import { DateField } from '../components/DateField';
import { FormActions } from '../components/FormActions';
import { PageHeader } from '../components/PageHeader';

type Wave = ApiOutput<'waves.list'>[number];

/** Rollout waves with their planned windows. */
export function WavesPage() {
  const { t } = useTranslation('units');
  const navigate = useNavigate();
  const waves = useApi('waves.list', {}).data ?? [];
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ name: '', plannedStart: null as string | null, plannedEnd: null as string | null, note: '' });
  const create = useApiMutation('waves.create', {
    quiet: true,
    successMessage: t('waves.created'),
    onSuccess: () => {
      setOpen(false);
      setForm({ name: '', plannedStart: null, plannedEnd: null, note: '' });
    },
  });
  const columns: Column<Wave>[] = [
    { key: 'name', header: t('waves.name'), value: (w) => w.name },
    { key: 'start', header: t('waves.plannedStart'), value: (w) => w.plannedStart, type: 'date' },
    { key: 'end', header: t('waves.plannedEnd'), value: (w) => w.plannedEnd, type: 'date' },
    { key: 'members', header: t('waves.members'), value: (w) => w.memberCount, type: 'number' },
    { key: 'note', header: t('waves.note'), value: (w) => w.note },
  ];
  return (
    <Stack>
      <PageHeader title={t('waves.title')} subtitle={t('waves.subtitle')} actions={<Button onClick={() => setOpen(true)}>{t('waves.add')}</Button>} />
      <DataTable rows={waves} columns={columns} rowKey={(w) => w.id} exportName={t('waves.export')} onRowClick={(w) => navigate(`/waves/${w.id}`)} empty={t('waves.empty')} initialSort={{ key: 'start', dir: 'asc' }} />
      <Modal opened={open} onClose={() => setOpen(false)} title={t('waves.add')} centered>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ name: form.name, plannedStart: form.plannedStart ?? '', plannedEnd: form.plannedEnd ?? '', note: form.note });
          }}
        >
          <Stack>
            <TextInput label={t('waves.name')} value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} required />
            <Group grow>
              <DateField label={t('waves.plannedStart')} value={form.plannedStart} onChange={(v) => setForm({ ...form, plannedStart: v })} required />
              <DateField label={t('waves.plannedEnd')} value={form.plannedEnd} onChange={(v) => setForm({ ...form, plannedEnd: v })} required />
            </Group>
            <TextInput label={t('waves.note')} value={form.note} onChange={(e) => setForm({ ...form, note: e.currentTarget.value })} />
            <FormActions error={create.error} pending={create.isPending} onCancel={() => setOpen(false)} />
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}
