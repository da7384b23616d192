import { Alert, Badge, Button, Checkbox, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../electron/api';
import { addMonths, formatVnDate, isValidIsoDate } from '../../electron/common/dates';
import { useApi, useApiMutation } from '../api/hooks';
import { type Column, DataTable } from '../components/DataTable';
import { DateField } from '../components/DateField';
import { FindingModal } from './forms';
import { FormModal, todayIso, useFields, useFormSave } from './FormModal';
import { noClip, RowActions, type UnitRef as Unit, useFindingColumns } from './parts';
import { isClosedStatus } from './status';
import { INSPECTION_DEADLINE_MONTHS } from '../../electron/common/rules';

type InspectionRow = ApiOutput<'inspections.list'>[number];
type FindingRow = ApiOutput<'findings.list'>[number];

/** Records or corrects an inspection (kiểm tra) and shows the correction deadline it starts. */
function InspectionModal({ unit, initial, onClose }: { unit: Unit; initial?: InspectionRow; onClose: () => void }) {
  const { t } = useTranslation('improvement');
  const [f, set] = useFields({
    inspector: initial?.inspector ?? '',
    inspectionDate: initial?.inspectionDate ?? null,
    minutesNo: initial?.minutesNo ?? '',
    minutesDate: initial?.minutesDate ?? null,
    onSite: initial?.onSite ?? true,
    note: initial?.note ?? '',
  });
  const create = useFormSave('inspections.record', t('inspection.saved'), onClose);
  const update = useFormSave('inspections.update', t('inspection.saved'), onClose);
  const deadline = f.minutesDate && isValidIsoDate(f.minutesDate) ? addMonths(f.minutesDate, INSPECTION_DEADLINE_MONTHS) : null;
  return (
    <FormModal
      title={t(initial ? 'inspection.editTitle' : 'inspection.title', { unit: unit.name })}
      onClose={onClose}
      save={initial ? update : create}
      testId="inspection"
      onSubmit={() => {
        const values = { ...f, inspectionDate: f.inspectionDate ?? '', minutesDate: f.minutesDate ?? '' };
        if (initial) update.mutate({ id: initial.id, ...values });
        else create.mutate({ unitId: unit.id, ...values });
      }}
    >
      <TextInput
        label={t('inspection.inspector')}
        placeholder={t('inspection.inspectorHint')}
        required
        value={f.inspector}
        onChange={(e) => set({ inspector: e.currentTarget.value })}
        data-testid="inspection-inspector"
      />
      <SimpleGrid cols={3}>
        <DateField label={t('inspection.date')} required value={f.inspectionDate} onChange={(v) => set({ inspectionDate: v })} testId="inspection-date" />
        <TextInput label={t('inspection.minutesNo')} placeholder="15/BB-KT" value={f.minutesNo} onChange={(e) => set({ minutesNo: e.currentTarget.value })} />
        <DateField label={t('inspection.minutesDate')} required value={f.minutesDate} onChange={(v) => set({ minutesDate: v })} testId="inspection-minutes-date" />
      </SimpleGrid>
      {deadline && (
        <Alert color="blue" variant="light" py="xs">
          {t('inspection.deadlineNote', { date: formatVnDate(deadline) })}
        </Alert>
      )}
      <Checkbox label={t('inspection.onSite')} checked={f.onSite} onChange={(e) => set({ onSite: e.currentTarget.checked })} />
      <Textarea label={t('assessment.note')} autosize minRows={2} value={f.note} onChange={(e) => set({ note: e.currentTarget.value })} />
    </FormModal>
  );
}

/**
 * A unit's inspections (kiểm tra) with the findings each raised. Actions on
 * those findings are due within two months of the inspection's minutes.
 */
export function InspectionsPanel({ unit }: { unit: Unit }) {
  const { t } = useTranslation('improvement');
  const inspections = useApi('inspections.list', { unitId: unit.id }).data ?? [];
  const allFindings = useApi('findings.list', { unitId: unit.id }).data ?? [];
  const remove = useApiMutation('inspections.delete', { successMessage: t('deleted') });
  const removeFinding = useApiMutation('findings.delete', { successMessage: t('deleted') });
  const findingParts = useFindingColumns<FindingRow>();
  const [editing, setEditing] = useState<{ row?: InspectionRow } | null>(null);
  const [findingFor, setFindingFor] = useState<InspectionRow | null>(null);
  const findings = allFindings.filter((f) => f.source === 'inspection');
  const ofInspection = (id: string) => findings.filter((f) => f.inspectionId === id);
  const openActions = (id: string) => ofInspection(id).flatMap((f) => f.actions).filter((a) => !isClosedStatus(a.status)).length;
  const today = todayIso();
  const name = (i: InspectionRow) => {
    const n = ofInspection(i.id).length;
    const base = t('inspection.name', { date: formatVnDate(i.inspectionDate), inspector: i.inspector });
    return n ? `${base} ${t('inspection.withFindings', { count: n })}` : base;
  };

  const columns: Column<InspectionRow>[] = [
    { key: 'date', header: t('inspection.date'), value: (i) => i.inspectionDate, type: 'date', width: 110 },
    { key: 'inspector', header: t('inspection.inspectorShort'), value: (i) => i.inspector },
    { key: 'minutesNo', header: t('inspection.minutesNo'), value: (i) => i.minutesNo },
    { key: 'minutesDate', header: t('inspection.minutesDate'), value: (i) => i.minutesDate, type: 'date' },
    {
      key: 'deadline',
      header: t('inspection.deadline'),
      value: (i) => i.deadline,
      type: 'date',
      render: (i) => (
        <Stack gap={2}>
          <Text size="sm">{formatVnDate(i.deadline)}</Text>
          {openActions(i.id) > 0 && i.deadline < today && (
            <Badge color="red" size="sm" tt="none" styles={noClip}>
              {t('calendar.overdue')}
            </Badge>
          )}
        </Stack>
      ),
    },
    { key: 'onSite', header: t('inspection.onSiteShort'), value: (i) => (i.onSite ? t('objectives.yesShort') : t('objectives.noShort')), width: 90 },
    { key: 'open', header: t('health.openActions'), value: (i) => openActions(i.id), type: 'number', width: 110 },
    {
      key: 'buttons',
      header: '',
      value: () => null,
      render: (i) => (
        <RowActions name={name(i)} onEdit={() => setEditing({ row: i })} onDelete={() => remove.mutate({ id: i.id })} testId="inspection-row">
          <Button size="compact-xs" variant="subtle" onClick={() => setFindingFor(i)} title={t('audits.addFinding')} data-testid="inspection-add-finding">
            {t('inspection.addFinding')}
          </Button>
        </RowActions>
      ),
    },
  ];

  const inspectionOf = (f: FindingRow) => inspections.find((i) => i.id === f.inspectionId);
  const findingColumns: Column<FindingRow>[] = [
    { key: 'inspection', header: t('inspection.date'), value: (f) => inspectionOf(f)?.inspectionDate ?? null, type: 'date', width: 110 },
    findingParts.severity,
    findingParts.reference,
    { key: 'description', header: t('finding.description'), value: (f) => f.description },
    ...findingParts.latestAction,
    {
      key: 'buttons',
      header: '',
      value: () => null,
      render: (f) => <RowActions name={f.actions.length ? t('inspection.findingName', { description: f.description }) : f.description} onDelete={() => removeFinding.mutate({ id: f.id })} />,
    },
  ];

  return (
    <Stack gap="lg">
      <Text size="sm" c="dimmed">
        {t('inspection.intro')}
      </Text>
      <DataTable
        rows={inspections}
        columns={columns}
        rowKey={(i) => i.id}
        exportName={`kiem-tra-${unit.code}`}
        empty={t('inspection.empty')}
        initialSort={{ key: 'date', dir: 'desc' }}
        toolbar={
          <Button onClick={() => setEditing({})} data-testid="add-inspection">
            {t('inspection.add')}
          </Button>
        }
        testId="inspections-table"
      />
      <Stack gap={6}>
        <Title order={5}>{t('inspection.findingsTitle')}</Title>
        <DataTable
          rows={findings}
          columns={findingColumns}
          rowKey={(f) => f.id}
          exportName={`phat-hien-kiem-tra-${unit.code}`}
          empty={t('inspection.noFindings')}
          testId="inspection-findings"
        />
      </Stack>
      {editing && <InspectionModal unit={unit} initial={editing.row} onClose={() => setEditing(null)} />}
      {findingFor && (
        <FindingModal
          source={{ kind: 'inspection', inspectionId: findingFor.id, deadline: findingFor.deadline }}
          foundDate={findingFor.inspectionDate}
          context={t('inspection.name', { date: formatVnDate(findingFor.inspectionDate), inspector: findingFor.inspector })}
          opened
          onClose={() => setFindingFor(null)}
        />
      )}
    </Stack>
  );
}
