import { Checkbox, Divider, Modal, MultiSelect, Select, SimpleGrid, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isoDateOf, parseVnDate } from '../../electron/common/dates';
import { useApi, useApiMutation } from '../api/hooks';
import { DateField } from '../components/DateField';
import { FormActions } from '../components/FormActions';

const todayIso = () => isoDateOf(new Date());
const lines = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean);

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
  const [f, setF] = useState(blank);
  useEffect(() => {
    if (opened) setF(blank());
  }, [opened]);
  const save = useApiMutation('audits.plan', { quiet: true, successMessage: t('audits.planned_ok'), onSuccess: onClose });
  const register = useApi('training.auditors', {}, { enabled: opened }).data ?? [];
  const options = register.map((r) => ({ value: r.staffId, label: `${r.fullName} · ${r.department || r.unitName}` }));
  const set = (patch: Partial<typeof f>) => setF({ ...f, ...patch });
  const pickLead = (staffId: string | null) => {
    const r = register.find((x) => x.staffId === staffId);
    set(r ? { leadStaffId: r.staffId, leadName: r.fullName, leadDepartment: r.department, leadTrained: true } : { leadStaffId: '' });
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('audits.planTitle', { unit: unit.name })} size="xl" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
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
        <Stack>
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
          <FormActions error={save.error} pending={save.isPending} onCancel={onClose} testId="audit" />
        </Stack>
      </form>
    </Modal>
  );
}

/** Records an audit as held, with its dates and summary. */
export function AuditDoneModal({ audit, opened, onClose }: { audit: { id: string; plannedStart: string; plannedEnd: string | null }; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('improvement');
  const [f, setF] = useState({ actualStart: audit.plannedStart as string | null, actualEnd: (audit.plannedEnd ?? audit.plannedStart) as string | null, summary: '' });
  const save = useApiMutation('audits.update', { quiet: true, successMessage: t('audits.doneSaved'), onSuccess: onClose });
  return (
    <Modal opened={opened} onClose={onClose} title={t('audits.markDone')} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ id: audit.id, status: 'done', actualStart: f.actualStart, actualEnd: f.actualEnd, summary: f.summary });
        }}
      >
        <Stack>
          <SimpleGrid cols={2}>
            <DateField label={t('audits.actualStart')} value={f.actualStart} onChange={(v) => setF({ ...f, actualStart: v })} testId="audit-actual-start" />
            <DateField label={t('audits.actualEnd')} required value={f.actualEnd} onChange={(v) => setF({ ...f, actualEnd: v })} testId="audit-actual-end" />
          </SimpleGrid>
          <Textarea label={t('audits.summary')} autosize minRows={3} value={f.summary} onChange={(e) => setF({ ...f, summary: e.currentTarget.value })} />
          <FormActions error={save.error} pending={save.isPending} onCancel={onClose} testId="audit-done" />
        </Stack>
      </form>
    </Modal>
  );
}

/** Records a finding of an audit and, for a nonconformity, its corrective action. */
export function FindingModal({ auditId, opened, onClose }: { auditId: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('improvement');
  const blank = () => ({
    severity: 'minor' as 'major' | 'minor' | 'observation',
    clause: '',
    procedureCode: '',
    department: '',
    description: '',
    evidence: '',
    foundDate: todayIso() as string | null,
    rootCause: '',
    action: '',
    owner: '',
    dueDate: null as string | null,
  });
  const [f, setF] = useState(blank);
  useEffect(() => {
    if (opened) setF(blank());
  }, [opened]);
  const save = useApiMutation('findings.record', { quiet: true, successMessage: t('finding.saved'), onSuccess: onClose });
  const set = (patch: Partial<typeof f>) => setF({ ...f, ...patch });
  const nonconformity = f.severity !== 'observation';
  return (
    <Modal opened={opened} onClose={onClose} title={t('finding.title')} size="xl" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({
            source: 'internal_audit',
            auditId,
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
          });
        }}
      >
        <Stack>
          <SimpleGrid cols={4}>
            <Select
              label={t('finding.severity')}
              value={f.severity}
              allowDeselect={false}
              onChange={(v) => set({ severity: (v ?? 'minor') as typeof f.severity })}
              data={(['major', 'minor', 'observation'] as const).map((s) => ({ value: s, label: t(`finding.severities.${s}`) }))}
              data-testid="finding-severity"
            />
            <TextInput label={t('finding.clause')} description={t('finding.referenceHint')} value={f.clause} onChange={(e) => set({ clause: e.currentTarget.value })} data-testid="finding-clause" />
            <TextInput label={t('finding.procedureCode')} description=" " value={f.procedureCode} onChange={(e) => set({ procedureCode: e.currentTarget.value })} />
            <DateField label={t('finding.foundDate')} description=" " required value={f.foundDate} onChange={(v) => set({ foundDate: v })} />
          </SimpleGrid>
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
                <DateField label={t('finding.dueDate')} required value={f.dueDate} onChange={(v) => set({ dueDate: v })} testId="finding-due" />
              </SimpleGrid>
            </>
          )}
          <FormActions error={save.error} pending={save.isPending} onCancel={onClose} testId="finding" />
        </Stack>
      </form>
    </Modal>
  );
}

