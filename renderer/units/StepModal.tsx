import { Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../api/hooks';
import { DateField } from '../components/DateField';
import { FormActions } from '../components/FormActions';

export interface StepValues {
  unitId: string;
  unitName: string;
  step: number;
  status: 'not_started' | 'in_progress' | 'done';
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart?: string | null;
  actualEnd: string | null;
  evidence?: string;
  note?: string;
}

/** Edits one of a unit's four steps; the service's rule errors are shown in the form. */
export function StepModal({ value, onClose }: { value: StepValues | null; onClose: () => void }) {
  const { t } = useTranslation('units');
  const [form, setForm] = useState<StepValues | null>(value);
  useEffect(() => setForm(value), [value]);
  const save = useApiMutation('steps.update', { quiet: true, successMessage: t('unit.stepSaved'), onSuccess: onClose });
  if (!form) return null;
  const set = (patch: Partial<StepValues>) => setForm({ ...form, ...patch });
  return (
    <Modal opened={!!value} onClose={onClose} title={`${form.unitName} — ${t(`common:stepsLong.${form.step}`)}`} size="lg" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({
            unitId: form.unitId,
            step: form.step,
            status: form.status,
            plannedStart: form.plannedStart,
            plannedEnd: form.plannedEnd,
            actualStart: form.actualStart ?? null,
            actualEnd: form.actualEnd,
            evidence: form.evidence ?? '',
            note: form.note ?? '',
          });
        }}
      >
        <Stack>
          <Select
            label={t('unit.status')}
            value={form.status}
            onChange={(v) => set({ status: (v ?? 'not_started') as StepValues['status'] })}
            data={(['not_started', 'in_progress', 'done'] as const).map((s) => ({ value: s, label: t(`common:stepStatus.${s}`) }))}
            allowDeselect={false}
            data-testid="step-status"
          />
          <SimpleGrid cols={2}>
            <DateField label={t('unit.plannedStart')} value={form.plannedStart} onChange={(v) => set({ plannedStart: v })} />
            <DateField label={t('unit.plannedEnd')} value={form.plannedEnd} onChange={(v) => set({ plannedEnd: v })} />
            <DateField label={t('unit.actualStart')} value={form.actualStart ?? null} onChange={(v) => set({ actualStart: v })} />
            <DateField label={t('unit.actualEnd')} value={form.actualEnd} onChange={(v) => set({ actualEnd: v })} testId="step-actual-end" />
          </SimpleGrid>
          <TextInput label={t('unit.evidence')} description={t('unit.evidenceHint')} value={form.evidence ?? ''} onChange={(e) => set({ evidence: e.currentTarget.value })} />
          <TextInput label={t('unit.note')} value={form.note ?? ''} onChange={(e) => set({ note: e.currentTarget.value })} />
          <FormActions error={save.error} pending={save.isPending} onCancel={onClose} testId="step" />
        </Stack>
      </form>
    </Modal>
  );
}
