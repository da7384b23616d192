import { Badge, Button, Code, Modal, Stack, Tabs, Text } from '@mantine/core';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../electron/api';
import { formatVnDate } from '../../electron/common/dates';
import { call } from '../api/client';
import { useApi } from '../api/hooks';
import { type Column, DataTable } from '../components/DataTable';
import { PageHeader } from '../components/PageHeader';
import { ChangeSummary, type TableChanges } from './ChangeSummary';
import { ExportModal } from './ExportModal';
import { downloadBase64 } from './files';
import { ImportModal } from './ImportModal';
import { KeyCard } from './KeyCard';
import { ReceiptModal } from './ReceiptModal';
import { TrustedKeys } from './TrustedKeys';

type Overview = ApiOutput<'exchange.overview'>;
type Received = Overview['received'][number];
type Sent = Overview['sent'][number];

const statusColor = { applied: 'green', fork: 'red', via: 'gray' } as const;

/** Bundles in and out, the office's key and the keys it trusts. */
export function ExchangePage() {
  const { t } = useTranslation('exchange');
  const overview = useApi('exchange.overview', {}).data;
  const [dialog, setDialog] = useState<'export' | 'import' | 'receipt' | null>(null);
  // A bundle the user opened with the app (double-click, second launch) arrives here to preview.
  const openedPath = (useLocation().state as { openPath?: string } | null)?.openPath;
  const navigate = useNavigate();
  const [detail, setDetail] = useState<Received | null>(null);
  if (!overview) return null;
  const askPassphrase = !overview.unlockable;
  const receivedColumns: Column<Received>[] = [
    { key: 'from', header: t('received.from'), value: (r) => (r.issuerName === r.issuerCode ? r.issuerCode : `${r.issuerCode} · ${r.issuerName}`) },
    { key: 'sequence', header: t('received.sequence'), value: (r) => r.sequence, type: 'number' },
    {
      key: 'status',
      header: t('received.status'),
      value: (r) => t(`received.statuses.${r.status}`),
      render: (r) => (
        <Badge color={statusColor[r.status]} variant="light">
          {t(`received.statuses.${r.status}`)}
        </Badge>
      ),
    },
    { key: 'receivedAt', header: t('received.receivedAt'), value: (r) => r.receivedAt.slice(0, 10), type: 'date' },
    { key: 'changes', header: t('received.changes'), value: (r) => (typeof r.summary.changes === 'number' ? r.summary.changes : null), type: 'number' },
    { key: 'conflicts', header: t('received.conflicts'), value: (r) => (typeof r.summary.conflicts === 'number' ? r.summary.conflicts : null), type: 'number' },
    { key: 'hash', header: t('received.hash'), value: (r) => r.bundleSha256, render: (r) => <Code>{r.bundleSha256.slice(0, 12)}…</Code> },
  ];
  const sentColumns: Column<Sent>[] = [
    { key: 'sequence', header: t('sent.sequence'), value: (s) => s.sequence, type: 'number' },
    { key: 'kind', header: t('sent.kind'), value: (s) => (s.kind === 'full' ? t('sent.kinds.full') : t('sent.kinds.delta', { since: s.sinceSequence })) },
    { key: 'rows', header: t('sent.rows'), value: (s) => s.rowCount, type: 'number' },
    { key: 'createdAt', header: t('sent.createdAt'), value: (s) => s.createdAt.slice(0, 10), type: 'date' },
    {
      key: 'ack',
      header: t('sent.acknowledged'),
      value: (s) => (s.acknowledgedAt ? t('sent.ackYes', { by: s.acknowledgedBy, date: s.acknowledgedAt.slice(0, 10) }) : t('sent.ackNo')),
      render: (s) =>
        s.acknowledgedAt ? (
          <Badge color="green" variant="light">
            {t('sent.ackYes', { by: s.acknowledgedBy, date: formatVnDate(s.acknowledgedAt) })}
          </Badge>
        ) : (
          <Badge color="yellow" variant="light">
            {t('sent.ackNo')}
          </Badge>
        ),
    },
    {
      key: 'download',
      header: '',
      value: () => null,
      render: (s) => (
        <Button
          size="xs"
          variant="subtle"
          onClick={async (e) => {
            e.stopPropagation();
            const file = await call('exchange.bundle.download', { bundleId: s.bundleId });
            downloadBase64(file.base64, file.fileName);
          }}
        >
          {t('sent.download')}
        </Button>
      ),
    },
  ];
  return (
    <Stack>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={
          <>
            <Button variant="default" onClick={() => setDialog('receipt')}>
              {t('actions.receipt')}
            </Button>
            <Button variant="light" onClick={() => setDialog('import')} data-testid="open-import">
              {t('actions.import')}
            </Button>
            <Button onClick={() => setDialog('export')} disabled={!overview.key} data-testid="open-export">
              {t('actions.export')}
            </Button>
          </>
        }
      />
      <KeyCard overview={overview} />
      <Tabs defaultValue="received" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="received">
            {t('tabs.received')} ({overview.received.length})
          </Tabs.Tab>
          <Tabs.Tab value="sent">
            {t('tabs.sent')} ({overview.sent.length})
          </Tabs.Tab>
          <Tabs.Tab value="trusted" data-testid="tab-trusted">
            {t('tabs.trusted')} ({overview.trusted.filter((k) => !k.revokedAt).length})
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="received" pt="md">
          <DataTable
            rows={overview.received}
            columns={receivedColumns}
            rowKey={(r) => String(r.id)}
            exportName={t('received.export')}
            empty={t('received.empty')}
            testId="received"
            onRowClick={setDetail}
          />
        </Tabs.Panel>
        <Tabs.Panel value="sent" pt="md">
          <DataTable rows={overview.sent} columns={sentColumns} rowKey={(s) => s.bundleId} exportName={t('sent.export')} empty={t('sent.empty')} testId="sent" />
        </Tabs.Panel>
        <Tabs.Panel value="trusted" pt="md">
          <TrustedKeys rows={overview.trusted} />
        </Tabs.Panel>
      </Tabs>
      {dialog === 'export' && <ExportModal askPassphrase={askPassphrase} onClose={() => setDialog(null)} />}
      {dialog === 'import' && <ImportModal askPassphrase={askPassphrase} onClose={() => setDialog(null)} />}
      {dialog === 'receipt' && <ReceiptModal onClose={() => setDialog(null)} />}
      {openedPath && <ImportModal key={openedPath} path={openedPath} askPassphrase={askPassphrase} onClose={() => navigate('/exchange', { replace: true })} />}
      {detail && <ReceivedDetail row={detail} onClose={() => setDetail(null)} />}
    </Stack>
  );
}

/** What one received bundle changed, table by table. */
function ReceivedDetail({ row, onClose }: { row: Received; onClose: () => void }) {
  const { t } = useTranslation('exchange');
  return (
    <Modal opened onClose={onClose} title={t('import.from', { sequence: row.sequence, unit: row.issuerName === row.issuerCode ? row.issuerCode : `${row.issuerCode} ${row.issuerName}` })} centered size="lg">
      <Stack gap="sm">
        <Text size="sm">
          {t(`received.statuses.${row.status}`)} · {formatVnDate(row.receivedAt)}
        </Text>
        <Text size="xs" c="dimmed">
          {t('received.hash')}: <Code>{row.bundleSha256}</Code>
        </Text>
        <ChangeSummary tables={(row.summary.tables as TableChanges[] | undefined) ?? []} />
      </Stack>
    </Modal>
  );
}
