import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../electron/api';
import { useApiMutation, useErrorText } from '../api/hooks';
import { ConfirmButton } from '../components/ConfirmButton';
import { DateField } from '../components/DateField';

type Detail = ApiOutput<'units.get'>;
type Role = 'head' | 'deputy' | 'secretary' | 'member';

/** The unit's steering committee or ISO team: its establishing decision and its members. */
export function UnitTeam({ detail }: { detail: Detail }) {
  const { t } = useTranslation('units');
  const errorText = useErrorText();
  const [decision, setDecision] = useState({ decisionNo: '', decisionDate: null as string | null, signer: '' });
  useEffect(() => {
    if (detail.team) setDecision({ decisionNo: detail.team.decisionNo, decisionDate: detail.team.decisionDate, signer: detail.team.signer });
  }, [detail.team?.id, detail.team?.updatedAt]);
  const [member, setMember] = useState({ fullName: '', position: '', role: 'member' as Role });
  const saveTeam = useApiMutation('teams.save', { quiet: true, successMessage: t('common:saved') });
  const addMember = useApiMutation('teams.addMember', { quiet: true, onSuccess: () => setMember({ fullName: '', position: '', role: 'member' }) });
  const removeMember = useApiMutation('teams.removeMember');
  const kind = detail.unit.type === 'province' ? t('unit.steering') : t('unit.isoTeam');
  return (
    <Stack>
      <Paper withBorder p="md" radius="md">
        <Title order={4} mb="sm">
          {kind} — {t('unit.teamDecision')}
        </Title>
        {!detail.team && (
          <Text c="dimmed" size="sm" mb="sm">
            {t('unit.noTeam')}
          </Text>
        )}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            saveTeam.mutate({ unitId: detail.unit.id, decisionNo: decision.decisionNo, decisionDate: decision.decisionDate ?? '', signer: decision.signer });
          }}
        >
          <SimpleGrid cols={{ base: 1, md: 4 }} spacing="sm">
            <TextInput label={t('unit.decisionNo')} placeholder="123/QĐ-BHXH" value={decision.decisionNo} onChange={(e) => setDecision({ ...decision, decisionNo: e.currentTarget.value })} required />
            <DateField label={t('unit.decisionDate')} value={decision.decisionDate} onChange={(v) => setDecision({ ...decision, decisionDate: v })} required />
            <TextInput label={t('unit.signer')} value={decision.signer} onChange={(e) => setDecision({ ...decision, signer: e.currentTarget.value })} />
            <Button type="submit" mt={24} loading={saveTeam.isPending}>
              {t('common:actions.save')}
            </Button>
          </SimpleGrid>
          {saveTeam.error != null && (
            <Alert color="red" mt="sm">
              {errorText(saveTeam.error)}
            </Alert>
          )}
        </form>
      </Paper>
      {detail.team && (
        <Paper withBorder p="md" radius="md">
          <Title order={4} mb="sm">
            {t('unit.members')}
          </Title>
          {detail.members.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('unit.noMembers')}
            </Text>
          ) : (
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('unit.fullName')}</Table.Th>
                  <Table.Th>{t('unit.position')}</Table.Th>
                  <Table.Th>{t('unit.role')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {detail.members.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>{m.fullName}</Table.Td>
                    <Table.Td>{m.position}</Table.Td>
                    <Table.Td>{t(`unit.roles.${m.role}`)}</Table.Td>
                    <Table.Td ta="right">
                      <ConfirmButton name={m.fullName} label={t('common:actions.remove')} onConfirm={() => removeMember.mutate({ id: m.id })} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <form
            onSubmit={(e) => {
              e.preventDefault();
              addMember.mutate({ teamId: detail.team!.id, ...member });
            }}
          >
            <Group mt="md" align="flex-end">
              <TextInput label={t('unit.fullName')} value={member.fullName} onChange={(e) => setMember({ ...member, fullName: e.currentTarget.value })} required w={240} />
              <TextInput label={t('unit.position')} value={member.position} onChange={(e) => setMember({ ...member, position: e.currentTarget.value })} w={220} />
              <Select
                label={t('unit.role')}
                value={member.role}
                onChange={(v) => setMember({ ...member, role: (v ?? 'member') as Role })}
                data={(['head', 'deputy', 'secretary', 'member'] as const).map((r) => ({ value: r, label: t(`unit.roles.${r}`) }))}
                allowDeselect={false}
                w={170}
              />
              <Button type="submit" variant="light" loading={addMember.isPending}>
                {t('unit.addMember')}
              </Button>
            </Group>
            {addMember.error != null && (
              <Alert color="red" mt="sm">
                {errorText(addMember.error)}
              </Alert>
            )}
          </form>
        </Paper>
      )}
    </Stack>
  );
}
