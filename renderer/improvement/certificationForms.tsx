import { NumberInput, Select, SimpleGrid, TagsInput, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../electron/api';
import { useApi } from '../api/hooks';
import { DateField } from '../components/DateField';
import { FormModal, useFields, useFormSave } from './FormModal';
import { ASSESSMENT_KINDS, type AssessmentKind } from '../../electron/common/improvement';

type Unit = { id: string; name: string };
type Certification = ApiOutput<'certification.get'>;
export type AssessmentRow = Certification['assessments'][number];
export type CertificateRow = Certification['certificates'][number];
export type DeclarationRow = Certification['declarations'][number];
type Standard = '2008' | '2015';

const standards = [
  { value: '2008', label: 'TCVN ISO 9001:2008' },
  { value: '2015', label: 'TCVN ISO 9001:2015' },
];

/** The certification bodies on record, for a select. */
function useCertifiers() {
  const orgs = useApi('orgs.list', { kind: 'certifier' }).data ?? [];
  return { orgs, options: orgs.map((o) => ({ value: o.id, label: o.name })) };
}

/** Records or corrects an external assessment: kind, body, dates, lead assessor and findings counts. */
export function AssessmentModal({ unit, initial, onClose }: { unit: Unit; initial?: AssessmentRow; onClose: () => void }) {
  const { t } = useTranslation('improvement');
  const { options } = useCertifiers();
  const [f, set] = useFields({
    organisationId: initial?.organisationId ?? null,
    kind: (initial?.kind ?? 'stage1') as AssessmentKind,
    startDate: initial?.startDate ?? null,
    endDate: initial?.endDate ?? null,
    leadAssessor: initial?.leadAssessor ?? '',
    majorCount: initial?.majorCount ?? 0,
    minorCount: initial?.minorCount ?? 0,
    observationCount: initial?.observationCount ?? 0,
    note: initial?.note ?? '',
  });
  const create = useFormSave('assessments.record', t('assessment.saved'), onClose);
  const update = useFormSave('assessments.update', t('assessment.saved'), onClose);
  const count = (v: string | number) => Math.max(0, Math.trunc(Number(v) || 0));
  return (
    <FormModal
      title={t(initial ? 'assessment.editTitle' : 'assessment.title', { unit: unit.name })}
      onClose={onClose}
      save={initial ? update : create}
      testId="assessment"
      onSubmit={() => {
        const values = { ...f, startDate: f.startDate ?? '' };
        if (initial) update.mutate({ id: initial.id, ...values });
        else create.mutate({ unitId: unit.id, ...values });
      }}
    >
      <SimpleGrid cols={2}>
        <Select
          label={t('assessment.kind')}
          value={f.kind}
          allowDeselect={false}
          onChange={(v) => set({ kind: (v ?? 'stage1') as AssessmentKind })}
          data={ASSESSMENT_KINDS.map((k) => ({ value: k, label: t(`assessment.kinds.${k}`) }))}
          data-testid="assessment-kind"
        />
        <Select
          label={t('assessment.body')}
          description={options.length ? undefined : t('assessment.noBodies')}
          placeholder={t('assessment.pickBody')}
          value={f.organisationId}
          clearable
          searchable
          data={options}
          onChange={(v) => set({ organisationId: v })}
          data-testid="assessment-body"
        />
        <DateField label={t('assessment.startDate')} required value={f.startDate} onChange={(v) => set({ startDate: v })} testId="assessment-start" />
        <DateField label={t('assessment.endDate')} value={f.endDate} onChange={(v) => set({ endDate: v })} />
      </SimpleGrid>
      <TextInput label={t('assessment.leadAssessor')} value={f.leadAssessor} onChange={(e) => set({ leadAssessor: e.currentTarget.value })} data-testid="assessment-lead" />
      <SimpleGrid cols={3}>
        <NumberInput label={t('assessment.major')} min={0} max={10000} allowDecimal={false} value={f.majorCount} onChange={(v) => set({ majorCount: count(v) })} />
        <NumberInput label={t('assessment.minor')} min={0} max={10000} allowDecimal={false} value={f.minorCount} onChange={(v) => set({ minorCount: count(v) })} data-testid="assessment-minor" />
        <NumberInput label={t('assessment.observations')} min={0} max={10000} allowDecimal={false} value={f.observationCount} onChange={(v) => set({ observationCount: count(v) })} />
      </SimpleGrid>
      <Textarea label={t('assessment.note')} autosize minRows={2} value={f.note} onChange={(e) => set({ note: e.currentTarget.value })} />
    </FormModal>
  );
}

/** Records or corrects a certificate; the expiry defaults to three years after issue. */
export function CertificateModal({ unit, initial, onClose }: { unit: Unit; initial?: CertificateRow; onClose: () => void }) {
  const { t } = useTranslation('improvement');
  const { orgs, options } = useCertifiers();
  const [f, set] = useFields({
    organisationId: initial?.organisationId ?? null,
    number: initial?.number ?? '',
    issuer: initial?.issuer ?? '',
    standard: (initial?.standard ?? '2008') as Standard,
    scope: initial?.scope ?? ([] as string[]),
    issueDate: initial?.issueDate ?? null,
    expiryDate: initial?.expiryDate ?? null,
    note: initial?.note ?? '',
  });
  const create = useFormSave('certificates.record', t('certificate.saved'), onClose);
  const update = useFormSave('certificates.update', t('certificate.saved'), onClose);
  return (
    <FormModal
      title={t(initial ? 'certificate.editTitle' : 'certificate.title', { unit: unit.name })}
      onClose={onClose}
      save={initial ? update : create}
      testId="certificate"
      onSubmit={() => {
        const values = { ...f, issueDate: f.issueDate ?? '' };
        if (initial) update.mutate({ id: initial.id, ...values });
        else create.mutate({ unitId: unit.id, ...values });
      }}
    >
      <SimpleGrid cols={2}>
        <TextInput label={t('declaration.number')} required value={f.number} onChange={(e) => set({ number: e.currentTarget.value })} data-testid="certificate-number" />
        <Select
          label={t('assessment.body')}
          placeholder={t('assessment.pickBody')}
          value={f.organisationId}
          clearable
          searchable
          data={options}
          onChange={(v) => set({ organisationId: v, issuer: orgs.find((o) => o.id === v)?.name ?? f.issuer })}
          data-testid="certificate-body"
        />
        <TextInput label={t('declaration.issuer')} required value={f.issuer} onChange={(e) => set({ issuer: e.currentTarget.value })} data-testid="certificate-issuer" />
        <Select label={t('declaration.standard')} value={f.standard} allowDeselect={false} onChange={(v) => set({ standard: (v ?? '2008') as Standard })} data={standards} />
        <DateField label={t('declaration.issueDate')} required value={f.issueDate} onChange={(v) => set({ issueDate: v })} testId="certificate-issue" />
        <DateField label={t('declaration.expiryDate')} description={t('certificate.expiryHint')} value={f.expiryDate} onChange={(v) => set({ expiryDate: v })} testId="certificate-expiry" />
      </SimpleGrid>
      <TagsInput
        label={t('declaration.scope')}
        description={t('audits.listHint')}
        required
        value={f.scope}
        onChange={(v) => set({ scope: v })}
        data-testid="certificate-scope"
      />
      <Textarea label={t('assessment.note')} autosize minRows={1} value={f.note} onChange={(e) => set({ note: e.currentTarget.value })} />
    </FormModal>
  );
}

/** Records or corrects the head's self-declaration decision. */
export function DeclarationModal({ unit, initial, onClose }: { unit: Unit; initial?: DeclarationRow; onClose: () => void }) {
  const { t } = useTranslation('improvement');
  const [f, set] = useFields({
    decisionNo: initial?.decisionNo ?? '',
    decisionDate: initial?.decisionDate ?? null,
    signer: initial?.signer ?? '',
    standard: (initial?.standard ?? '2015') as Standard,
    scope: initial?.scope ?? ([] as string[]),
    notifiedDate: initial?.notifiedDate ?? null,
    postedDate: initial?.postedDate ?? null,
    note: initial?.note ?? '',
  });
  const create = useFormSave('declarations.record', t('declaration.saved'), onClose);
  const update = useFormSave('declarations.update', t('declaration.saved'), onClose);
  return (
    <FormModal
      title={t(initial ? 'declaration.editTitle' : 'declaration.title', { unit: unit.name })}
      onClose={onClose}
      save={initial ? update : create}
      testId="declaration"
      onSubmit={() => {
        const values = { ...f, decisionDate: f.decisionDate ?? '' };
        if (initial) update.mutate({ id: initial.id, ...values });
        else create.mutate({ unitId: unit.id, ...values });
      }}
    >
      <SimpleGrid cols={2}>
        <TextInput label={t('declaration.decisionNo')} placeholder="123/QĐ-BHXH" required value={f.decisionNo} onChange={(e) => set({ decisionNo: e.currentTarget.value })} />
        <DateField label={t('declaration.decisionDate')} required value={f.decisionDate} onChange={(v) => set({ decisionDate: v })} />
        <TextInput label={t('declaration.signer')} value={f.signer} onChange={(e) => set({ signer: e.currentTarget.value })} />
        <Select label={t('declaration.standard')} value={f.standard} allowDeselect={false} onChange={(v) => set({ standard: (v ?? '2015') as Standard })} data={standards} />
        <DateField label={t('declaration.notifiedDate')} value={f.notifiedDate} onChange={(v) => set({ notifiedDate: v })} />
        <DateField label={t('declaration.postedDate')} value={f.postedDate} onChange={(v) => set({ postedDate: v })} />
      </SimpleGrid>
      <TagsInput label={t('declaration.scope')} description={t('audits.listHint')} required value={f.scope} onChange={(v) => set({ scope: v })} />
      <Textarea label={t('assessment.note')} autosize minRows={1} value={f.note} onChange={(e) => set({ note: e.currentTarget.value })} />
    </FormModal>
  );
}