/** Records the head's self-declaration decision. */
export function DeclarationModal({ unit, opened, onClose }: { unit: { id: string; name: string }; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('improvement');
  const [f, setF] = useState({
    decisionNo: '',
    decisionDate: null as string | null,
    signer: '',
    standard: '2015' as '2008' | '2015',
    scope: [] as string[],
    notifiedDate: null as string | null,
    postedDate: null as string | null,
  });
  const save = useApiMutation('declarations.record', { quiet: true, successMessage: t('declaration.saved'), onSuccess: onClose });
  const set = (patch: Partial<typeof f>) => setF({ ...f, ...patch });
  return (
    <Modal opened={opened} onClose={onClose} title={t('declaration.title', { unit: unit.name })} size="lg" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ unitId: unit.id, ...f, decisionDate: f.decisionDate ?? '' });
        }}
      >
        <Stack>
          <SimpleGrid cols={2}>
            <TextInput label={t('declaration.decisionNo')} placeholder="123/QĐ-BHXH" required value={f.decisionNo} onChange={(e) => set({ decisionNo: e.currentTarget.value })} />
            <DateField label={t('declaration.decisionDate')} required value={f.decisionDate} onChange={(v) => set({ decisionDate: v })} />
            <TextInput label={t('declaration.signer')} value={f.signer} onChange={(e) => set({ signer: e.currentTarget.value })} />
            <Select
              label={t('declaration.standard')}
              value={f.standard}
              allowDeselect={false}
              onChange={(v) => set({ standard: (v ?? '2015') as '2008' | '2015' })}
              data={[
                { value: '2008', label: 'TCVN ISO 9001:2008' },
                { value: '2015', label: 'TCVN ISO 9001:2015' },
              ]}
            />
            <DateField label={t('declaration.notifiedDate')} value={f.notifiedDate} onChange={(v) => set({ notifiedDate: v })} />
            <DateField label={t('declaration.postedDate')} value={f.postedDate} onChange={(v) => set({ postedDate: v })} />
          </SimpleGrid>
          <TagsInput label={t('declaration.scope')} description={t('audits.listHint')} required value={f.scope} onChange={(v) => set({ scope: v })} />
          <FormActions error={save.error} pending={save.isPending} onCancel={onClose} testId="declaration" />
        </Stack>
      </form>
    </Modal>
  );
}

const inputKeys = ['auditResults', 'feedback', 'processPerformance', 'actionsStatus', 'previousReviews', 'changes', 'improvements'] as const;

