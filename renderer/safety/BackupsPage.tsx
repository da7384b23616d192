import { Alert, Badge, Button, Code, Group, List, Modal, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../electron/api';
import { useApi, useApiMutation } from '../api/hooks';
import { type Column, DataTable } from '../components/DataTable';
import { FormActions } from '../components/FormActions';
import { PageHeader } from '../components/PageHeader';

type Backup = ApiOutput<'backup.list'>['backups'][number];
type Report = ApiOutput<'integrity.check'>;

/** dd/mm/yyyy HH:mm in the reader's clock. */
export function formatInstant(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

const megabytes = (bytes: number) => `${(bytes / 1048576).toFixed(bytes < 10 * 1048576 ? 1 : 0)} MB`;

function IntegrityResult({ report }: { report: Report }) {
  const { t } = useTranslation('safety');
  if (report.ok) {
    const attachments = report.kind === 'full' ? t('integrity.attachmentsOk', { count: report.attachments.checked }) : '';
    return (
      <Alert color="green" title={t('integrity.ok')} data-testid="integrity-ok">
        {t('integrity.okBody', { attachments, when: formatInstant(report.checkedAt) })}
      </Alert>
    );
  }
  const dbBad = !(report.database.length === 1 && report.database[0] === 'ok');
  return (
    <Alert color="red" title={t('integrity.bad')} data-testid="integrity-bad">
      <List size="sm" mb="xs">
        {dbBad && <List.Item>{t('integrity.database', { details: report.database.slice(0, 3).join('; ') })}</List.Item>}
        {report.foreignKeys.length > 0 && <List.Item>{t('integrity.foreignKeys', { count: report.foreignKeys.length })}</List.Item>}
        {report.attachments.damaged.length > 0 && <List.Item>{t('integrity.damaged', { count: report.attachments.damaged.length })}</List.Item>}
        {report.attachments.missing.length > 0 && <List.Item>{t('integrity.missing', { count: report.attachments.missing.length })}</List.Item>}
      </List>
      <Text size="sm" fw={600}>
        {t('integrity.badBody', { backup: report.latestBackup ?? '—' })}
      </Text>
    </Alert>
  );
}

/** A folder path typed by the user (the desktop app may fill it from a folder picker). */
function FolderModal(props: {
  opened: boolean;
  title: string;
  label: string;
  hint: string;
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onSubmit: (path: string) => void;
}) {
  const [path, setPath] = useState('');
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} centered size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit(path.trim());
        }}
      >
        <Stack>
          <TextInput label={props.label} description={props.hint} value={path} onChange={(e) => setPath(e.currentTarget.value)} required data-autofocus />
          <FormActions error={props.error} pending={props.pending} onCancel={props.onClose} />
        </Stack>
      </form>
    </Modal>
  );
}

