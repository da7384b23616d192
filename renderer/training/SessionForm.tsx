import { Group, Modal, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../electron/api';
import { useApi, useApiMutation } from '../api/hooks';
import { FormActions } from '../components/FormActions';
import { DateField } from '../components/DateField';
import { useUnitOptions } from './shared';

type Session = ApiOutput<'training.sessions.get'>['session'];

const blank = { unitId: null as string | null, courseTypeId: null as string | null, title: '', startDate: null as string | null, endDate: null as string | null, place: '', provider: '', trainers: '', budgetSpent: 0, note: '' };

/** Records or edits a training session. */
export function SessionModal(props: { opened: boolean; onClose: () => void; session?: Session | null; defaultUnitId?: string; onCreated?: (id: string) => void }) {
  const { t } = useTranslation('training');
  const units = useUnitOptions();
  const courses = useApi('training.courses.list', {}).data ?? [];
  const [form, setForm] = useState(blank);
  useEffect(() => {
    if (props.opened) setForm(props.session ? { ...blank, ...props.session } : { ...blank, unitId: props.defaultUnitId ?? null });
  }, [props.opened, props.session?.id]);
  const create = useApiMutation('training.sessions.create', {
    quiet: true,
    successMessage: t('sessions.created'),
    onSuccess: (s) => {
      props.onClose();
      props.onCreated?.(s.id);
    },
  });
  const update = useApiMutation('training.sessions.update', { quiet: true, successMessage: t('sessions.saved'), onSuccess: props.onClose });
  const error = create.error ?? update.error;
  const set = (k: keyof typeof blank) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [k]: e.currentTarget.value });
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.session ? t('sessions.edit') : t('sessions.add')} size="xl" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const values = {
            courseTypeId: form.courseTypeId ?? '',
            title: form.title,
            startDate: form.startDate ?? '',
            endDate: form.endDate ?? form.startDate ?? '',
            place: form.place,
            provider: form.provider,
            trainers: form.trainers,
            budgetSpent: Number(form.budgetSpent) || 0,
            note: form.note,
          };
          if (props.session) update.mutate({ id: props.session.id, ...values });
          else create.mutate({ unitId: form.unitId ?? '', ...values });
        }}
      >
        <Stack>
          <Group grow>
            <Select
              label={t('sessions.course')}
              data={courses.map((c) => ({ value: c.id, label: c.name }))}
              value={form.courseTypeId}
              onChange={(v) => setForm({ ...form, courseTypeId: v })}
              required
              data-testid="session-course"
            />
            <Select
              label={t('sessions.organiser')}
              data={units}
              value={form.unitId}
              onChange={(v) => setForm({ ...form, unitId: v })}
              searchable
              required
              disabled={!!props.session}
            />
          </Group>
          <TextInput label={t('sessions.titleField')} value={form.title} onChange={set('title')} />
          <Group grow>
            <DateField label={t('sessions.startDate')} value={form.startDate} onChange={(v) => setForm({ ...form, startDate: v })} required testId="session-start" />
            <DateField label={t('sessions.endDate')} value={form.endDate} onChange={(v) => setForm({ ...form, endDate: v })} required testId="session-end" />
          </Group>
          <Group grow>
            <TextInput label={t('sessions.place')} value={form.place} onChange={set('place')} />
            <TextInput label={t('sessions.provider')} value={form.provider} onChange={set('provider')} />
          </Group>
          <Group grow>
            <TextInput label={t('sessions.trainers')} value={form.trainers} onChange={set('trainers')} />
            <NumberInput label={t('sessions.budget')} value={form.budgetSpent} onChange={(v) => setForm({ ...form, budgetSpent: Number(v) || 0 })} min={0} thousandSeparator="." decimalSeparator="," />
          </Group>
          <TextInput label={t('sessions.note')} value={form.note} onChange={set('note')} />
          <FormActions error={error} pending={create.isPending || update.isPending} onCancel={props.onClose} testId="session" />
        </Stack>
      </form>
    </Modal>
  );
}