/** Records a management review: inputs, conclusions and decisions that become tracked actions. */
export function ReviewModal({ unit, opened, onClose }: { unit: { id: string; name: string }; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('improvement');
  const [f, setF] = useState({
    reviewDate: null as string | null,
    chair: '',
    attendees: '',
    minutesNo: '',
    conclusions: '',
    decisions: '',
    inputs: {} as Partial<Record<(typeof inputKeys)[number], string>>,
  });
  const [lineError, setLineError] = useState<string | null>(null);
  const save = useApiMutation('reviews.record', { quiet: true, successMessage: t('review.saved'), onSuccess: onClose });
  const set = (patch: Partial<typeof f>) => setF({ ...f, ...patch });
  return (
    <Modal opened={opened} onClose={onClose} title={t('review.title', { unit: unit.name })} size="xl" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setLineError(null);
          const decisions = [];
          for (const line of lines(f.decisions)) {
            const [title = '', owner = '', due = ''] = line.split(';').map((x) => x.trim());
            const dueDate = parseVnDate(due);
            if (!title || !owner || !dueDate) return setLineError(t('review.badDecision', { line }));
            decisions.push({ title, owner, dueDate });
          }
          save.mutate({ unitId: unit.id, reviewDate: f.reviewDate ?? '', chair: f.chair, attendees: f.attendees, minutesNo: f.minutesNo, conclusions: f.conclusions, inputs: f.inputs, decisions });
        }}
      >
        <Stack>
          <SimpleGrid cols={3}>
            <DateField label={t('review.reviewDate')} required value={f.reviewDate} onChange={(v) => set({ reviewDate: v })} />
            <TextInput label={t('review.chair')} required value={f.chair} onChange={(e) => set({ chair: e.currentTarget.value })} />
            <TextInput label={t('review.minutesNo')} value={f.minutesNo} onChange={(e) => set({ minutesNo: e.currentTarget.value })} />
          </SimpleGrid>
          <TextInput label={t('review.attendees')} value={f.attendees} onChange={(e) => set({ attendees: e.currentTarget.value })} />
          <SimpleGrid cols={2}>
            {inputKeys.map((k) => (
              <Textarea key={k} label={t(`review.inputs.${k}`)} autosize minRows={1} value={f.inputs[k] ?? ''} onChange={(e) => set({ inputs: { ...f.inputs, [k]: e.currentTarget.value } })} />
            ))}
          </SimpleGrid>
          <Textarea label={t('review.conclusions')} autosize minRows={2} value={f.conclusions} onChange={(e) => set({ conclusions: e.currentTarget.value })} />
          <Textarea label={t('review.decisions')} autosize minRows={2} value={f.decisions} error={lineError} onChange={(e) => set({ decisions: e.currentTarget.value })} />
          <FormActions error={save.error} pending={save.isPending} onCancel={onClose} testId="review" />
        </Stack>
      </form>
    </Modal>
  );
}

/** Verifies a completed action: who, when, effective or not. */
export function VerifyModal({ action, onClose }: { action: { id: string; title: string } | null; onClose: () => void }) {
  const { t } = useTranslation('improvement');
  const [f, setF] = useState({ verifiedBy: '', verifiedDate: todayIso() as string | null, effective: true, note: '' });
  useEffect(() => setF({ verifiedBy: '', verifiedDate: todayIso(), effective: true, note: '' }), [action?.id]);
  const save = useApiMutation('actions.verify', { quiet: true, successMessage: t('actions.verified'), onSuccess: onClose });
  if (!action) return null;
  return (
    <Modal opened={!!action} onClose={onClose} title={t('actions.verifyTitle', { title: action.title })} size="lg" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ id: action.id, verifiedBy: f.verifiedBy, verifiedDate: f.verifiedDate ?? '', effective: f.effective, note: f.note });
        }}
      >
        <Stack>
          <SimpleGrid cols={2}>
            <TextInput label={t('actions.verifiedBy')} required value={f.verifiedBy} onChange={(e) => setF({ ...f, verifiedBy: e.currentTarget.value })} data-testid="verify-by" />
            <DateField label={t('actions.verifiedDate')} required value={f.verifiedDate} onChange={(v) => setF({ ...f, verifiedDate: v })} />
          </SimpleGrid>
          <Checkbox label={t('actions.effective')} checked={f.effective} onChange={(e) => setF({ ...f, effective: e.currentTarget.checked })} />
          <Textarea label={t('actions.note')} autosize minRows={2} value={f.note} onChange={(e) => setF({ ...f, note: e.currentTarget.value })} />
          <FormActions error={save.error} pending={save.isPending} onCancel={onClose} testId="verify" />
        </Stack>
      </form>
    </Modal>
  );
}
