import { Alert, Badge, Button, Group, Modal, MultiSelect, Select, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../electron/api';
import { useApi, useApiMutation } from '../api/hooks';
import { ConfirmButton } from '../components/ConfirmButton';
import { type Column, DataTable } from '../components/DataTable';
import { DateField } from '../components/DateField';
import { FormActions } from '../components/FormActions';
import { cellColours, fullBadge } from './Badges';

type Detail = ApiOutput<'procedures.get'>;
type Row = Detail['adoptions'][number];

/** The units applying the procedure, with the version and date, flagged when out of date; apply to chosen units or a whole wave. */
export function AdoptionPanel({ detail }: { detail: Detail }) {
  const { t } = useTranslation('procedures');
  const [mode, setMode] = useState<'units' | 'wave' | null>(null);
  const current = detail.versions.find((v) => v.id === detail.procedure.currentVersionId);
  const remove = useApiMutation('adoption.remove', {});
  const columns: Column<Row>[] = [
    { key: 'code', header: t('matrix.code'), value: (a) => a.unitCode, width: 80 },
    { key: 'unit', header: t('adoption.unit'), value: (a) => a.unitName },
    { key: 'version', header: t('adoption.version'), value: (a) => a.versionNo, type: 'number' },
    { key: 'since', header: t('adoption.since'), value: (a) => a.since, type: 'date' },
    {
      key: 'state',
      header: t('adoption.state'),
      value: (a) => t(`adoption.states.${a.state}`),
      render: (a) => (
        <Badge color={cellColours[a.state]} variant="light" tt="none" radius="sm" styles={fullBadge}>
          {t(`adoption.states.${a.state}`)}
        </Badge>
      ),
    },
    { key: 'note', header: t('adoption.localNote'), value: (a) => a.localNote },
    {
      key: 'remove',
      header: '',
      value: () => null,
      render: (a) => <ConfirmButton name={`${a.unitName} – ${detail.procedure.code}`} label={t('adoption.remove')} onConfirm={() => remove.mutate({ unitId: a.unitId, procedureId: a.procedureId })} />,
    },
  ];
  return (
    <Stack gap="sm">
      {!current && <Alert color="yellow">{t('adoption.needApproved')}</Alert>}
      <Group justify="flex-end">
        <Button variant="light" disabled={!current} onClick={() => setMode('wave')} data-testid="apply-wave">
          {t('adoption.applyWave')}
        </Button>
        <Button disabled={!current} onClick={() => setMode('units')} data-testid="apply-units">
          {t('adoption.apply')}
        </Button>
      </Group>
      <DataTable testId="adoptions-table" rows={detail.adoptions} columns={columns} rowKey={(a) => a.unitId} exportName={`${t('adoption.export')}-${detail.procedure.code}`} empty={t('adoption.empty')} />
      {current && <ApplyModal mode={mode} versionId={current.id} versionNo={current.versionNo} issueDate={current.issueDate} onClose={() => setMode(null)} />}
    </Stack>
  );
}

function ApplyModal(props: { mode: 'units' | 'wave' | null; versionId: string; versionNo: number; issueDate: string | null; onClose: () => void }) {
  const { t } = useTranslation('procedures');
  const units = useApi('units.list', {}, { enabled: props.mode === 'units' }).data ?? [];
  const waves = useApi('waves.list', {}, { enabled: props.mode === 'wave' }).data ?? [];
  const [form, setForm] = useState({ unitIds: [] as string[], waveId: null as string | null, unitType: 'district', since: null as string | null, localNote: '' });
  useEffect(() => setForm({ unitIds: [], waveId: null, unitType: 'district', since: props.issueDate, localNote: '' }), [props.mode, props.issueDate]);
  const toUnits = useApiMutation('adoption.applyToUnits', { quiet: true, successMessage: t('adoption.appliedOne'), onSuccess: props.onClose });
  const toWave = useApiMutation('adoption.applyToWave', {
    quiet: true,
    onSuccess: (r) => {
      notifications.show({ color: 'green', message: t('adoption.applied', r) });
      props.onClose();
    },
  });
  const mutation = props.mode === 'wave' ? toWave : toUnits;
  return (
    <Modal opened={!!props.mode} onClose={props.onClose} title={`${props.mode === 'wave' ? t('adoption.applyWave') : t('adoption.apply')} – ${t('procedure.versionNo')} ${props.versionNo}`} size="lg" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (props.mode === 'wave') {
            toWave.mutate({ versionId: props.versionId, waveId: form.waveId ?? '', unitType: form.unitType as 'district', since: form.since ?? '', localNote: form.localNote });
          } else {
            toUnits.mutate({ versionId: props.versionId, unitIds: form.unitIds, since: form.since ?? '', localNote: form.localNote });
          }
        }}
      >
        <Stack>
          {props.mode === 'wave' ? (
            <Group grow>
              <Select label={t('adoption.wave')} data={waves.map((w) => ({ value: w.id, label: `${w.name} (${w.memberCount})` }))} value={form.waveId} onChange={(v) => setForm({ ...form, waveId: v })} required data-testid="apply-wave-select" />
              <Select
                label={t('adoption.unitType')}
                data={(['district', 'province', 'affiliated'] as const).map((v) => ({ value: v, label: t(`common:unitType.${v}`) }))}
                value={form.unitType}
                onChange={(v) => v && setForm({ ...form, unitType: v })}
                allowDeselect={false}
              />
            </Group>
          ) : (
            <MultiSelect
              label={t('adoption.unit')}
              data={units.filter((u) => u.type !== 'hq').map((u) => ({ value: u.id, label: `${u.code} · ${u.name}` }))}
              value={form.unitIds}
              onChange={(v) => setForm({ ...form, unitIds: v })}
              searchable
              required
              data-testid="apply-units-select"
            />
          )}
          <DateField label={t('adoption.since')} value={form.since} onChange={(v) => setForm({ ...form, since: v })} required testId="apply-since" />
          <Textarea label={t('adoption.localNote')} value={form.localNote} onChange={(e) => setForm({ ...form, localNote: e.currentTarget.value })} autosize minRows={2} />
          <FormActions error={mutation.error} pending={mutation.isPending} onCancel={props.onClose} testId="apply" />
        </Stack>
      </form>
    </Modal>
  );
}
