import { Anchor, Badge, Button, Group, Loader, Paper, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { ApiOutput } from '../../electron/api';
import { formatVnDate } from '../../electron/common/dates';
import { useApi } from '../api/hooks';
import { type Column, DataTable } from '../components/DataTable';
import { StepBadge } from '../components/StatusBadge';
import { StepModal, type StepValues } from './StepModal';
import { UnitActions } from './UnitActions';
import { UnitHistory } from './UnitHistory';
import { UnitTeam } from './UnitTeam';

type Detail = ApiOutput<'units.get'>;
type Child = Detail['children'][number];

/** A unit's page: its four steps, ISO team, sub-units and history. */
export function UnitPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('units');
  const navigate = useNavigate();
  const detail = useApi('units.get', { id }).data;
  const [editing, setEditing] = useState<StepValues | null>(null);
  if (!detail) return <Loader />;
  const { unit } = detail;
  const childColumns: Column<Child>[] = [
    { key: 'code', header: t('units.code'), value: (r) => r.code, width: 80 },
    { key: 'name', header: t('units.name'), value: (r) => r.name },
    { key: 'status', header: t('units.status'), value: (r) => t(`common:unitStatus.${r.status}`) },
  ];
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Text size="sm" c="dimmed">
            {detail.parent ? (
              <Anchor component={Link} to={`/units/${detail.parent.id}`}>
                {detail.parent.name}
              </Anchor>
            ) : (
              t('common:unitType.hq')
            )}
          </Text>
          <Title order={2}>{unit.name}</Title>
          <Group gap="xs" mt={4}>
            <Badge variant="outline">{unit.code}</Badge>
            <Badge variant="light">{t(`common:unitType.${unit.type}`)}</Badge>
            {unit.region && <Badge variant="light" color="grape">{t(`common:region.${unit.region}`)}</Badge>}
            <Badge color={unit.status === 'active' ? 'green' : 'gray'}>{t(`common:unitStatus.${unit.status}`)}</Badge>
            {unit.successorId && (
              <Anchor component={Link} to={`/units/${unit.successorId}`} size="sm">
                {t('unit.successor')} →
              </Anchor>
            )}
          </Group>
        </div>
        <UnitActions key={unit.updatedAt} unit={unit} />
      </Group>
      <Tabs defaultValue="steps" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="steps">{t('unit.tabs.steps')}</Tabs.Tab>
          <Tabs.Tab value="team">{t('unit.tabs.team')}</Tabs.Tab>
          <Tabs.Tab value="children">
            {t('unit.tabs.children')} ({detail.children.length})
          </Tabs.Tab>
          <Tabs.Tab value="history">{t('unit.tabs.history')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="steps" pt="md">
          <Paper withBorder radius="md" p="sm">
            <Table verticalSpacing="sm" data-testid="unit-steps">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th />
                  <Table.Th>{t('unit.status')}</Table.Th>
                  <Table.Th>{t('unit.planned')}</Table.Th>
                  <Table.Th>{t('unit.actual')}</Table.Th>
                  <Table.Th>{t('unit.evidence')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {detail.steps.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td fw={600}>{t(`common:stepsLong.${s.step}`)}</Table.Td>
                    <Table.Td>
                      <StepBadge status={s.status} overdue={s.overdue} />
                    </Table.Td>
                    <Table.Td>
                      {formatVnDate(s.plannedStart)} – {formatVnDate(s.plannedEnd)}
                    </Table.Td>
                    <Table.Td>
                      {formatVnDate(s.actualStart)} – {formatVnDate(s.actualEnd)}
                    </Table.Td>
                    <Table.Td>{s.evidence}</Table.Td>
                    <Table.Td ta="right">
                      <Button
                        size="xs"
                        variant="light"
                        data-testid={`edit-step-${s.step}`}
                        onClick={() =>
                          setEditing({
                            unitId: unit.id,
                            unitName: unit.name,
                            step: s.step,
                            status: s.status,
                            plannedStart: s.plannedStart,
                            plannedEnd: s.plannedEnd,
                            actualStart: s.actualStart,
                            actualEnd: s.actualEnd,
                            evidence: s.evidence,
                            note: s.note,
                          })
                        }
                      >
                        {t('unit.editStep')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        </Tabs.Panel>
        <Tabs.Panel value="team" pt="md">
          <UnitTeam detail={detail} />
        </Tabs.Panel>
        <Tabs.Panel value="children" pt="md">
          <DataTable
            rows={detail.children}
            columns={childColumns}
            rowKey={(r) => r.id}
            exportName={`don-vi-truc-thuoc-${unit.code}`}
            onRowClick={(r) => navigate(`/units/${r.id}`)}
            empty={t('unit.noChildren')}
          />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <UnitHistory detail={detail} />
        </Tabs.Panel>
      </Tabs>
      <StepModal value={editing} onClose={() => setEditing(null)} />
    </Stack>
  );
}
