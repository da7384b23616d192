import { Badge, Group, Select, Stack, Text, Tooltip } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ApiOutput } from '../../electron/api';
import { useApi } from '../api/hooks';
import { type Column, DataTable } from '../components/DataTable';
import { PageHeader } from '../components/PageHeader';
import { cellColours } from './Badges';
import { DOMAINS } from './ProcedureForm';

type Matrix = ApiOutput<'adoption.matrix'>;
type UnitRow = Matrix['units'][number];
type Cell = Matrix['cells'][number];

/** Units × procedures: which version each unit applies, coloured current / out of date / missing. */
export function AdoptionMatrixPage() {
  const { t } = useTranslation('procedures');
  const navigate = useNavigate();
  const [waveId, setWaveId] = useState<string | null>(null);
  const [unitType, setUnitType] = useState<string | null>('district');
  const [domain, setDomain] = useState<string | null>(null);
  const waves = useApi('waves.list', {}).data ?? [];
  const matrix = useApi('adoption.matrix', {
    waveId: waveId ?? undefined,
    unitType: (unitType ?? undefined) as 'district' | undefined,
    domain: (domain ?? undefined) as (typeof DOMAINS)[number] | undefined,
  }).data;
  const cells = useMemo(() => new Map((matrix?.cells ?? []).map((c) => [`${c.unitId}:${c.procedureId}`, c])), [matrix]);
  const label = (c: Cell | undefined) => (c ? `${t('procedure.versionNo')} ${c.versionNo} – ${t(`adoption.states.${c.state}`)}` : t('adoption.states.missing'));
  const columns: Column<UnitRow>[] = [
    { key: 'code', header: t('matrix.code'), value: (u) => u.code, width: 70 },
    { key: 'name', header: t('matrix.unit'), value: (u) => u.name, render: (u) => <Text size="sm" style={{ whiteSpace: 'nowrap' }}>{u.name}</Text> },
    { key: 'current', header: t('matrix.current'), value: (u) => u.current, type: 'number' },
    { key: 'outdated', header: t('matrix.outdated'), value: (u) => u.outdated, type: 'number', render: (u) => <Text size="sm" c={u.outdated ? 'orange.8' : undefined} fw={u.outdated ? 700 : undefined}>{u.outdated}</Text> },
    { key: 'missing', header: t('matrix.missing'), value: (u) => u.missing, type: 'number' },
    ...(matrix?.procedures ?? []).map(
      (p): Column<UnitRow> => ({
        key: p.id,
        // Short headers keep the grid narrow; the tooltip names the procedure.
        header: p.code.replace(/^QT-/, ''),
        value: (u) => label(cells.get(`${u.id}:${p.id}`)),
        render: (u) => {
          const c = cells.get(`${u.id}:${p.id}`);
          const state = c?.state ?? 'missing';
          return (
            <Tooltip label={`${p.title} — ${label(c)}${c?.localNote ? ` (${c.localNote})` : ''}`} withArrow multiline maw={320}>
              <Badge color={cellColours[state]} variant={state === 'missing' ? 'outline' : 'filled'} radius="sm" tt="none" data-testid={`cell-${u.code}-${p.code}`} data-state={state}>
                {c ? `${c.versionNo}` : '–'}
              </Badge>
            </Tooltip>
          );
        },
      }),
    ),
  ];
  return (
    <Stack gap="md">
      <PageHeader title={t('matrix.title')} subtitle={t('matrix.subtitle')} />
      <Group gap="xs">
        <Text size="sm" c="dimmed">
          {t('matrix.legend')}:
        </Text>
        {(['current', 'outdated', 'missing'] as const).map((s) => (
          <Badge key={s} color={cellColours[s]} variant={s === 'missing' ? 'outline' : 'filled'} radius="sm" tt="none">
            {t(`adoption.states.${s}`)}
          </Badge>
        ))}
      </Group>
      {matrix && matrix.procedures.length === 0 ? (
        <Text c="dimmed">{t('matrix.noProcedures')}</Text>
      ) : (
        <DataTable
          testId="adoption-matrix"
          rows={matrix?.units ?? []}
          columns={columns}
          rowKey={(u) => u.id}
          exportName={t('matrix.export')}
          empty={t('matrix.empty')}
          onRowClick={(u) => navigate(`/checklists/${u.id}`)}
          toolbar={
            <>
              <Select placeholder={t('matrix.wave')} aria-label={t('matrix.wave')} data={waves.map((w) => ({ value: w.id, label: w.name }))} value={waveId} onChange={setWaveId} clearable w={230} />
              <Select
                placeholder={t('matrix.unitType')}
                aria-label={t('matrix.unitType')}
                data={(['province', 'district', 'affiliated'] as const).map((v) => ({ value: v, label: t(`common:unitType.${v}`) }))}
                value={unitType}
                onChange={setUnitType}
                clearable
                w={180}
              />
              <Select placeholder={t('matrix.domain')} aria-label={t('matrix.domain')} data={DOMAINS.map((d) => ({ value: d, label: t(`domain.${d}`) }))} value={domain} onChange={setDomain} clearable w={190} data-testid="matrix-domain" />
            </>
          }
        />
      )}
    </Stack>
  );
}
