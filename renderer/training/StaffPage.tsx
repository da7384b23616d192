import { Alert, Badge, Button, Group, Modal, Radio, Select, Stack, Table, Text } from '@mantine/core';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiInput, ApiOutput } from '../../electron/api';
import { formatVnDate } from '../../electron/common/dates';
import { call } from '../api/client';
import { useApi, useApiMutation } from '../api/hooks';
import { type Column, DataTable, type RemoteRows } from '../components/DataTable';
import { PageHeader } from '../components/PageHeader';
import { ImportDialog } from './ImportDialog';
import { StaffModal } from './StaffForm';
import { saveFile, type Scope, ScopePicker, useScope } from './shared';

type Staff = ApiOutput<'training.staff.page'>['rows'][number];
type SortKey = NonNullable<ApiInput<'training.staff.page'>['sort']>['key'];
type Group_ = ApiOutput<'training.staff.duplicates'>[number];

type Status = 'active' | 'left' | 'all';

/** Staff of a unit (and its sub-units): add, edit, import, export, and merge duplicates. */
export function StaffPage() {
  const { t } = useTranslation('training');
  const [scope, setScope] = useScope();
  const [status, setStatus] = useState<Status>('active');
  const [editing, setEditing] = useState<Staff | null>(null);
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const [merging, setMerging] = useState<Group_ | null>(null);
  const [listed, setListed] = useState(false);
  const formUsed = useOnceTrue(adding || !!editing);
  const importUsed = useOnceTrue(importing);
  // The host answers one request at a time: the duplicates check waits until the first rows are in, so it never queues ahead of them.
  const duplicates = useApi('training.staff.duplicates', scope, { enabled: listed }).data ?? [];
  return (
    <Stack gap="md">
      <PageHeader
        title={t('staff.title')}
        subtitle={t('staff.subtitle')}
        actions={
          <>
            <Button variant="default" onClick={async () => saveFile(await call('training.excel.exportStaff', { ...scope, status }))}>
              {t('staff.exportTemplate')}
            </Button>
            <Button variant="light" onClick={() => setImporting(true)} data-testid="staff-import">
              {t('staff.import')}
            </Button>
            <Button onClick={() => setAdding(true)} data-testid="staff-add">
              {t('staff.add')}
            </Button>
          </>
        }
      />
      {duplicates.length > 0 && (
        <Alert color="orange" title={t('staff.duplicates', { count: duplicates.length })} data-testid="staff-duplicates">
          <Stack gap={4}>
            {duplicates.map((g) => (
              <Group key={g.members.map((m) => m.id).join()} gap="sm">
                <Text size="sm">
                  {g.unitName}: {g.members.map((m) => `${m.fullName}${m.birthDate ? ` (${formatVnDate(m.birthDate)})` : ''}`).join(' · ')} —{' '}
                  {g.reason === 'code' ? t('staff.reasonCode') : t('staff.reasonName')}
                </Text>
                <Button size="compact-sm" variant="white" color="orange" onClick={() => setMerging(g)}>
                  {t('staff.merge')}…
                </Button>
              </Group>
            ))}
          </Stack>
        </Alert>
      )}
      <StaffTable
        unitId={scope.unitId}
        includeSubunits={scope.includeSubunits}
        status={status}
        onScope={setScope}
        onStatus={setStatus}
        onOpen={setEditing}
        onListed={setListed}
      />
      {/* Mounted once first opened (then kept, for their closing transition): each holds a unit picker of the whole nation. */}
      {formUsed && <StaffModal opened={adding || !!editing} onClose={() => (setAdding(false), setEditing(null))} person={editing} defaultUnitId={scope.unitId} />}
      {importUsed && <ImportDialog kind="staff" opened={importing} onClose={() => setImporting(false)} defaultUnitId={scope.unitId} />}
      <MergeModal group={merging} onClose={() => setMerging(null)} />
    </Stack>
  );
}

/** True from the first render where `value` is. */
function useOnceTrue(value: boolean): boolean {
  const [once, setOnce] = useState(value);
  if (value && !once) setOnce(true);
  return once || value;
}

interface StaffTableProps {
  unitId: string | undefined;
  includeSubunits: boolean;
  status: Status;
  onScope: (scope: Scope) => void;
  onStatus: (status: Status) => void;
  onOpen: (person: Staff) => void;
  onListed: (listed: true) => void;
}

