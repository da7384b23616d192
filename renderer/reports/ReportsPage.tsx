import { Badge, Button, Stack, Tabs } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ApiOutput } from '../../electron/api';
import { useApi } from '../api/hooks';
import { type Column, DataTable } from '../components/DataTable';
import { PageHeader } from '../components/PageHeader';
import { CreateReportModal } from './CreateReportModal';
import { periodText } from './labels';
import { TemplatesPanel } from './TemplatesPanel';

type Row = ApiOutput<'reports.list'>[number];

/** Reports history (period, scope, status, bundle) and the templates headquarters' figures come from. */
export function ReportsPage() {
  const { t } = useTranslation('reports');
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const reports = useApi('reports.list', {}).data ?? [];
  const columns: Column<Row>[] = [
    { key: 'period', header: t('history.period'), value: (r) => periodText(t, r) },
    { key: 'title', header: t('history.title_'), value: (r) => r.title },
    { key: 'scope', header: t('history.scope'), value: (r) => r.scopeName },
    { key: 'owner', header: t('history.owner'), value: (r) => r.ownerName },
    { key: 'documentNo', header: t('history.documentNo'), value: (r) => r.documentNo },
    { key: 'docDate', header: t('history.docDate'), value: (r) => r.docDate, type: 'date' },
    {
      key: 'status',
      header: t('history.status'),
      value: (r) => t(`status.${r.status}`),
      render: (r) => (
        <Badge color={r.status === 'final' ? 'green' : 'gray'} variant="light" tt="none" styles={{ root: { overflow: 'visible', maxWidth: 'none' }, label: { overflow: 'visible' } }}>
          {t(`status.${r.status}`)}
        </Badge>
      ),
    },
    { key: 'bundle', header: t('history.bundle'), value: (r) => r.bundleId ?? '' },
  ];
  return (
    <Stack gap="md">
      <PageHeader
        title={t('history.title')}
        subtitle={t('history.subtitle')}
        actions={
          <Button onClick={() => setCreating(true)} data-testid="report-create">
            {t('history.create')}
          </Button>
        }
      />
      <Tabs defaultValue="history" keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="history">{t('history.tab')}</Tabs.Tab>
          <Tabs.Tab value="templates">{t('history.templatesTab')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="history">
          <DataTable
            testId="reports-table"
            rows={reports}
            columns={columns}
            rowKey={(r) => r.id}
            exportName={t('history.export')}
            onRowClick={(r) => navigate(`/reports/${r.id}`)}
            empty={t('history.empty')}
          />
        </Tabs.Panel>
        <Tabs.Panel value="templates">
          <TemplatesPanel />
        </Tabs.Panel>
      </Tabs>
      <CreateReportModal opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}
