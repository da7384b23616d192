import { Badge, Button, Card, Group, List, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { ApiOutput } from '../../electron/api';
import { formatVnDate } from '../../electron/common/dates';
import { useApi, useApiMutation } from '../api/hooks';
import { ConfirmButton } from '../components/ConfirmButton';
import { type Column, DataTable } from '../components/DataTable';
import { AuditDoneModal, FindingModal } from './forms';
import { noClip, RecordHeader, useFindingColumns } from './parts';

type Audit = ApiOutput<'audits.get'>;
type FindingRow = Audit['findings'][number];

/** One internal audit: its scope, team (with independence warnings), checklist and findings. */
export function AuditPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('improvement');
  const audit = useApi('audits.get', { id }).data;
  const cancel = useApiMutation('audits.update');
  const findingColumns = useFindingColumns<FindingRow>();
  const [modal, setModal] = useState<'done' | 'finding' | null>(null);
  if (!audit) return <Loader />;
  // The finding and where its action stands first (as the inspections list has them), then where and when it was found.
  const columns: Column<FindingRow>[] = [
    findingColumns.severity,
    findingColumns.reference,
    {
      key: 'description',
      header: t('finding.description'),
      value: (r) => r.description,
      render: (r) => (
        <Text size="sm" miw={150}>
          {r.description}
        </Text>
      ),
    },
    ...findingColumns.latestAction,
    { key: 'department', header: t('finding.department'), value: (r) => r.department },
    ...(audit.findings.some((f) => f.evidence) ? [{ key: 'evidence', header: t('finding.evidence'), value: (r: FindingRow) => r.evidence } as Column<FindingRow>] : []),
    { key: 'found', header: t('finding.foundDate'), value: (r) => r.foundDate, type: 'date' },
  ];
  const scope: [string, string[]][] = [
    [t('audits.clauses'), audit.clauses],
    [t('audits.procedures'), audit.procedures],
    [t('audits.departments'), audit.departments],
  ];
  return (
    <Stack gap="md">
      <RecordHeader
        link={{ to: `/improvement/units/${audit.unitId}`, label: audit.unitName }}
        title={audit.title}
        badge={
          <Badge variant="light" tt="none" styles={noClip} size="lg" data-testid="audit-status">
            {t(`audits.statuses.${audit.status}`)}
          </Badge>
        }
        sub={
          <>
            {t('audits.planned')}: {formatVnDate(audit.plannedStart)}
            {audit.plannedEnd ? ` – ${formatVnDate(audit.plannedEnd)}` : ''}
            {audit.actualEnd ? ` · ${t('audits.actual')}: ${formatVnDate(audit.actualStart)} – ${formatVnDate(audit.actualEnd)}` : ''}
          </>
        }
        actions={
          <>
            {audit.status !== 'cancelled' && (
              <Button onClick={() => setModal('finding')} data-testid="add-finding">
                {t('audits.addFinding')}
              </Button>
            )}
            {audit.status === 'planned' && (
              <>
                <Button variant="light" onClick={() => setModal('done')} data-testid="audit-mark-done">
                  {t('audits.markDone')}
                </Button>
                <ConfirmButton name={audit.title} label={t('audits.cancel')} size="sm" onConfirm={() => cancel.mutate({ id: audit.id, status: 'cancelled' })} />
              </>
            )}
          </>
        }
      />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder radius="md">
          <Text fw={600} size="sm" c="dimmed" mb="xs">
            {t('audits.scope')}
          </Text>
          <Stack gap={6}>
            {scope.map(([label, items]) => (
              <Group key={label} gap={6} wrap="wrap">
                <Text size="sm" w={170}>
                  {label}
                </Text>
                {items.length ? items.map((i) => <Badge key={i} variant="outline" tt="none" styles={noClip}>{i}</Badge>) : <Text size="sm" c="dimmed">—</Text>}
              </Group>
            ))}
          </Stack>
          {audit.summary && (
            <Text size="sm" mt="sm">
              {audit.summary}
            </Text>
          )}
        </Card>
        <Card withBorder radius="md" data-testid="audit-team">
          <Text fw={600} size="sm" c="dimmed" mb="xs">
            {t('audits.teamTitle')}
          </Text>
          <Table verticalSpacing={4}>
            <Table.Tbody>
              {audit.team.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>
                    <Text size="sm" fw={m.role === 'lead' ? 600 : 400}>
                      {m.fullName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t(`audits.role.${m.role}`)}
                      {m.department ? ` · ${m.department}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {m.warnings.length ? (
                      <Stack gap={2}>
                        {m.warnings.map((w) => (
                          <Badge key={w.kind} color="orange" variant="light" tt="none" styles={noClip}>
                            ⚠ {t(`audits.warning.${w.kind}`, { department: w.kind === 'own_department' ? w.department : '' })}
                          </Badge>
                        ))}
                      </Stack>
                    ) : (
                      <Badge color="green" variant="light" tt="none" styles={noClip}>
                        ✓ {t('audits.independent')}
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      </SimpleGrid>
      {audit.checklist.length > 0 && (
        <Card withBorder radius="md">
          <Text fw={600} size="sm" c="dimmed" mb="xs">
            {t('audits.checklistTitle')}
          </Text>
          <List size="sm" type="ordered">
            {audit.checklist.map((q, i) => (
              <List.Item key={i}>{q}</List.Item>
            ))}
          </List>
        </Card>
      )}
      <Title order={4}>{t('audits.findings')}</Title>
      <DataTable
        rows={audit.findings}
        columns={columns}
        rowKey={(r) => r.id}
        exportName={`phat-hien-${audit.title}`}
        empty={t('audits.noFindings')}
        testId="findings-table"
      />
      {modal === 'done' && <AuditDoneModal audit={audit} opened onClose={() => setModal(null)} />}
      <FindingModal source={{ kind: 'internal_audit', auditId: audit.id }} opened={modal === 'finding'} onClose={() => setModal(null)} />
    </Stack>
  );
}
