import { Button, Group, MultiSelect, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { ApiOutput } from '../../electron/api';
import { formatVnDate } from '../../electron/common/dates';
import { useApi, useApiMutation } from '../api/hooks';
import { ConfirmButton } from '../components/ConfirmButton';
import { type Column, DataTable } from '../components/DataTable';
import { PageHeader } from '../components/PageHeader';

type Member = ApiOutput<'waves.members'>[number];

/** One wave: its window and member units; add many units at once. */
export function WavePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('units');
  const navigate = useNavigate();
  const wave = (useApi('waves.list', {}).data ?? []).find((w) => w.id === id);
  const members = useApi('waves.members', { waveId: id }).data ?? [];
  const units = useApi('units.list', {}).data ?? [];
  const [picked, setPicked] = useState<string[]>([]);
  const add = useApiMutation('waves.addMembers', { onSuccess: () => setPicked([]) });
  const remove = useApiMutation('waves.removeMember');
  const del = useApiMutation('waves.delete', { onSuccess: () => navigate('/waves') });
  if (!wave) return null;
  const memberIds = new Set(members.map((m) => m.id));
  const columns: Column<Member>[] = [
    { key: 'code', header: t('units.code'), value: (m) => m.code, width: 80 },
    { key: 'name', header: t('units.name'), value: (m) => m.name },
    { key: 'type', header: t('units.type'), value: (m) => t(`common:unitType.${m.type}`) },
    { key: 'region', header: t('units.region'), value: (m) => (m.region ? t(`common:region.${m.region}`) : '') },
    {
      key: 'remove',
      header: '',
      value: () => null,
      render: (m) => (
        <div onClick={(e) => e.stopPropagation()}>
          <ConfirmButton name={m.name} label={t('common:actions.remove')} onConfirm={() => remove.mutate({ waveId: id, unitId: m.id })} />
        </div>
      ),
    },
  ];
  return (
    <Stack>
      <PageHeader
        title={wave.name}
        subtitle={`${formatVnDate(wave.plannedStart)} – ${formatVnDate(wave.plannedEnd)}${wave.note ? ` · ${wave.note}` : ''}`}
        actions={<ConfirmButton name={wave.name} onConfirm={() => del.mutate({ id })} />}
      />
      <Paper withBorder p="md" radius="md">
        <Text fw={600} mb="xs">
          {t('waves.addMembers')}
        </Text>
        <Group align="flex-end">
          <MultiSelect
            placeholder={t('waves.pickUnits')}
            data={units.filter((u) => u.type !== 'hq' && !memberIds.has(u.id)).map((u) => ({ value: u.id, label: `${u.code} · ${u.name}` }))}
            value={picked}
            onChange={setPicked}
            searchable
            clearable
            style={{ flex: 1 }}
          />
          <Button disabled={picked.length === 0} onClick={() => add.mutate({ waveId: id, unitIds: picked })}>
            {t('common:actions.add')}
          </Button>
        </Group>
      </Paper>
      <DataTable rows={members} columns={columns} rowKey={(m) => m.id} exportName={`dot-${wave.name}`} onRowClick={(m) => navigate(`/units/${m.id}`)} empty={t('waves.noMembers')} />
    </Stack>
  );
}
