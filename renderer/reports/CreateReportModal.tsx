import { Button, Group, Modal, NumberInput, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useApi, useApiMutation } from '../api/hooks';
import { ScopePicker, type ScopeValue } from '../dashboard/ScopePicker';

/** Picks period, scope and template, then opens the new draft. */
export function CreateReportModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('reports');
  const navigate = useNavigate();
  const [kind, setKind] = useState<'year' | 'half' | 'quarter'>('year');
  const [year, setYear] = useState<number>(new Date().getFullYear());
  const [no, setNo] = useState<string>('1');
  const [scope, setScope] = useState<ScopeValue>({ mode: 'subtree' });
  const [templateId, setTemplateId] = useState<string>('builtin');
  const templates = useApi('reports.templates', {}).data ?? [];
  const create = useApiMutation('reports.create', {
    successMessage: t('create.created'),
    onSuccess: (r) => {
      onClose();
      navigate(`/reports/${r.id}`);
    },
  });
  const periods =
    kind === 'half'
      ? [1, 2].map((n) => ({ value: String(n), label: t(`halves.${n}`) }))
      : [1, 2, 3, 4].map((n) => ({ value: String(n), label: t(`quarters.${n}`) }));
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700}>{t('create.title')}</Text>} size="lg" centered>
      <Stack>
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t('create.kind')}
          </Text>
          <SegmentedControl
            data-testid="report-kind"
            value={kind}
            onChange={(v) => {
              setKind(v as typeof kind);
              setNo('1');
            }}
            data={(['year', 'half', 'quarter'] as const).map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          />
        </div>
        <Group grow>
          <NumberInput label={t('create.year')} value={year} onChange={(v) => setYear(Number(v) || year)} min={2000} max={2100} data-testid="report-year" />
          {kind !== 'year' && <Select label={t('create.no')} data={periods} value={no} onChange={(v) => setNo(v ?? '1')} allowDeselect={false} />}
        </Group>
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t('create.scope')}
          </Text>
          <ScopePicker value={scope} onChange={setScope} />
        </div>
        <Select
          label={t('create.template')}
          data={templates.map((tp) => ({ value: tp.id, label: tp.name }))}
          value={templateId}
          onChange={(v) => setTemplateId(v ?? 'builtin')}
          allowDeselect={false}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <Button
            data-testid="report-create-submit"
            loading={create.isPending}
            onClick={() =>
              create.mutate({
                periodKind: kind,
                year,
                periodNo: kind === 'year' ? 0 : Number(no),
                scopeMode: scope.mode,
                scopeUnitId: scope.unitId ?? null,
                templateId,
              })
            }
          >
            {t('create.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
