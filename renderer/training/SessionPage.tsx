import { Alert, Button, Group, Modal, MultiSelect, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { ApiOutput } from '../../electron/api';
import { formatVnDate } from '../../electron/common/dates';
import { call } from '../api/client';
import { useApi, useApiMutation, useErrorText } from '../api/hooks';
import { ConfirmButton } from '../components/ConfirmButton';
import { type Column, DataTable } from '../components/DataTable';
import { DateField } from '../components/DateField';
import { PageHeader } from '../components/PageHeader';
import { ImportDialog } from './ImportDialog';
import { SessionModal } from './SessionForm';
import { ResultBadge, saveFile } from './shared';
import { formatNumber } from '../../electron/common/reports';

type Detail = ApiOutput<'training.sessions.get'>;
type Row = Detail['attendance'][number];
type Result = 'passed' | 'failed' | 'absent';

/** One session: its details and its attendance list, with adding many people at once and Excel in and out. */
export function SessionPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('training');
  const navigate = useNavigate();
  const detail = useApi('training.sessions.get', { id }).data;
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const [editing, setEditing] = useState(false);
  const [attendee, setAttendee] = useState<Row | null>(null);
  const remove = useApiMutation('training.sessions.delete', { successMessage: t('sessions.deleted'), onSuccess: () => navigate('/training/sessions') });
  if (!detail) return null;
  const { session, course, unit } = detail;
  const columns: Column<Row>[] = [
    { key: 'fullName', header: t('staff.fullName'), value: (r) => r.fullName },
    { key: 'birthDate', header: t('staff.birthDate'), value: (r) => r.birthDate, type: 'date', width: 110 },
    { key: 'unit', header: t('staff.unit'), value: (r) => r.staffUnitName },
    { key: 'position', header: t('staff.position'), value: (r) => r.position },
    { key: 'result', header: t('session.result'), value: (r) => t(`results.${r.result}`), render: (r) => <ResultBadge result={r.result} /> },
    { key: 'certificateNo', header: t('session.certificateNo'), value: (r) => r.certificateNo },
    { key: 'certificateDate', header: t('session.certificateDate'), value: (r) => r.certificateDate, type: 'date', width: 110 },
    { key: 'certificateExpiry', header: t('session.certificateExpiry'), value: (r) => r.certificateExpiry, type: 'date', width: 110 },
  ];
  const fact = (label: string, value: string) => (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value || '—'}</Text>
    </div>
  );
  return (
    <Stack gap="md">
      <PageHeader
        title={`${course.name}${session.title ? ` – ${session.title}` : ''}`}
        subtitle={`${formatVnDate(session.startDate)} – ${formatVnDate(session.endDate)} · ${unit.name}`}
        actions={
          <>
            <Button variant="default" onClick={() => setEditing(true)}>
              {t('sessions.edit')}
            </Button>
            <ConfirmButton name={course.name} label={t('sessions.delete')} size="sm" onConfirm={() => remove.mutate({ id })} />
          </>
        }
      />
      <Paper withBorder p="md" radius="md">
        <SimpleGrid cols={{ base: 2, md: 5 }}>
          {fact(t('sessions.place'), session.place)}
          {fact(t('sessions.provider'), session.provider)}
          {fact(t('sessions.trainers'), session.trainers)}
          {fact(t('sessions.budget'), formatNumber(session.budgetSpent))}
          {fact(t('sessions.note'), session.note)}
        </SimpleGrid>
      </Paper>
      <Group justify="space-between">
        <Text fw={600} size="lg">
          {t('session.attendance')}
        </Text>
        <Group gap="sm">
          <Button variant="default" onClick={async () => saveFile(await call('training.excel.exportAttendance', { sessionId: id }))}>
            {t('session.exportList')}
          </Button>
          <Button variant="light" onClick={() => setImporting(true)} data-testid="attendance-import">
            {t('session.import')}
          </Button>
          <Button onClick={() => setAdding(true)} data-testid="attendance-add">
            {t('session.addMany')}
          </Button>
        </Group>
      </Group>
      <DataTable
        testId="attendance-table"
        rows={detail.attendance}
        columns={columns}
        rowKey={(r) => r.id}
        exportName={`${t('session.export')}-${course.code}-${session.startDate}`}
        onRowClick={setAttendee}
        empty={t('session.empty')}
      />
      <AddAttendeesModal opened={adding} onClose={() => setAdding(false)} detail={detail} />
      <AttendeeModal row={attendee} onClose={() => setAttendee(null)} />
      <ImportDialog kind="attendance" opened={importing} onClose={() => setImporting(false)} sessionId={id} defaultUnitId={session.unitId} />
      <SessionModal opened={editing} onClose={() => setEditing(false)} session={session} />
    </Stack>
  );
}

function CertificateFields(props: { value: Cert; onChange: (v: Cert) => void; withExpiry?: boolean }) {
  const { t } = useTranslation('training');
  const { value, onChange } = props;
  return (
    <>
      <Select
        label={t('session.result')}
        data={(['passed', 'failed', 'absent'] as const).map((r) => ({ value: r, label: t(`results.${r}`) }))}
        value={value.result}
        onChange={(v) => onChange({ ...value, result: (v ?? 'passed') as Result })}
        allowDeselect={false}
        data-testid="attendance-result"
      />
      <Group grow>
        <TextInput label={t('session.certificateNo')} value={value.certificateNo} onChange={(e) => onChange({ ...value, certificateNo: e.currentTarget.value })} disabled={value.result !== 'passed'} />
        <DateField label={t('session.certificateDate')} value={value.certificateDate} onChange={(v) => onChange({ ...value, certificateDate: v })} />
        {props.withExpiry && (
          <DateField label={t('session.certificateExpiry')} value={value.certificateExpiry} onChange={(v) => onChange({ ...value, certificateExpiry: v })} description={t('session.expiryHint')} />
        )}
      </Group>
    </>
  );
}

