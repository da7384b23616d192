import { Badge, Button, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatVnDate } from '../../electron/common/dates';
import { useApi, useApiMutation } from '../api/hooks';
import { type Column, DataTable } from '../components/DataTable';
import { DateField } from '../components/DateField';
import {
  AssessmentModal,
  type AssessmentRow,
  CertificateModal,
  type CertificateRow,
  DeclarationModal,
  type DeclarationRow,
} from './certificationForms';
import { todayIso } from './FormModal';
import { FindingModal } from './forms';
import { noClip, RowActions, type UnitRef as Unit } from './parts';

type Editing =
  | { kind: 'assessment'; row?: AssessmentRow }
  | { kind: 'certificate'; row?: CertificateRow }
  | { kind: 'declaration'; row?: DeclarationRow }
  | null;

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Stack gap={6}>
      <Title order={5}>{title}</Title>
      {children}
    </Stack>
  );
}

/**
 * A unit's step 3: self-declarations, external assessments and certificates,
 * and the current scope that a declaration must cover. Everything can be
 * added, corrected and (after a confirmation) removed.
 */
export function CertificationPanel({ unit }: { unit: Unit }) {
  const { t } = useTranslation('improvement');
  const c = useApi('certification.get', { unitId: unit.id }).data;
  const orgs = useApi('orgs.list', {}).data ?? [];
  const findings = useApi('findings.list', { unitId: unit.id }).data ?? [];
  const [editing, setEditing] = useState<Editing>(null);
  const [findingFor, setFindingFor] = useState<AssessmentRow | null>(null);
  const removed = { successMessage: t('deleted') };
  const delAssessment = useApiMutation('assessments.delete', removed);
  const delCertificate = useApiMutation('certificates.delete', removed);
  const delDeclaration = useApiMutation('declarations.delete', removed);
  const delCode = useApiMutation('scopeCodes.remove', removed);
  if (!c) return <Loader />;
  const orgName = (id: string | null) => orgs.find((o) => o.id === id)?.name ?? '';
  const newCodes = new Set(c.redeclaration.newCodes.map((n) => n.code));

  const declarationColumns: Column<DeclarationRow>[] = [
    { key: 'no', header: t('declaration.decisionNo'), value: (d) => d.decisionNo },
    { key: 'date', header: t('declaration.decisionDate'), value: (d) => d.decisionDate, type: 'date' },
    { key: 'signer', header: t('declaration.signer'), value: (d) => d.signer },
    { key: 'standard', header: t('declaration.standard'), value: (d) => `ISO 9001:${d.standard}` },
    { key: 'scope', header: t('declaration.scope'), value: (d) => d.scope.join(', ') },
    { key: 'notified', header: t('declaration.notifiedDate'), value: (d) => d.notifiedDate, type: 'date' },
    { key: 'posted', header: t('declaration.postedDate'), value: (d) => d.postedDate, type: 'date' },
    {
      key: 'buttons',
      header: '',
      value: () => null,
      render: (d) => (
        <RowActions name={d.decisionNo} onEdit={() => setEditing({ kind: 'declaration', row: d })} onDelete={() => delDeclaration.mutate({ id: d.id })} />
      ),
    },
  ];

  const assessmentColumns: Column<AssessmentRow>[] = [
    { key: 'kind', header: t('assessment.kind'), value: (a) => t(`assessment.kindsShort.${a.kind}`) },
    { key: 'start', header: t('assessment.start'), value: (a) => a.startDate, type: 'date' },
    { key: 'end', header: t('assessment.end'), value: (a) => a.endDate, type: 'date' },
    { key: 'body', header: t('assessment.bodyShort'), value: (a) => orgName(a.organisationId) },
    { key: 'lead', header: t('assessment.leadShort'), value: (a) => a.leadAssessor },
    { key: 'major', header: t('assessment.majorShort'), value: (a) => a.majorCount, type: 'number', width: 70 },
    { key: 'minor', header: t('assessment.minorShort'), value: (a) => a.minorCount, type: 'number', width: 70 },
    { key: 'obs', header: t('assessment.observationsShort'), value: (a) => a.observationCount, type: 'number', width: 70 },
    {
      key: 'buttons',
      header: '',
      value: () => null,
      render: (a) => (
        <RowActions
          name={`${t(`assessment.kinds.${a.kind}`)} ${formatVnDate(a.startDate)}`}
          onEdit={() => setEditing({ kind: 'assessment', row: a })}
          onDelete={() => delAssessment.mutate({ id: a.id })}
        >
          <Button size="compact-xs" variant="subtle" onClick={() => setFindingFor(a)} title={t('audits.addFinding')}>
            {t('assessment.addFinding', { count: findings.filter((f) => f.assessmentId === a.id).length })}
          </Button>
        </RowActions>
      ),
    },
  ];

  const certificateColumns: Column<CertificateRow>[] = [
    { key: 'number', header: t('declaration.number'), value: (x) => x.number, render: (x) => <Text size="sm" style={{ whiteSpace: 'nowrap' }}>{x.number}</Text> },
    { key: 'issuer', header: t('declaration.issuer'), value: (x) => x.issuer },
    { key: 'standard', header: t('declaration.standard'), value: (x) => `ISO 9001:${x.standard}` },
    { key: 'scope', header: t('declaration.scope'), value: (x) => x.scope.join(', ') },
    { key: 'issue', header: t('declaration.issueDate'), value: (x) => x.issueDate, type: 'date' },
    { key: 'expiry', header: t('declaration.expiryDate'), value: (x) => x.expiryDate, type: 'date' },
    {
      key: 'surveillance',
      header: t('declaration.surveillance'),
      value: (x) => x.surveillance.map((v) => `${formatVnDate(v.due)}${v.doneOn ? ' ✓' : ''}`).join(' · '),
      render: (x) => (
        <Group gap={4}>
          {x.surveillance.map((v) => (
            <Badge key={v.due} size="sm" variant="light" color={v.doneOn ? 'green' : 'gray'} tt="none" styles={noClip}>
              {formatVnDate(v.due)}
              {v.doneOn ? ' ✓' : ''}
            </Badge>
          ))}
        </Group>
      ),
    },
    {
      key: 'buttons',
      header: '',
      value: () => null,
      render: (x) => (
        <RowActions
          name={`${x.number} (${x.issuer})`}
          testId={`certificate-${x.number}`}
          onEdit={() => setEditing({ kind: 'certificate', row: x })}
          onDelete={() => delCertificate.mutate({ id: x.id })}
        />
      ),
    },
  ];

  type ScopeRow = (typeof c.scopeCodes)[number];
  const scopeColumns: Column<ScopeRow>[] = [
    { key: 'code', header: t('declaration.code'), value: (s) => s.code },
    { key: 'added', header: t('declaration.addedDate'), value: (s) => s.addedDate, type: 'date' },
    {
      key: 'declared',
      header: t('declaration.covered'),
      value: (s) => (newCodes.has(s.code) ? t('declaration.notCovered') : c.redeclaration.declaration ? t('declaration.isCovered') : ''),
      render: (s) =>
        newCodes.has(s.code) ? (
          <Badge color="orange" variant="light" tt="none" styles={noClip}>
            {t('declaration.notCovered')}
          </Badge>
        ) : c.redeclaration.declaration ? (
          <Badge color="green" variant="light" tt="none" styles={noClip}>
            {t('declaration.isCovered')}
          </Badge>
        ) : null,
    },
    { key: 'buttons', header: '', value: () => null, render: (s) => <RowActions name={s.code} onDelete={() => delCode.mutate({ id: s.id })} /> },
  ];

  return (
    <Stack gap="lg">
      <Group gap="sm">
        <Button variant="light" onClick={() => setEditing({ kind: 'declaration' })}>
          {t('health.recordDeclaration')}
        </Button>
        <Button variant="light" onClick={() => setEditing({ kind: 'assessment' })} data-testid="add-assessment">
          {t('assessment.add')}
        </Button>
        <Button variant="light" onClick={() => setEditing({ kind: 'certificate' })} data-testid="add-certificate">
          {t('certificate.add')}
        </Button>
      </Group>
      <Section title={t('declaration.list')}>
        <DataTable rows={c.declarations} columns={declarationColumns} rowKey={(d) => d.id} exportName={`cong-bo-${unit.code}`} empty={t('declaration.empty')} testId="declarations-table" />
      </Section>
      <Section title={t('assessment.list')}>
        <DataTable
          rows={c.assessments}
          columns={assessmentColumns}
          rowKey={(a) => a.id}
          exportName={`danh-gia-chung-nhan-${unit.code}`}
          empty={t('assessment.empty')}
          initialSort={{ key: 'start', dir: 'asc' }}
          testId="assessments-table"
        />
      </Section>
      <Section title={t('declaration.certificates')}>
        <DataTable rows={c.certificates} columns={certificateColumns} rowKey={(x) => x.id} exportName={`giay-chung-nhan-${unit.code}`} empty={t('certificate.empty')} testId="certificates-table" />
      </Section>
      <Section title={t('declaration.scopeNow')}>
        {c.redeclaration.required && (
          <Text size="sm" c="orange.8">
            {t('declaration.redeclare', { count: c.redeclaration.newCodes.length })}
          </Text>
        )}
        <ScopeCodeForm unitId={unit.id} />
        <DataTable rows={c.scopeCodes} columns={scopeColumns} rowKey={(s) => s.id} exportName={`pham-vi-${unit.code}`} empty={t('declaration.scopeEmpty')} />
      </Section>
      {editing?.kind === 'assessment' && <AssessmentModal unit={unit} initial={editing.row} onClose={() => setEditing(null)} />}
      {editing?.kind === 'certificate' && <CertificateModal unit={unit} initial={editing.row} onClose={() => setEditing(null)} />}
      {editing?.kind === 'declaration' && <DeclarationModal unit={unit} initial={editing.row} onClose={() => setEditing(null)} />}
      {findingFor && (
        <FindingModal
          source={{ kind: 'external_assessment', assessmentId: findingFor.id }}
          foundDate={findingFor.endDate ?? findingFor.startDate}
          context={`${t(`assessment.kinds.${findingFor.kind}`)} ${formatVnDate(findingFor.startDate)}`}
          opened
          onClose={() => setFindingFor(null)}
        />
      )}
    </Stack>
  );
}

/** Adds a domain or procedure code to the unit's current scope. */
export function ScopeCodeForm({ unitId }: { unitId: string }) {
  const { t } = useTranslation('improvement');
  const [code, setCode] = useState('');
  const [date, setDate] = useState<string | null>(todayIso());
  const save = useApiMutation('scopeCodes.add', { successMessage: t('certificate.scopeSaved'), onSuccess: () => setCode('') });
  return (
    <Group align="flex-end" gap="sm">
      <TextInput label={t('declaration.code')} value={code} onChange={(e) => setCode(e.currentTarget.value)} w={180} />
      <DateField label={t('declaration.addedDate')} value={date} onChange={setDate} />
      <Button variant="light" disabled={!code.trim() || !date} onClick={() => save.mutate({ unitId, code, addedDate: date ?? '' })}>
        {t('certificate.addScope')}
      </Button>
    </Group>
  );
}