/**
 * The list, apart from the page (memo, plain props, state setters for callbacks): the page redraws when its other
 * answers change (the office and the unit list asked again on opening, the duplicates), and redrawing the table with
 * it, twice before its first rows, held them back.
 */
const StaffTable = memo(function StaffTable({ unitId, includeSubunits, status, onScope, onStatus, onOpen, onListed }: StaffTableProps) {
  const { t } = useTranslation('training');
  const scope = { unitId, includeSubunits };
  // The nation's list is ~30,000 people: the table asks the host for the rows it shows, searched and sorted there.
  const remote: RemoteRows<Staff> = {
    key: ['training.staff.page', scope, status],
    fetch: ({ query, sort, offset, limit }) =>
      call('training.staff.page', { ...scope, status, query: query || undefined, sort: sort ? { key: sort.key as SortKey, dir: sort.dir } : undefined, offset, limit }),
  };
  const columns: Column<Staff>[] = [
    { key: 'fullName', header: t('staff.fullName'), value: (r) => r.fullName },
    { key: 'birthDate', header: t('staff.birthDate'), value: (r) => r.birthDate, type: 'date', width: 110 },
    { key: 'staffCode', header: t('staff.staffCode'), value: (r) => r.staffCode, width: 100 },
    { key: 'unit', header: t('staff.unit'), value: (r) => r.unitName },
    { key: 'department', header: t('staff.department'), value: (r) => r.department },
    { key: 'position', header: t('staff.position'), value: (r) => r.position },
    {
      key: 'isoRole',
      header: t('staff.isoRole'),
      value: (r) => (r.isoRole === 'none' ? '' : t(`roles.${r.isoRole}`)),
      render: (r) => (r.isoRole === 'none' ? null : <Badge variant="light" tt="none">{t(`roles.${r.isoRole}`)}</Badge>),
    },
    // Wide enough for "Đang làm việc" on one line: a wrapped status doubled the height of every row.
    { key: 'status', header: t('staff.status'), value: (r) => t(`staffStatus.${r.status}`), width: 130 },
  ];
  return (
    <DataTable
      testId="staff-table"
      remote={remote}
      onFirstRows={() => onListed(true)}
      columns={columns}
      rowKey={(r) => r.id}
      exportName={t('staff.export')}
      onRowClick={onOpen}
      empty={t('staff.empty')}
      toolbar={
        <>
          <ScopePicker scope={scope} onChange={onScope} />
          <Select
            aria-label={t('staff.status')}
            data={(['active', 'left', 'all'] as const).map((s) => ({ value: s, label: t(`staffStatus.${s}`) }))}
            value={status}
            onChange={(v) => onStatus((v ?? 'active') as Status)}
            allowDeselect={false}
            w={170}
          />
        </>
      }
    />
  );
});

function MergeModal({ group, onClose }: { group: Group_ | null; onClose: () => void }) {
  const { t } = useTranslation('training');
  const [keepId, setKeepId] = useState<string | null>(null);
  const merge = useApiMutation('training.staff.merge', { successMessage: t('staff.merged'), onSuccess: onClose });
  if (!group) return null;
  const keep = keepId ?? [...group.members].sort((a, b) => b.attendanceCount - a.attendanceCount)[0].id;
  const kept = group.members.find((m) => m.id === keep)!;
  return (
    <Modal opened onClose={onClose} title={t('staff.merge')} size="xl" centered>
      <Stack>
        <Text size="sm">{t('staff.duplicatesHint')}</Text>
        <Radio.Group value={keep} onChange={setKeepId}>
          <Table>
            <Table.Tbody>
              {group.members.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>
                    <Radio value={m.id} label={t('staff.keep')} />
                  </Table.Td>
                  <Table.Td>{m.fullName}</Table.Td>
                  <Table.Td>{formatVnDate(m.birthDate)}</Table.Td>
                  <Table.Td>{m.staffCode}</Table.Td>
                  <Table.Td>{m.position}</Table.Td>
                  <Table.Td>{t('staff.attendanceCount', { count: m.attendanceCount })}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Radio.Group>
        <Text size="sm" c="dimmed">
          {t('staff.mergeConfirm', { count: group.members.length - 1, name: kept.fullName })}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <Button color="orange" loading={merge.isPending} onClick={() => merge.mutate({ keepId: keep, mergeIds: group.members.filter((m) => m.id !== keep).map((m) => m.id) })}>
            {t('staff.merge')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
