import { Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../electron/api';
import { formatVnDate } from '../../electron/common/dates';
import { useApi, useApiMutation } from '../api/hooks';
import { type Column, DataTable } from '../components/DataTable';
import { DateField } from '../components/DateField';
import { FormModal, todayIso, useFields, useFormSave } from './FormModal';
import { RowActions, type UnitRef as Unit } from './parts';

type Objectives = ApiOutput<'objectives.list'>;
type ObjectiveRow = Objectives['objectives'][number];
type PolicyRow = Objectives['policies'][number];

/** Issues a new version of the quality policy (the latest issued is in force); starts from the current text. */
function PolicyModal({ unit, current, onClose }: { unit: Unit; current: PolicyRow | null; onClose: () => void }) {
  const { t } = useTranslation('improvement');
  const [f, set] = useFields({ issuedDate: todayIso() as string | null, decisionNo: '', body: current?.body ?? '' });
  const save = useFormSave('objectives.setPolicy', t('policy.saved'), onClose);
  return (
    <FormModal
      title={t('policy.title', { unit: unit.name })}
      onClose={onClose}
      save={save}
      testId="policy"
      onSubmit={() => save.mutate({ unitId: unit.id, ...f, issuedDate: f.issuedDate ?? '' })}
    >
      <SimpleGrid cols={2}>
        <DateField label={t('policy.issuedDate')} required value={f.issuedDate} onChange={(v) => set({ issuedDate: v })} />
        <TextInput label={t('policy.decisionNo')} placeholder="123/QĐ-BHXH" value={f.decisionNo} onChange={(e) => set({ decisionNo: e.currentTarget.value })} />
      </SimpleGrid>
      <Textarea label={t('policy.body')} required autosize minRows={4} value={f.body} onChange={(e) => set({ body: e.currentTarget.value })} data-testid="policy-body" />
      {current && (
        <Text size="xs" c="dimmed">
      {t('policy.versionHint')}
        </Text>
      )}
    </FormModal>
  );
}

/** The policy in force, when and by which decision it was issued, and its earlier versions. */
function PolicyCard({ unit, policies }: { unit: Unit; policies: PolicyRow[] }) {
  const { t } = useTranslation('improvement');
  const [editing, setEditing] = useState(false);
  const [history, setHistory] = useState(false);
  const current = policies[0] ?? null;
  return (
    <Card withBorder radius="md" padding="md" data-testid="policy-card">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Text fw={600} size="sm" c="dimmed">
            {t('objectives.policy')}
          </Text>
          {current ? (
            <>
              <Text size="sm" mt={4} style={{ whiteSpace: 'pre-line' }}>
                {current.body}
              </Text>
              <Text size="xs" c="dimmed" mt={4}>
                {t('policy.issued', { date: formatVnDate(current.issuedDate), year: current.issuedDate.slice(0, 4) })}
                {current.decisionNo ? ` · ${current.decisionNo}` : ''}
              </Text>
            </>
          ) : (
            <Text size="sm" c="dimmed" mt={4}>
              {t('policy.none')}
            </Text>
          )}
        </div>
        <Group gap="xs" wrap="nowrap">
          {policies.length > 1 && (
            <Button size="xs" variant="subtle" onClick={() => setHistory(!history)}>
              {t('policy.history', { count: policies.length - 1 })}
            </Button>
          )}
          <Button size="xs" variant="light" onClick={() => setEditing(true)} data-testid="edit-policy">
            {current ? t('policy.edit') : t('policy.add')}
          </Button>
        </Group>
      </Group>
      {history && (
        <Stack gap={6} mt="sm">
          {policies.slice(1).map((p) => (
            <Text key={p.id} size="xs" c="dimmed">
              {formatVnDate(p.issuedDate)}
              {p.decisionNo ? ` (${p.decisionNo})` : ''}: {p.body}
            </Text>
          ))}
        </Stack>
      )}
      {editing && <PolicyModal unit={unit} current={current} onClose={() => setEditing(false)} />}
    </Card>
  );
}

/** A unit's quality policy and objectives by year, with results and achievement. */
export function ObjectivesPanel({ unit }: { unit: Unit }) {
  const { t } = useTranslation('improvement');
  const data = useApi('objectives.list', { unitId: unit.id }).data;
  const setAchieved = useApiMutation('objectives.setAchieved');
  const remove = useApiMutation('objectives.delete', { successMessage: t('deleted') });
  const [editing, setEditing] = useState<{ row?: ObjectiveRow } | null>(null);
  const [resultFor, setResultFor] = useState<ObjectiveRow | null>(null);
  const columns: Column<ObjectiveRow>[] = [
    { key: 'year', header: t('objectives.year'), value: (r) => r.year, type: 'number', width: 70 },
    { key: 'title', header: t('objectives.title'), value: (r) => r.title },
    { key: 'target', header: t('objectives.target'), value: (r) => r.target },
    { key: 'measure', header: t('objectives.measure'), value: (r) => r.measure },
    { key: 'results', header: t('objectives.results'), value: (r) => r.results.map((x) => `${formatVnDate(x.resultDate)}: ${x.value}`).join('; ') },
    {
      key: 'achieved',
      header: t('objectives.achieved'),
      value: (r) => (r.achieved === null ? t('objectives.pending') : r.achieved ? t('objectives.yes') : t('objectives.no')),
      render: (r) => (
        <Select
          size="xs"
          w={140}
          value={r.achieved === null ? 'null' : String(r.achieved)}
          onChange={(v) => setAchieved.mutate({ id: r.id, achieved: v === 'null' ? null : v === 'true' })}
          allowDeselect={false}
          data={[
            { value: 'null', label: t('objectives.pending') },
            { value: 'true', label: t('objectives.yes') },
            { value: 'false', label: t('objectives.no') },
          ]}
        />
      ),
    },
    {
      key: 'buttons',
      header: '',
      value: () => null,
      render: (r) => (
        <RowActions name={r.title} onEdit={() => setEditing({ row: r })} onDelete={() => remove.mutate({ id: r.id })}>
          <Button size="compact-xs" variant="subtle" onClick={() => setResultFor(r)}>
            {t('objectives.addResult')}
          </Button>
        </RowActions>
      ),
    },
  ];
  return (
    <Stack gap="md">
      <PolicyCard unit={unit} policies={data?.policies ?? []} />
      <DataTable
        rows={data?.objectives ?? []}
        columns={columns}
        rowKey={(r) => r.id}
        exportName={`muc-tieu-chat-luong-${unit.code}`}
        empty={t('objectives.empty')}
        toolbar={<Button onClick={() => setEditing({})}>{t('objectives.add')}</Button>}
      />
      {editing && <ObjectiveModal unit={unit} initial={editing.row} onClose={() => setEditing(null)} />}
      {resultFor && <ResultModal objective={resultFor} onClose={() => setResultFor(null)} />}
    </Stack>
  );
}

function ObjectiveModal({ unit, initial, onClose }: { unit: Unit; initial?: ObjectiveRow; onClose: () => void }) {
  const { t } = useTranslation('improvement');
  const [f, set] = useFields({
    year: initial?.year ?? new Date().getFullYear(),
    title: initial?.title ?? '',
    target: initial?.target ?? '',
    measure: initial?.measure ?? '',
  });
  const create = useFormSave('objectives.create', t('objectives.saved'), onClose);
  const update = useFormSave('objectives.update', t('objectives.saved'), onClose);
  return (
    <FormModal
      title={t(initial ? 'objectives.editTitle' : 'objectives.addTitle', { unit: unit.name })}
      onClose={onClose}
      save={initial ? update : create}
      onSubmit={() => (initial ? update.mutate({ id: initial.id, ...f }) : create.mutate({ unitId: unit.id, ...f }))}
    >
      <SimpleGrid cols={3}>
        <NumberInput label={t('objectives.year')} value={f.year} min={2000} max={2100} onChange={(v) => set({ year: Number(v) || f.year })} />
        <TextInput label={t('objectives.target')} required value={f.target} onChange={(e) => set({ target: e.currentTarget.value })} />
        <TextInput label={t('objectives.measure')} value={f.measure} onChange={(e) => set({ measure: e.currentTarget.value })} />
      </SimpleGrid>
      <Textarea label={t('objectives.title')} required autosize minRows={2} value={f.title} onChange={(e) => set({ title: e.currentTarget.value })} />
    </FormModal>
  );
}

function ResultModal({ objective, onClose }: { objective: ObjectiveRow; onClose: () => void }) {
  const { t } = useTranslation('improvement');
  const [f, set] = useFields({ resultDate: todayIso() as string | null, value: '' });
  const save = useFormSave('objectives.addResult', t('objectives.saved'), onClose);
  return (
    <FormModal
      title={t('objectives.resultTitle', { title: objective.title })}
      size="md"
      onClose={onClose}
      save={save}
      onSubmit={() => save.mutate({ objectiveId: objective.id, resultDate: f.resultDate ?? '', value: f.value })}
    >
      <DateField label={t('objectives.resultDate')} required value={f.resultDate} onChange={(v) => set({ resultDate: v })} />
      <TextInput label={t('objectives.value')} required value={f.value} onChange={(e) => set({ value: e.currentTarget.value })} />
    </FormModal>
  );
}