/** Backups (list, back up now, restore with confirmation) and the integrity check. */
export function BackupsPage() {
  const { t } = useTranslation('safety');
  const { t: tc } = useTranslation();
  const list = useApi('backup.list', {});
  const backups = list.data?.backups ?? [];
  const [report, setReport] = useState<Report | null>(null);
  const [confirm, setConfirm] = useState<Backup | null>(null);
  const [folderOpen, setFolderOpen] = useState<'to' | 'from' | null>(null);

  const now = useApiMutation('backup.now', {
    onSuccess: () => setFolderOpen(null),
    quiet: folderOpen === 'to',
  });
  const restore = useApiMutation('backup.restore', {
    onSuccess: () => {
      setConfirm(null);
      setFolderOpen(null);
    },
    quiet: folderOpen === 'from',
  });
  const check = useApiMutation('integrity.check', { onSuccess: (r) => setReport(r) });

  const reasonLabel = (reason: string) => t(`backups.reasons.${reason}`, { defaultValue: reason });
  const columns: Column<Backup>[] = [
    { key: 'when', header: t('backups.when'), value: (b) => b.createdAt, render: (b) => formatInstant(b.createdAt), width: 160 },
    { key: 'reason', header: t('backups.reason'), value: (b) => reasonLabel(b.reason) },
    { key: 'rows', header: t('backups.rows'), value: (b) => b.rows, type: 'number', width: 110 },
    { key: 'attachments', header: t('backups.attachments'), value: (b) => b.attachmentCount, type: 'number', width: 120 },
    { key: 'size', header: t('backups.size'), value: (b) => b.dbBytes + b.attachmentBytes, render: (b) => megabytes(b.dbBytes + b.attachmentBytes), type: 'number', width: 110 },
    {
      key: 'status',
      header: t('backups.status'),
      value: (b) => (b.verified ? t('backups.verified') : t('backups.unverified')),
      render: (b) => (
        <Badge color={b.verified ? 'green' : 'orange'} variant="light">
          {b.verified ? t('backups.verified') : t('backups.unverified')}
        </Badge>
      ),
      width: 150,
    },
    {
      key: 'actions',
      header: '',
      value: () => null,
      render: (b) =>
        b.verified ? (
          <Button size="xs" variant="light" color="orange" onClick={() => setConfirm(b)} data-testid={`restore-${b.id}`}>
            {t('backups.restore')}
          </Button>
        ) : null,
      width: 120,
    },
  ];

  return (
    <Stack>
      <PageHeader
        title={t('backups.title')}
        subtitle={t('backups.subtitle')}
        actions={
          <>
            <Button loading={now.isPending && folderOpen !== 'to'} onClick={() => now.mutate({})} data-testid="backup-now">
              {t('backups.now')}
            </Button>
          </>
        }
      />
      {now.data && !now.isPending && (
        <Alert color="green" withCloseButton onClose={() => now.reset()}>
          {t('backups.done', { path: now.data.path })}
        </Alert>
      )}
      {restore.data && !restore.isPending && (
        <Alert color="green" withCloseButton onClose={() => restore.reset()}>
          {t('backups.restored', { id: restore.data.restored, safety: restore.data.safetyBackup ?? '—' })}
        </Alert>
      )}

      <Paper withBorder p="md" radius="md">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={4}>{t('integrity.title')}</Title>
            <Text size="sm" c="dimmed" mt={4}>
              {t('integrity.hint')}
            </Text>
          </div>
          <Group gap="sm">
            <Button variant="default" loading={check.isPending && check.variables?.full !== true} onClick={() => check.mutate({})} data-testid="check-quick">
              {t('integrity.quick')}
            </Button>
            <Button variant="default" loading={check.isPending && check.variables?.full === true} onClick={() => check.mutate({ full: true })} data-testid="check-full">
              {t('integrity.full')}
            </Button>
          </Group>
        </Group>
        {report && (
          <Stack mt="md">
            <IntegrityResult report={report} />
          </Stack>
        )}
      </Paper>

      <DataTable
        rows={backups}
        columns={columns}
        rowKey={(b) => b.id}
        exportName={t('backups.export')}
        empty={t('backups.empty')}
        initialSort={{ key: 'when', dir: 'desc' }}
        testId="backups-table"
        toolbar={
          <Group gap="xs">
            <Button variant="default" onClick={() => setFolderOpen('to')}>
              {t('backups.toFolder')}
            </Button>
            <Button variant="default" onClick={() => setFolderOpen('from')}>
              {t('backups.fromFolder')}
            </Button>
          </Group>
        }
      />
      <Text size="sm" c="dimmed">
        {t('backups.where')}: <Code>{list.data?.folder ?? '…'}</Code>. {t('backups.policy')}
      </Text>

      <Modal opened={!!confirm} onClose={() => setConfirm(null)} title={t('backups.confirmTitle')} centered>
        {confirm && (
          <Stack>
            <Text>{t('backups.confirmBody', { when: formatInstant(confirm.createdAt), rows: confirm.rows })}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirm(null)}>
                {tc('actions.cancel')}
              </Button>
              <Button color="orange" loading={restore.isPending} onClick={() => restore.mutate({ backup: confirm.id })} data-testid="restore-confirm">
                {t('backups.confirmAction')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <FolderModal
        opened={folderOpen === 'to'}
        title={t('backups.toFolder')}
        label={t('backups.folderLabel')}
        hint={t('backups.folderHint')}
        pending={now.isPending}
        error={folderOpen === 'to' ? now.error : null}
        onClose={() => setFolderOpen(null)}
        onSubmit={(folder) => now.mutate({ folder })}
      />
      <FolderModal
        opened={folderOpen === 'from'}
        title={t('backups.fromFolder')}
        label={t('backups.backupFolderLabel')}
        hint={t('backups.backupFolderHint')}
        pending={restore.isPending}
        error={folderOpen === 'from' ? restore.error : null}
        onClose={() => setFolderOpen(null)}
        onSubmit={(backup) => restore.mutate({ backup })}
      />
    </Stack>
  );
}
