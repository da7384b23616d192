import { Badge, Loader, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ApiOutput } from '../../electron/api';
import { noClip } from './parts';
import { useApi } from '../api/hooks';
import { type Column, DataTable } from '../components/DataTable';
import { PageHeader } from '../components/PageHeader';

type Row = ApiOutput<'audits.list'>[number];
const statusColour = { planned: 'blue', done: 'green', cancelled: 'gray' } as const;

/** Every unit's internal audits, by year. */
export function AuditsPage() {
  const { t } = useTranslation('improvement');
  const navigate = useNavigate();
  const rows = useApi('audits.list', {}).data;
  if (!rows) return <Loader />;
  const columns: Column<Row>[] = [
    { key: 'year', header: t('audits.year'), value: (r) => r.year, type: 'number', width: 70 },
    { key: 'unit', header: t('audits.unit'), value: (r) => r.unitName },
    { key: 'title', header: t('audits.name'), value: (r) => r.title },
    { key: 'planned', header: t('audits.planned'), value: (r) => r.plannedStart, type: 'date' },
    { key: 'actual', header: t('audits.actual'), value: (r) => r.actualEnd, type: 'date' },
    {
      key: 'status',
      header: t('audits.status'),
      value: (r) => t(`audits.statuses.${r.status}`),
      render: (r) => (
        <Badge color={statusColour[r.status]} variant="light" tt="none" styles={noClip}>
          {t(`audits.statuses.${r.status}`)}
        </Badge>
      ),
    },
    { key: 'lead', header: t('audits.lead'), value: (r) => r.lead },
    { key: 'team', header: t('audits.team'), value: (r) => r.teamSize, type: 'number' },
    { key: 'nc', header: t('audits.nonconformities'), value: (r) => r.nonconformities, type: 'number' },
    { key: 'obs', header: t('audits.observations'), value: (r) => r.observations, type: 'number' },
    {
      key: 'warnings',
      header: t('audits.warnings'),
      value: (r) => r.warnings,
      type: 'number',
      render: (r) => (r.warnings ? <Badge color="orange" tt="none" styles={noClip}>⚠ {r.warnings}</Badge> : '0'),
    },
  ];
  return (
    <Stack gap="md">
      <PageHeader title={t('audits.title')} subtitle={t('audits.subtitle')} />
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(r) => r.id}
        exportName={t('audits.export')}
        empty={t('audits.empty')}
        initialSort={{ key: 'planned', dir: 'desc' }}
        onRowClick={(r) => navigate(`/audits/${r.id}`)}
        testId="audits-table"
      />
    </Stack>
  );
}