interface Cert {
  result: Result;
  certificateNo: string;
  certificateDate: string | null;
  certificateExpiry: string | null;
}

/** How many people the picker lists for what is typed: it searches the whole registry (the nation's, at headquarters). */
const PICK_LIMIT = 50;

function AddAttendeesModal({ opened, onClose, detail }: { opened: boolean; onClose: () => void; detail: Detail }) {
  const { t } = useTranslation('training');
  const errorText = useErrorText();
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 200);
  // Asked of the host as the user types, without diacritics: a national registry is ~30,000 people, too many to send.
  const found = useApi('training.staff.page', { status: 'active', query: query || undefined, limit: PICK_LIMIT }, { enabled: opened, keepPrevious: true }).data;
  const present = new Set(detail.attendance.map((a) => a.staffId));
  const [picked, setPicked] = useState<string[]>([]);
  // The labels of those picked stay, whatever the search now lists.
  const [labels, setLabels] = useState<Map<string, string>>(new Map());
  const options = new Map(labels);
  for (const s of found?.rows ?? []) {
    if (!present.has(s.id)) options.set(s.id, `${s.fullName}${s.birthDate ? ` (${formatVnDate(s.birthDate)})` : ''} · ${s.unitName}`);
  }
  const [cert, setCert] = useState<Cert>({ result: 'passed', certificateNo: '', certificateDate: null, certificateExpiry: null });
  const add = useApiMutation('training.attendance.add', {
    quiet: true,
    onSuccess: () => {
      setPicked([]);
      setLabels(new Map());
      onClose();
    },
    successMessage: t('session.added', { count: picked.length }),
  });
  const more = found ? found.total - found.rows.length : 0;
  return (
    <Modal opened={opened} onClose={onClose} title={t('session.addMany')} size="xl" centered>
      <Stack>
        <MultiSelect
          label={t('session.pickStaff')}
          data={[...options].map(([value, label]) => ({ value, label }))}
          value={picked}
          onChange={(ids) => {
            setPicked(ids);
            setLabels(new Map(ids.map((id) => [id, options.get(id) ?? id])));
            setSearch(''); // ready for the next name
          }}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          // The host has searched (ignoring diacritics): the box must not filter its answer again by the exact letters.
          filter={({ options: all }) => all}
          nothingFoundMessage={!found ? t('common:loading') : query ? t('session.nobodyFound') : t('session.nobodyLeft')}
          clearable
          hidePickedOptions
          maxDropdownHeight={300}
          data-testid="attendance-pick"
        />
        {more > 0 && (
          <Text size="xs" c="dimmed">
            {t('session.pickMore', { shown: formatNumber(found!.rows.length), total: formatNumber(found!.total) })}
          </Text>
        )}
        <Text size="sm" c="dimmed">
          {t('session.addHint')}
        </Text>
        <CertificateFields value={cert} onChange={setCert} />
        {add.error != null && <Alert color="red">{errorText(add.error)}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <Button
            disabled={picked.length === 0}
            loading={add.isPending}
            onClick={() =>
              add.mutate({
                sessionId: detail.session.id,
                entries: picked.map((staffId) => ({
                  staffId,
                  result: cert.result,
                  certificateNo: cert.result === 'passed' ? cert.certificateNo : '',
                  certificateDate: cert.result === 'passed' ? cert.certificateDate : null,
                })),
              })
            }
            data-testid="attendance-save"
          >
            {t('common:actions.add')} ({picked.length})
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function AttendeeModal({ row, onClose }: { row: Row | null; onClose: () => void }) {
  const { t } = useTranslation('training');
  const errorText = useErrorText();
  const [cert, setCert] = useState<Cert | null>(null);
  const update = useApiMutation('training.attendance.update', { quiet: true, successMessage: t('session.updated'), onSuccess: () => (setCert(null), onClose()) });
  const remove = useApiMutation('training.attendance.remove', { successMessage: t('session.removed'), onSuccess: () => (setCert(null), onClose()) });
  if (!row) return null;
  const value = cert ?? { result: row.result, certificateNo: row.certificateNo, certificateDate: row.certificateDate, certificateExpiry: row.certificateExpiry };
  return (
    <Modal opened onClose={() => (setCert(null), onClose())} title={`${t('session.editAttendee')}: ${row.fullName}`} size="lg" centered>
      <Stack>
        <CertificateFields value={value} onChange={setCert} withExpiry />
        {update.error != null && <Alert color="red">{errorText(update.error)}</Alert>}
        <Group justify="space-between">
          <ConfirmButton name={row.fullName} label={t('common:actions.remove')} onConfirm={() => remove.mutate({ id: row.id })} />
          <Group>
            <Button variant="default" onClick={() => (setCert(null), onClose())}>
              {t('common:actions.cancel')}
            </Button>
            <Button
              loading={update.isPending}
              onClick={() =>
                update.mutate({
                  id: row.id,
                  result: value.result,
                  certificateNo: value.result === 'passed' ? value.certificateNo : '',
                  certificateDate: value.result === 'passed' ? value.certificateDate : null,
                  // Empty: the service derives it from the course's certificate validity.
                  certificateExpiry: value.result === 'passed' ? (value.certificateExpiry ?? undefined) : null,
                })
              }
            >
              {t('common:actions.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
