import { NumberInput, Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../electron/api';
import { useApi } from '../api/hooks';
import { DateField } from '../components/DateField';
import { FormModal, useFields, useFormSave } from './FormModal';
import { ENGAGEMENT_SERVICES } from '../../electron/common/improvement';

export type OrgRow = ApiOutput<'orgs.list'>[number];
export type EngagementRow = OrgRow['engagements'][number];
type Kind = OrgRow['kind'];
type Service = (typeof ENGAGEMENT_SERVICES)[number];

/** Adds or corrects a consultant or certification body. */
export function OrganisationModal({ initial, onClose }: { initial?: OrgRow; onClose: () => void }) {
  const { t } = useTranslation('improvement');
  const [f, set] = useFields({
    kind: (initial?.kind ?? 'consultant') as Kind,
    name: initial?.name ?? '',
    registrationNo: initial?.registrationNo ?? '',
    contacts: initial?.contacts ?? '',
    note: initial?.note ?? '',
  });
  const create = useFormSave('orgs.create', t('orgs.saved'), onClose);
  const update = useFormSave('orgs.update', t('orgs.saved'), onClose);
  return (
    <FormModal
      title={initial ? t('orgs.editTitle', { name: initial.name }) : t('orgs.add')}
      onClose={onClose}
      save={initial ? update : create}
      testId="org"
      onSubmit={() => (initial ? update.mutate({ id: initial.id, ...f }) : create.mutate(f))}
    >
      <SimpleGrid cols={2}>
        <Select
          label={t('orgs.kind')}
          value={f.kind}
          allowDeselect={false}
          onChange={(v) => set({ kind: (v ?? 'consultant') as Kind })}
          data={(['consultant', 'certifier'] as const).map((k) => ({ value: k, label: t(`orgs.kinds.${k}`) }))}
          data-testid="org-kind"
        />
        <TextInput
          label={t('orgs.registrationNo')}
          placeholder={t('orgs.registrationHint')}
          value={f.registrationNo}
          onChange={(e) => set({ registrationNo: e.currentTarget.value })}
        />
      </SimpleGrid>
      <TextInput label={t('orgs.name')} required value={f.name} onChange={(e) => set({ name: e.currentTarget.value })} data-testid="org-name" />
      <Textarea
        label={t('orgs.contacts')}
        placeholder={t('orgs.contactsHint')}
        autosize
        minRows={2}
        value={f.contacts}
        onChange={(e) => set({ contacts: e.currentTarget.value })}
        data-testid="org-contacts"
      />
      <Textarea label={t('assessment.note')} autosize minRows={1} value={f.note} onChange={(e) => set({ note: e.currentTarget.value })} />
    </FormModal>
  );
}

/** A contract between an organisation and a unit it serves: service, number, value in đồng and dates. */
export function EngagementModal({ organisation, onClose }: { organisation: Pick<OrgRow, 'id' | 'name' | 'kind'>; onClose: () => void }) {
  const { t } = useTranslation('improvement');
  const units = useApi('units.list', {}).data ?? [];
  const [f, set] = useFields({
    unitId: null as string | null,
    service: (organisation.kind === 'certifier' ? 'certification' : 'consulting') as Service,
    contractNo: '',
    contractValue: null as number | null,
    startDate: null as string | null,
    endDate: null as string | null,
    note: '',
  });
  const [unitError, setUnitError] = useState<string | null>(null);
  const save = useFormSave('orgs.addEngagement', t('engagement.saved'), onClose);
  return (
    <FormModal
      title={t('engagement.title', { name: organisation.name })}
      onClose={onClose}
      save={save}
      testId="engagement"
      onSubmit={() => {
        if (!f.unitId) return setUnitError(t('engagement.unitRequired'));
        save.mutate({ organisationId: organisation.id, ...f, unitId: f.unitId });
      }}
    >
      <SimpleGrid cols={2}>
        <Select
          label={t('engagement.unit')}
          placeholder={t('engagement.pickUnit')}
          required
          searchable
          value={f.unitId}
          error={unitError}
          onChange={(v) => (setUnitError(null), set({ unitId: v }))}
          data={units.map((u) => ({ value: u.id, label: `${u.code} · ${u.name}` }))}
          data-testid="engagement-unit"
        />
        <Select
          label={t('engagement.service')}
          value={f.service}
          allowDeselect={false}
          onChange={(v) => set({ service: (v ?? 'consulting') as Service })}
          data={ENGAGEMENT_SERVICES.map((s) => ({ value: s, label: t(`engagement.services.${s}`) }))}
        />
        <TextInput label={t('engagement.contractNo')} placeholder="05/2012/HĐ-TV" value={f.contractNo} onChange={(e) => set({ contractNo: e.currentTarget.value })} data-testid="engagement-no" />
        <NumberInput
          label={t('engagement.value')}
          min={0}
          allowDecimal={false}
          allowNegative={false}
          thousandSeparator="."
          decimalSeparator=","
          hideControls
          value={f.contractValue ?? ''}
          onChange={(v) => set({ contractValue: v === '' ? null : Number(v) })}
          data-testid="engagement-value"
        />
        <DateField label={t('engagement.startDate')} value={f.startDate} onChange={(v) => set({ startDate: v })} testId="engagement-start" />
        <DateField label={t('engagement.endDate')} value={f.endDate} onChange={(v) => set({ endDate: v })} testId="engagement-end" />
      </SimpleGrid>
      <Textarea label={t('assessment.note')} autosize minRows={1} value={f.note} onChange={(e) => set({ note: e.currentTarget.value })} />
    </FormModal>
  );
}
