import { Modal, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ApiOutput } from '../../electron/api';
import { useApiMutation } from '../api/hooks';
import { FormActions } from '../components/FormActions';

type Procedure = ApiOutput<'procedures.get'>['procedure'];
export const DOMAINS = ['thu', 'chi_tra', 'cs_bhxh', 'cs_bhyt', 'so_the', 'noi_bo'] as const;
export const ORIGINS = ['hq', 'province', 'district'] as const;

const blank = { code: '', title: '', domain: 'thu' as (typeof DOMAINS)[number], origin: 'province' as (typeof ORIGINS)[number], ownerRole: '', adminProcedure: '', reviewMonths: 12, note: '' };

/** Adds a procedure, or edits one's details (the code stays). */
export function ProcedureForm({ opened, onClose, procedure }: { opened: boolean; onClose: () => void; procedure?: Procedure }) {
  const { t } = useTranslation('procedures');
  const navigate = useNavigate();
  const [form, setForm] = useState(blank);
  useEffect(() => {
    if (opened) setForm(procedure ? { ...blank, ...procedure } : blank);
  }, [opened, procedure]);
  const create = useApiMutation('procedures.create', {
    quiet: true,
    successMessage: t('catalogue.created'),
    onSuccess: (p) => {
      onClose();
      navigate(`/procedures/${p.id}`);
    },
  });
  const update = useApiMutation('procedures.update', { quiet: true, successMessage: t('common:saved'), onSuccess: onClose });
  const mutation = procedure ? update : create;
  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });
  return (
    <Modal opened={opened} onClose={onClose} title={procedure ? t('form.titleEdit') : t('form.titleNew')} size="lg" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const { code, ...rest } = form;
          if (procedure) update.mutate({ id: procedure.id, ...rest });
          else create.mutate({ code, ...rest });
        }}
      >
        <Stack>
          <SimpleGrid cols={2}>
            <TextInput label={t('form.code')} placeholder={t('form.codeHint')} value={form.code} disabled={!!procedure} onChange={(e) => set({ code: e.currentTarget.value })} data-testid="procedure-code" />
            <NumberInput label={t('form.reviewMonths')} min={1} max={120} value={form.reviewMonths} onChange={(v) => set({ reviewMonths: Number(v) || 12 })} />
          </SimpleGrid>
          <TextInput label={t('form.name')} value={form.title} onChange={(e) => set({ title: e.currentTarget.value })} required data-testid="procedure-title" />
          <SimpleGrid cols={2}>
            <Select
              label={t('form.domain')}
              data={DOMAINS.map((d) => ({ value: d, label: t(`domain.${d}`) }))}
              value={form.domain}
              onChange={(v) => v && set({ domain: v as typeof form.domain })}
              allowDeselect={false}
              data-testid="procedure-domain"
            />
            <Select
              label={t('form.origin')}
              data={ORIGINS.map((o) => ({ value: o, label: t(`origin.${o}`) }))}
              value={form.origin}
              onChange={(v) => v && set({ origin: v as typeof form.origin })}
              allowDeselect={false}
            />
          </SimpleGrid>
          <TextInput label={t('form.owner')} description={t('form.ownerHint')} value={form.ownerRole} onChange={(e) => set({ ownerRole: e.currentTarget.value })} />
          <TextInput label={t('form.adminProcedure')} value={form.adminProcedure} onChange={(e) => set({ adminProcedure: e.currentTarget.value })} />
          <Textarea label={t('form.note')} value={form.note} onChange={(e) => set({ note: e.currentTarget.value })} autosize minRows={2} />
          <FormActions error={mutation.error} pending={mutation.isPending} onCancel={onClose} testId="procedure" />
        </Stack>
      </form>
    </Modal>
  );
}
