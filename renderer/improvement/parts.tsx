import { Anchor, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { ApiOutput } from '../../electron/api';
import { formatVnDate } from '../../electron/common/dates';
import { useApiMutation } from '../api/hooks';
import { ConfirmButton } from '../components/ConfirmButton';
import { type Column, DataTable } from '../components/DataTable';

/** The unit a panel or form is about. */
export type UnitRef = { id: string; name: string; code: string };

/** Badges in table cells keep their whole label (Mantine clips them by default). */
export const noClip = { root: { overflow: 'visible', maxWidth: 'none' }, label: { overflow: 'visible' } } as const;

/**
 * The head of one record's page (a unit's health, an audit, an
 * organisation): a link up to where it belongs, its name with a badge, an
 * optional line under it, and the page's buttons.
 */
export function RecordHeader(props: { link: { to: string; label: ReactNode }; title: ReactNode; badge?: ReactNode; sub?: ReactNode; actions?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start">
      <div>
        <Anchor component={Link} to={props.link.to} size="sm">
          {props.link.label}
        </Anchor>
        <Group gap="sm" mt={2}>
          <Title order={2}>{props.title}</Title>
          {props.badge}
        </Group>
        {props.sub && (
          <Text size="sm" c="dimmed" mt={4}>
            {props.sub}
          </Text>
        )}
      </div>
      {props.actions && <Group gap="sm">{props.actions}</Group>}
    </Group>
  );
}

/**
 * The buttons at the end of a row: extra ones, Edit, and Delete after a
 * confirmation. Clicks stay in the cell (they do not open the row).
 */
export function RowActions(props: { name: string; onEdit?: () => void; onDelete?: () => void; children?: React.ReactNode; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end" onClick={(e) => e.stopPropagation()}>
      {props.children}
      {props.onEdit && (
        <Button size="compact-xs" variant="light" onClick={props.onEdit} data-testid={props.testId ? `${props.testId}-edit` : undefined}>
          {t('actions.edit')}
        </Button>
      )}
      {props.onDelete && <ConfirmButton name={props.name} size="compact-xs" onConfirm={props.onDelete} data-testid={props.testId ? `${props.testId}-delete` : undefined} />}
    </Group>
  );
}

export type HealthStatus = 'good' | 'attention' | 'critical';
const healthColour = { good: 'green', attention: 'yellow', critical: 'red' } as const;

/** A unit's health as a coloured badge. */
export function HealthBadge({ status, size = 'md' }: { status: HealthStatus; size?: 'md' | 'lg' }) {
  const { t } = useTranslation('improvement');
  return (
    <Badge color={healthColour[status]} variant="filled" size={size} tt="none" styles={noClip} data-testid="health-status">
      {t(`status.${status}`)}
    </Badge>
  );
}

type Issue = ApiOutput<'health.get'>['issues'][number];

/** One issue as a sentence, dates as dd/mm/yyyy. */
export function useIssueText() {
  const { t } = useTranslation('improvement');
  return (i: Issue) => t(`issue.${i.code}`, { date: formatVnDate(i.date), count: i.count ?? 0 });
}

const actionColour = { open: 'gray', in_progress: 'blue', done: 'teal', verified: 'green' } as const;

export function ActionStatusBadge({ status }: { status: keyof typeof actionColour }) {
  const { t } = useTranslation('improvement');
  return (
    <Badge color={actionColour[status]} variant="light" tt="none" styles={noClip}>
      {t(`actions.statuses.${status}`)}
    </Badge>
  );
}

const severityColour = { major: 'red', minor: 'orange', observation: 'gray' } as const;

export function SeverityBadge({ severity }: { severity: keyof typeof severityColour }) {
  const { t } = useTranslation('improvement');
  return (
    <Badge color={severityColour[severity]} variant="light" tt="none" styles={noClip}>
      {t(`finding.severities.${severity}`)}
    </Badge>
  );
}

type FindingLike = { severity: keyof typeof severityColour; clause: string; procedureCode: string; actions: { owner: string; dueDate: string; status: keyof typeof actionColour }[] };

/**
 * What every list of findings shows: the severity, the clause and procedure
 * it refers to, and the owner, due date and status of its latest action.
 */
export function useFindingColumns<T extends FindingLike>(): { severity: Column<T>; reference: Column<T>; latestAction: Column<T>[] } {
  const { t } = useTranslation('improvement');
  const latest = (f: T) => f.actions.at(-1);
  return {
    severity: { key: 'severity', header: t('finding.severity'), value: (f) => t(`finding.severities.${f.severity}`), render: (f) => <SeverityBadge severity={f.severity} /> },
    reference: { key: 'reference', header: t('inspection.reference'), value: (f) => [f.clause, f.procedureCode].filter(Boolean).join(' · ') },
    latestAction: [
      { key: 'owner', header: t('finding.owner'), value: (f) => latest(f)?.owner ?? '' },
      { key: 'due', header: t('finding.dueDate'), value: (f) => latest(f)?.dueDate ?? null, type: 'date' },
      {
        key: 'action',
        header: t('actions.status'),
        value: (f) => (latest(f) ? t(`actions.statuses.${latest(f)!.status}`) : ''),
        render: (f) => (latest(f) ? <ActionStatusBadge status={latest(f)!.status} /> : null),
      },
    ],
  };
}

export type ActionRow = ApiOutput<'actions.list'>['rows'][number];

/** The actions table with aging and the buttons that move an action along. */
export function ActionsTable(props: {
  rows: ActionRow[];
  showUnit?: boolean;
  onVerify: (row: ActionRow) => void;
  toolbar?: React.ReactNode;
  exportName: string;
  empty?: string;
  /** The rows are being fetched (a new filter): export waits. */
  loading?: boolean;
}) {
  const { t } = useTranslation('improvement');
  const navigate = useNavigate();
  const setStatus = useApiMutation('actions.setStatus', { successMessage: t('actions.finished') });
  const columns: Column<ActionRow>[] = [
    ...(props.showUnit
      ? [
          {
            key: 'unit',
            header: t('actions.unit'),
            value: (r: ActionRow) => r.unitName,
            render: (r: ActionRow) => (
              <Text size="sm" miw={90}>
                {r.unitName}
              </Text>
            ),
          } as Column<ActionRow>,
        ]
      : []),
    {
      key: 'title',
      header: t('actions.name'),
      value: (r) => r.title,
      render: (r) => (
        <div style={{ minWidth: 220 }}>
          <Text size="sm" fw={500}>
            {r.title}
          </Text>
          {(r.clause || r.procedureCode) && (
            <Text size="xs" c="dimmed">
              {[r.clause, r.procedureCode].filter(Boolean).join(' · ')}
            </Text>
          )}
        </div>
      ),
    },
    { key: 'source', header: t('actions.source'), value: (r) => t(`finding.sources.${r.source}`) },
    { key: 'severity', header: t('actions.severity'), value: (r) => (r.severity ? t(`finding.severities.${r.severity}`) : '') },
    { key: 'owner', header: t('actions.owner'), value: (r) => r.owner },
    { key: 'opened', header: t('actions.opened'), value: (r) => r.openedDate, type: 'date' },
    {
      key: 'due',
      header: t('actions.due'),
      value: (r) => r.dueDate,
      type: 'date',
      render: (r) => (
        <div>
          <Text size="sm">{formatVnDate(r.dueDate)}</Text>
          {r.overdue && (
            <Text size="xs" c="red" fw={600}>
              {t('actions.overdue', { days: r.daysOverdue })}
            </Text>
          )}
        </div>
      ),
    },
    { key: 'age', header: t('actions.age'), value: (r) => r.ageDays, type: 'number' },
    {
      key: 'status',
      header: t('actions.status'),
      value: (r) => t(`actions.statuses.${r.status}`),
      // The buttons that move the action along sit under its status, one above the other: a column of their own
      // pushed the table past a 1366 px screen.
      render: (r) => (
        <Stack gap={4} align="flex-start" onClick={(e) => e.stopPropagation()}>
          <ActionStatusBadge status={r.status} />
          {r.status === 'open' && (
            <Button size="compact-xs" variant="light" onClick={() => setStatus.mutate({ id: r.id, status: 'in_progress' })}>
              {t('actions.start')}
            </Button>
          )}
          {(r.status === 'open' || r.status === 'in_progress') && (
            <Button size="compact-xs" variant="light" color="teal" data-testid={`finish-${r.id}`} onClick={() => setStatus.mutate({ id: r.id, status: 'done' })}>
              {t('actions.finish')}
            </Button>
          )}
          {r.status === 'done' && (
            <>
              <Button size="compact-xs" color="green" data-testid={`verify-${r.id}`} onClick={() => props.onVerify(r)}>
                {t('actions.verify')}
              </Button>
              <Button size="compact-xs" variant="subtle" onClick={() => setStatus.mutate({ id: r.id, status: 'in_progress' })}>
                {t('actions.reopen')}
              </Button>
            </>
          )}
        </Stack>
      ),
    },
    // Only done and verified actions carry a verification: a list of open ones goes without the empty column.
    ...(props.rows.some((r) => r.verifiedBy)
      ? [
          {
            key: 'verification',
            header: t('actions.verification'),
            value: (r: ActionRow) => (r.verifiedBy ? `${r.verifiedBy} ${formatVnDate(r.verifiedDate)} ${r.effective ? t('actions.effectiveYes') : t('actions.effectiveNo')}` : ''),
            render: (r: ActionRow) =>
              r.verifiedBy && (
                <div>
                  <Text size="sm">{r.verifiedBy}</Text>
                  <Text size="xs" c="dimmed">
                    {formatVnDate(r.verifiedDate)} · {r.effective ? t('actions.effectiveYes') : t('actions.effectiveNo')}
                  </Text>
                </div>
              ),
          } as Column<ActionRow>,
        ]
      : []),
  ];
  return (
    <DataTable
      rows={props.rows}
      columns={columns}
      rowKey={(r) => r.id}
      exportName={props.exportName}
      toolbar={props.toolbar}
      empty={props.empty ?? t('actions.empty')}
      loading={props.loading}
      initialSort={{ key: 'due', dir: 'asc' }}
      onRowClick={(r) => r.auditId && navigate(`/audits/${r.auditId}`)}
      testId="actions-table"
    />
  );
}

export type CalendarRow = ApiOutput<'calendar.get'>[number];

/** What falls due, overdue first, exportable. */
export function CalendarTable({ rows, showUnit = true, exportName }: { rows: CalendarRow[]; showUnit?: boolean; exportName: string }) {
  const { t } = useTranslation('improvement');
  const navigate = useNavigate();
  const columns: Column<CalendarRow>[] = [
    {
      key: 'date',
      header: t('calendar.date'),
      value: (r) => r.date,
      type: 'date',
      render: (r) => (
        <Group gap="xs" wrap="nowrap">
          <Text size="sm">{formatVnDate(r.date)}</Text>
          {r.overdue && (
            <Badge color="red" size="sm" tt="none" styles={noClip}>
              {t('calendar.overdue')}
            </Badge>
          )}
        </Group>
      ),
    },
    { key: 'left', header: t('calendar.left'), value: (r) => r.daysLeft, type: 'number', width: 110 },
    { key: 'kind', header: t('calendar.kind'), value: (r) => t(`calendar.kinds.${r.kind}`) },
    ...(showUnit ? [{ key: 'unit', header: t('calendar.unit'), value: (r: CalendarRow) => r.unitName } as Column<CalendarRow>] : []),
    { key: 'detail', header: t('calendar.detail'), value: (r) => r.title },
  ];
  return (
    <DataTable
      rows={rows}
      columns={columns}
      rowKey={(r) => `${r.kind}-${r.unitId}-${r.refId ?? ''}-${r.date}`}
      exportName={exportName}
      empty={t('calendar.empty')}
      onRowClick={(r) => (r.kind === 'audit' && r.refId ? navigate(`/audits/${r.refId}`) : navigate(`/improvement/units/${r.unitId}`))}
      testId="calendar-table"
    />
  );
}
