import { Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ApiOutput } from '../../electron/api';
import { useApi } from '../api/hooks';
import { type Column, DataTable } from '../components/DataTable';
import { PageHeader } from '../components/PageHeader';
import { HealthBadge, useIssueText } from './parts';

type Row = ApiOutput<'health.overview'>[number];
const rank = { critical: 0, attention: 1, good: 2 } as const;

/** Every unit's QMS health in one list, worst first. */
export function HealthOverviewPage() {
  const { t } = useTranslation('improvement');
  const navigate = useNavigate();
  const issueText = useIssueText();
  const rows = useApi('health.overview', {}).data;
  if (!rows) return <Loader />;
  // What needs attention sits next to the state, so it stays on screen; the dates follow.
  const columns: Column<Row>[] = [
    {
      key: 'name',
      header: t('health.unit'),
      value: (r) => `${r.code} ${r.name}`,
      render: (r) => (
        <div>
          <Text size="sm" miw={140}>
            {r.name}
          </Text>
          <Text size="xs" c="dimmed">
            {r.code}
          </Text>
        </div>
      ),
    },
    { key: 'state', header: t('health.state'), value: (r) => t(`status.${r.status}`), render: (r) => <HealthBadge status={r.status} /> },
    {
      key: 'issues',
      header: t('health.issues'),
      value: (r) => r.issues.map(issueText).join('; '),
      render: (r) => (
        <Stack gap={2} miw={220}>
          {r.issues.map((i, n) => (
            <Text key={n} size="sm" c={i.level === 'critical' ? 'red.8' : 'yellow.9'}>
              • {issueText(i)}
            </Text>
          ))}
        </Stack>
      ),
    },
    { key: 'mode', header: t('health.modeShort'), value: (r) => t(`modeShort.${r.mode}`) },
    { key: 'lastAudit', header: t('health.lastAuditShort'), value: (r) => r.lastAudit, type: 'date' },
    { key: 'lastReview', header: t('health.lastReviewShort'), value: (r) => r.lastReview, type: 'date' },
    { key: 'open', header: t('health.openShort'), value: (r) => r.openActions, type: 'number' },
    { key: 'overdue', header: t('health.overdueActions'), value: (r) => r.overdueActions, type: 'number' },
  ];
  return (
    <Stack gap="md">
      <PageHeader title={t('health.title')} subtitle={t('health.subtitle')} />
      <DataTable
        rows={[...rows].sort((a, b) => rank[a.status] - rank[b.status])}
        columns={columns}
        rowKey={(r) => r.unitId}
        exportName={t('health.export')}
        empty={t('health.empty')}
        onRowClick={(r) => navigate(`/improvement/units/${r.unitId}`)}
        testId="health-table"
      />
    </Stack>
  );
}
