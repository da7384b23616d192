import { Badge, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../electron/api';
import { formatVnDate } from '../../electron/common/dates';
import { useApi } from '../api/hooks';
import { type Column, DataTable } from '../components/DataTable';
import { PageHeader } from '../components/PageHeader';
import { ScopePicker, useScope } from './shared';

type Row = ApiOutput<'training.auditors'>[number];

/** The register of certified internal auditors in force. */
export function AuditorsPage() {
  const { t } = useTranslation('training');
  const [scope, setScope] = useScope();
  const rows = useApi('training.auditors', { unitIds: scope.unitId ? [scope.unitId] : undefined, includeSubunits: scope.includeSubunits }).data ?? [];
  const columns: Column<Row>[] = [
    { key: 'fullName', header: t('staff.fullName'), value: (r) => r.fullName },
    { key: 'unit', header: t('staff.unit'), value: (r) => r.unitName },
    { key: 'department', header: t('staff.department'), value: (r) => r.department },
    { key: 'position', header: t('staff.position'), value: (r) => r.position },
    { key: 'certificateNo', header: t('session.certificateNo'), value: (r) => r.certificateNo },
    { key: 'certificateDate', header: t('session.certificateDate'), value: (r) => r.certificateDate, type: 'date', width: 110 },
    {
      key: 'expiry',
      header: t('session.certificateExpiry'),
      value: (r) => r.certificateExpiry,
      type: 'date',
      render: (r) =>
        r.certificateExpiry ? (
          r.expiringSoon ? (
            <Badge color="yellow">{`${formatVnDate(r.certificateExpiry)} · ${t('auditors.soon')}`}</Badge>
          ) : (
            formatVnDate(r.certificateExpiry)
          )
        ) : (
          t('auditors.noExpiry')
        ),
    },
    { key: 'audit', header: t('auditors.auditTrained'), value: (r) => (r.internalAuditTrained ? t('common:yes') : t('common:no')) },
  ];
  return (
    <Stack gap="md">
      <PageHeader title={t('auditors.title')} subtitle={t('auditors.subtitle')} />
      <DataTable
        testId="auditors-table"
        rows={rows}
        columns={columns}
        rowKey={(r) => r.staffId}
        exportName={t('auditors.export')}
        empty={t('auditors.empty')}
        toolbar={<ScopePicker scope={scope} onChange={setScope} />}
      />
    </Stack>
  );
}
