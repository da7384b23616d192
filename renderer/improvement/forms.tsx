import { Checkbox, Divider, MultiSelect, Select, SimpleGrid, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatVnDate } from '../../electron/common/dates';
import { useApi } from '../api/hooks';
import { DateField } from '../components/DateField';
import { FormModal, lines, todayIso, useFields, useFormSave } from './FormModal';

/** Plans an internal audit: scope, dates, lead auditor and team. */
export function PlanAuditModal({ unit, opened, onClose }: { unit: { id: string; name: string }; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('improvement');
  const blank = () => ({
    title: '',
    plannedStart: null as string | null,
    plannedEnd: null as string | null,
    clauses: [] as string[],
    procedures: [] as string[],
    departments: [] as string[],
    checklist: '',
    leadName: '',
    leadDepartment: '',
    leadStaffId: '',
    leadTrained: true,
    registered: [] as string[],
    members: '',
  });
  const [f, set, reset] = useFields(blank);
  useEffect(() => {
    if (opened) reset(blank());
  }, [opened]);
  const save = useFormSave('audits.plan', t('audits.planned_ok'), onClose);
  const register = useApi('training.auditors', {}, { enabled: opened }).data ?? [];
  const options = register.map((r) => ({ value: r.staffId, label: `${r.fullName} · ${r.department || r.unitName}` }));
  const pickLead = (staffId: string | null) => {
    const r = register.find((x) => x.staffId === staffId);
    set(r ? { leadStaffId: r.staffId, leadName: r.fullName, leadDepartment: r.department, leadTrained: true } : { leadStaffId: '' });
  };
  return (
    <FormModal
      opened={opened}
      title={t('audits.planTitle', { unit: unit.name })}
      size="xl"
      onClose={onClose}
      save={save}
      testId="audit"
      onSubmit={() => {
        type Member = { role: 'member'; fullName: string; department: string; internalAuditCourse: boolean; staffId?: string | null };
        const members: Member[] = lines(f.members).map((l) => {
          const [fullName, department = '', trained = ''] = l.split(';').map((x) => x.trim());
          return { role: 'member' as const, fullName, department, internalAuditCourse: /^(x|có|co|yes|y)$/i.test(trained) };
        });
        for (const staffId of f.registered) {
          const r = register.find((x) => x.staffId === staffId);
          if (r && staffId !== f.leadStaffId) members.push({ role: 'member', fullName: r.fullName, department: r.department, internalAuditCourse: true, staffId });
        }
        save.mutate({
          unitId: unit.id,
          title: f.title,
          plannedStart: f.plannedStart ?? '',
          plannedEnd: f.plannedEnd,
          clauses: f.clauses,
          procedures: f.procedures,
          departments: f.departments,
          checklist: lines(f.checklist),
          team: [
            { role: 'lead', fullName: f.leadName, department: f.leadDepartment, staffId: f.leadStaffId || null, internalAuditCourse: f.leadTrained },
            ...members,
          ],
        });
      }}
    >
      <TextInput label={t('audits.titleField')} required value={f.title} onChange={(e) => set({ title: e.currentTarget.value })} data-testid="audit-title" />
      <SimpleGrid cols={2}>
        <DateField label={t('audits.plannedStart')} required value={f.plannedStart} onChange={(v) => set({ plannedStart: v })} testId="audit-start" />
        <DateField label={t('audits.plannedEnd')} value={f.plannedEnd} onChange={(v) => set({ plannedEnd: v })} />
      </SimpleGrid>
      <SimpleGrid cols={3}>
        <TagsInput label={t('audits.clauses')} description={t('audits.listHint')} value={f.clauses} onChange={(v) => set({ clauses: v })} data-testid="audit-clauses" />
        <TagsInput label={t('audits.procedures')} description={t('audits.listHint')} value={f.procedures} onChange={(v) => set({ procedures: v })} />
        <TagsInput label={t('audits.departments')} description={t('audits.listHint')} value={f.departments} onChange={(v) => set({ departments: v })} data-testid="audit-departments" />
      </SimpleGrid>
      <Textarea label={t('audits.checklist')} autosize minRows={2} value={f.checklist} onChange={(e) => set({ checklist: e.currentTarget.value })} />
      <Divider label={t('audits.teamTitle')} labelPosition="left" />
      {register.length > 0 && (
        <SimpleGrid cols={2}>
          <Select label={t('audits.pickLead')} searchable clearable data={options} value={f.leadStaffId || null} onChange={pickLead} />
          <MultiSelect label={t('audits.pickMembers')} searchable data={options} value={f.registered} onChange={(v) => set({ registered: v })} />
        </SimpleGrid>
      )}
      <SimpleGrid cols={3}>
        <TextInput label={t('audits.leadName')} required value={f.leadName} onChange={(e) => set({ leadName: e.currentTarget.value })} data-testid="audit-lead" />
        <TextInput label={t('audits.leadDepartment')} value={f.leadDepartment} onChange={(e) => set({ leadDepartment: e.currentTarget.value })} data-testid="audit-lead-department" />
        <TextInput label={t('audits.staffId')} value={f.leadStaffId} onChange={(e) => set({ leadStaffId: e.currentTarget.value })} />
      </SimpleGrid>
      <Checkbox label={t('audits.trained')} checked={f.leadTrained} onChange={(e) => set({ leadTrained: e.currentTarget.checked })} />
      <Textarea label={t('audits.members')} autosize minRows={2} value={f.members} onChange={(e) => set({ members: e.currentTarget.value })} />
    </FormModal>
  );
}

/** Records an audit as held, with its dates and summary. */
export function AuditDoneModal({ audit, opened, onClose }: { audit: { id: string; plannedStart: string; plannedEnd: string | null }; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('improvement');
  const [f, set] = useFields({ actualStart: audit.plannedStart as string | null, actualEnd: (audit.plannedEnd ?? audit.plannedStart) as string | null, summary: '' });
  const save = useFormSave('audits.update', t('audits.doneSaved'), onClose);
  return (
    <FormModal
      opened={opened}
      title={t('audits.markDone')}
      size="md"
      onClose={onClose}
      save={save}
      testId="audit-done"
      onSubmit={() => save.mutate({ id: audit.id, status: 'done', actualStart: f.actualStart, actualEnd: f.actualEnd, summary: f.summary })}
    >
      <SimpleGrid cols={2}>
        <DateField label={t('audits.actualStart')} value={f.actualStart} onChange={(v) => set({ actualStart: v })} testId="audit-actual-start" />
        <DateField label={t('audits.actualEnd')} required value={f.actualEnd} onChange={(v) => set({ actualEnd: v })} testId="audit-actual-end" />
      </SimpleGrid>
      <Textarea label={t('audits.summary')} autosize minRows={3} value={f.summary} onChange={(e) => set({ summary: e.currentTarget.value })} />
    </FormModal>
  );
}

/** Where a finding comes from: an internal audit, an external assessment or an inspection. */
export type FindingSource =
  | { kind: 'internal_audit'; auditId: string }
  | { kind: 'external_assessment'; assessmentId: string }
  | { kind: 'inspection'; inspectionId: string; deadline: string };

function sourceFields(source: FindingSource) {
  switch (source.kind) {
    case 'internal_audit':
      return { source: source.kind, auditId: source.auditId };
    case 'external_assessment':
      return { source: source.kind, assessmentId: source.assessmentId };
    case 'inspection':
      return { source: source.kind, inspectionId: source.inspectionId };
  }
}

/**
 * Records a finding and, for a nonconformity, its corrective action. After an
 * inspection the action is due at the latest two months after the minutes:
 * the form starts on that date and says so.
 */
export function FindingModal(props: { source: FindingSource; context?: string; foundDate?: string; opened: boolean; onClose: () => void }) {
  const { source, context, opened, onClose } = props;
  const { t } = useTranslation('improvement');
  const deadline = source.kind === 'inspection' ? source.deadline : null;
  const blank = () => ({
    severity: 'minor' as 'major' | 'minor' | 'observation',
    clause: '',
    procedureCode: '',
    department: '',
    description: '',
    evidence: '',
    foundDate: (props.foundDate ?? todayIso()) as string | null,
    rootCause: '',
    action: '',
    owner: '',
    dueDate: deadline,
  });
  const [f, set, reset] = useFields(blank);
  useEffect(() => {
    if (opened) reset(blank());
  }, [opened]);
  const save = useFormSave('findings.record', t('finding.saved'), onClose);
  const nonconformity = f.severity !== 'observation';
  return (
    <FormModal
      opened={opened}
      title={context ? `${t('finding.title')} — ${context}` : t('finding.title')}
      size="xl"
      onClose={onClose}
      save={save}
      testId="finding"
      onSubmit={() =>
        save.mutate({
          ...sourceFields(source),
          severity: f.severity,
          clause: f.clause,
          procedureCode: f.procedureCode,
          department: f.department,
          description: f.description,
          evidence: f.evidence,
          foundDate: f.foundDate ?? '',
          correctiveAction: nonconformity
            ? { owner: f.owner, dueDate: f.dueDate, rootCause: f.rootCause, action: f.action }
            : undefined,
        })
      }
    >
      <SimpleGrid cols={4}>
        <Select
          label={t('finding.severity')}
          value={f.severity}
          allowDeselect={false}
          onChange={(v) => set({ severity: (v ?? 'minor') as typeof f.severity })}
          data={(['major', 'minor', 'observation'] as const).map((s) => ({ value: s, label: t(`finding.severities.${s}`) }))}
          data-testid="finding-severity"
        />
        <TextInput label={t('finding.clause')} value={f.clause} onChange={(e) => set({ clause: e.currentTarget.value })} data-testid="finding-clause" />
        <TextInput label={t('finding.procedureCode')} value={f.procedureCode} onChange={(e) => set({ procedureCode: e.currentTarget.value })} data-testid="finding-procedure" />
        <DateField label={t('finding.foundDate')} required value={f.foundDate} onChange={(v) => set({ foundDate: v })} />
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt={-8}>
        {t('finding.referenceHint')}
      </Text>
      <TextInput label={t('finding.department')} value={f.department} onChange={(e) => set({ department: e.currentTarget.value })} />
      <Textarea label={t('finding.description')} required autosize minRows={2} value={f.description} onChange={(e) => set({ description: e.currentTarget.value })} data-testid="finding-description" />
      <Textarea label={t('finding.evidence')} autosize minRows={1} value={f.evidence} onChange={(e) => set({ evidence: e.currentTarget.value })} />
      {nonconformity && (
        <>
          <Divider label={t('finding.actionTitle')} labelPosition="left" />
          <SimpleGrid cols={2}>
            <Textarea label={t('finding.rootCause')} autosize minRows={1} value={f.rootCause} onChange={(e) => set({ rootCause: e.currentTarget.value })} />
            <Textarea label={t('finding.action')} autosize minRows={1} value={f.action} onChange={(e) => set({ action: e.currentTarget.value })} />
            <TextInput label={t('finding.owner')} required value={f.owner} onChange={(e) => set({ owner: e.currentTarget.value })} data-testid="finding-owner" />
            <DateField
              label={t('finding.dueDate')}
              description={deadline ? t('inspection.deadlineHint', { date: formatVnDate(deadline) }) : undefined}
              required
              value={f.dueDate}
              onChange={(v) => set({ dueDate: v })}
              testId="finding-due"
            />
          </SimpleGrid>
        </>
      )}
    </FormModal>
  );
}

/** Verifies a completed action: who, when, effective or not. */
export function VerifyModal({ action, onClose }: { action: { id: string; title: string } | null; onClose: () => void }) {
  const { t } = useTranslation('improvement');
  const blank = () => ({ verifiedBy: '', verifiedDate: todayIso() as string | null, effective: true, note: '' });
  const [f, set, reset] = useFields(blank);
  useEffect(() => reset(blank()), [action?.id]);
  const save = useFormSave('actions.verify', t('actions.verified'), onClose);
  if (!action) return null;
  return (
    <FormModal
      title={t('actions.verifyTitle', { title: action.title })}
      onClose={onClose}
      save={save}
      testId="verify"
      onSubmit={() => save.mutate({ id: action.id, verifiedBy: f.verifiedBy, verifiedDate: f.verifiedDate ?? '', effective: f.effective, note: f.note })}
    >
      <SimpleGrid cols={2}>
        <TextInput label={t('actions.verifiedBy')} required value={f.verifiedBy} onChange={(e) => set({ verifiedBy: e.currentTarget.value })} data-testid="verify-by" />
        <DateField label={t('actions.verifiedDate')} required value={f.verifiedDate} onChange={(v) => set({ verifiedDate: v })} />
      </SimpleGrid>
      <Checkbox label={t('actions.effective')} checked={f.effective} onChange={(e) => set({ effective: e.currentTarget.checked })} />
      <Textarea label={t('actions.note')} autosize minRows={2} value={f.note} onChange={(e) => set({ note: e.currentTarget.value })} />
    </FormModal>
  );
}
