import { Badge, Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../electron/api';
import { formatVnDate, isoDateOf } from '../../electron/common/dates';
import { useApi, useApiMutation } from '../api/hooks';
import { type Column, DataTable } from '../components/DataTable';
import { DateField } from '../components/DateField';
import { FormActions } from '../components/FormActions';
import { PageHeader } from '../components/PageHeader';
import { noClip } from './parts';

const todayIso = () => isoDateOf(new Date());
type Unit = { id: string; name: string; code: string };

type ObjectiveRow = ApiOutput<'objectives.list'>['objectives'][number];

/** A unit's quality policy and objectives by year, with results and achievement. */
export function ObjectivesPanel({ unit }: { unit: Unit }) {
  const { t } = useTranslation('improvement');
  const data = useApi('objectives.list', { unitId: unit.id }).data;
  const setAchieved = useApiMutation('objectives.setAchieved');
  const [adding, setAdding] = useState(false);
  const [resultFor, setResultFor] = useState<ObjectiveRow | null>(null);
  const columns: Column<ObjectiveRow>[] = [
    { key: 'year', header: t('objectives.year'), value: (r) => r.year, type: 'number', width: 70 },
    { key: 'title', header: t('objectives.title'), value: (r) => r.title },
    { key: 'target', header: t('objectives.target'), value: (r) => r.target },
    { key: 'measure', header: t('objectives.measure'), value: (r) => r.measure },
    { key: 'results', header: t('objectives.results'), value: (r) => r.results.map((x) => `${formatVnDate(x.resultDate)}: ${x.value}`).join('; ') },
    {
      key: 'achieved',
      header: t('objectives.achieved'),
      value: (r) => (r.achieved === null ? t('objectives.pending') : r.achieved ? t('objectives.yes') : t('objectives.no')),
      render: (r) => (
        <Select
          size="xs"
          w={140}
          value={r.achieved === null ? 'null' : String(r.achieved)}
          onChange={(v) => setAchieved.mutate({ id: r.id, achieved: v === 'null' ? null : v === 'true' })}
          allowDeselect={false}
          data={[
            { value: 'null', label: t('objectives.pending') },
            { value: 'true', label: t('objectives.yes') },
            { value: 'false', label: t('objectives.no') },
          ]}
        />
      ),
    },
    {
      key: 'buttons',
      header: '',
      value: () => null,
      render: (r) => (
        <Button size="compact-xs" variant="light" onClick={() => setResultFor(r)}>
          {t('objectives.addResult')}
        </Button>
      ),
    },
  ];
  return (
    <Stack gap="sm">
      <Text size="sm">
        <b>{t('objectives.policy')}:</b> {data?.policy ? `${data.policy.body} (${formatVnDate(data.policy.issuedDate)})` : t('objectives.noPolicy')}
      </Text>
      <DataTable
        rows={data?.objectives ?? []}
        columns={columns}
        rowKey={(r) => r.id}
        exportName={`muc-tieu-chat-luong-${unit.code}`}
        empty={t('objectives.empty')}
        toolbar={<Button onClick={() => setAdding(true)}>{t('objectives.add')}</Button>}
      />
      {adding && <ObjectiveModal unit={unit} onClose={() => setAdding(false)} />}
      {resultFor && <ResultModal objective={resultFor} onClose={() => setResultFor(null)} />}
    </Stack>
  );
}

function ObjectiveModal({ unit, onClose }: { unit: Unit; onClose: () => void }) {
  const { t } = useTranslation('improvement');
  const [f, setF] = useState({ year: new Date().getFullYear(), title: '', target: '', measure: '' });
  const save = useApiMutation('objectives.create', { quiet: true, successMessage: t('objectives.saved'), onSuccess: onClose });
  return (
    <Modal opened onClose={onClose} title={t('objectives.addTitle', { unit: unit.name })} size="lg" centered>
      <form onSubmit={(e) => (e.preventDefault(), save.mutate({ unitId: unit.id, ...f }))}>
        <Stack>
          <SimpleGrid cols={3}>
            <NumberInput label={t('objectives.year')} value={f.year} min={2000} max={2100} onChange={(v) => setF({ ...f, year: Number(v) || f.year })} />
            <TextInput label={t('objectives.target')} required value={f.target} onChange={(e) => setF({ ...f, target: e.currentTarget.value })} />
            <TextInput label={t('objectives.measure')} value={f.measure} onChange={(e) => setF({ ...f, measure: e.currentTarget.value })} />
          </SimpleGrid>
          <Textarea label={t('objectives.title')} required autosize minRows={2} value={f.title} onChange={(e) => setF({ ...f, title: e.currentTarget.value })} />
          <FormActions error={save.error} pending={save.isPending} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}

function ResultModal({ objective, onClose }: { objective: ObjectiveRow; onClose: () => void }) {
  const { t } = useTranslation('improvement');
  const [f, setF] = useState({ resultDate: todayIso() as string | null, value: '' });
  const save = useApiMutation('objectives.addResult', { quiet: true, successMessage: t('objectives.saved'), onSuccess: onClose });
  return (
    <Modal opened onClose={onClose} title={t('objectives.resultTitle', { title: objective.title })} centered>
      <form onSubmit={(e) => (e.preventDefault(), save.mutate({ objectiveId: objective.id, resultDate: f.resultDate ?? '', value: f.value }))}>
        <Stack>
          <DateField label={t('objectives.resultDate')} required value={f.resultDate} onChange={(v) => setF({ ...f, resultDate: v })} />
          <TextInput label={t('objectives.value')} required value={f.value} onChange={(e) => setF({ ...f, value: e.currentTarget.value })} />
          <FormActions error={save.error} pending={save.isPending} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}

type FeedbackRow = ApiOutput<'feedback.list'>[number];
const categories = ['legal', 'procedure', 'it', 'training', 'budget', 'organisation', 'other'] as const;

/** Difficulties and recommendations the unit raised to headquarters, and the answers. */
export function FeedbackPanel({ unit }: { unit: Unit }) {
  const { t } = useTranslation('improvement');
  const rows = useApi('feedback.list', { unitId: unit.id }).data ?? [];
  const update = useApiMutation('feedback.update');
  const [adding, setAdding] = useState(false);
  const [answering, setAnswering] = useState<FeedbackRow | null>(null);
  const columns: Column<FeedbackRow>[] = [
    { key: 'date', header: t('feedback.raisedDate'), value: (r) => r.raisedDate, type: 'date' },
    { key: 'category', header: t('feedback.category'), value: (r) => t(`feedback.categories.${r.category}`) },
    { key: 'title', header: t('feedback.title'), value: (r) => r.title },
    {
      key: 'status',
      header: t('feedback.status'),
      value: (r) => t(`feedback.statuses.${r.status}`),
      render: (r) => (
        <Badge variant="light" tt="none" styles={noClip} color={r.status === 'answered' || r.status === 'closed' ? 'green' : 'blue'}>
          {t(`feedback.statuses.${r.status}`)}
        </Badge>
      ),
    },
    { key: 'answer', header: t('feedback.answer'), value: (r) => (r.answer ? `${r.answer} (${r.answeredBy} ${formatVnDate(r.answeredDate)})` : '') },
    {
      key: 'buttons',
      header: '',
      value: () => null,
      render: (r) => (
        <Group gap={4} wrap="nowrap">
          {r.status === 'open' && (
            <Button size="compact-xs" variant="light" onClick={() => update.mutate({ id: r.id, status: 'sent' })}>
              {t('feedback.markSent')}
            </Button>
          )}
          {r.status !== 'answered' && r.status !== 'closed' && (
            <Button size="compact-xs" onClick={() => setAnswering(r)}>
              {t('feedback.answer')}
            </Button>
          )}
        </Group>
      ),
    },
  ];
  return (
    <>
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(r) => r.id}
        exportName={`kien-nghi-${unit.code}`}
        empty={t('feedback.empty')}
        toolbar={<Button onClick={() => setAdding(true)}>{t('feedback.add')}</Button>}
      />
      {adding && <FeedbackModal unit={unit} onClose={() => setAdding(false)} />}
      {answering && <AnswerModal item={answering} onClose={() => setAnswering(null)} />}
    </>
  );
}

function FeedbackModal({ unit, onClose }: { unit: Unit; onClose: () => void }) {
  const { t } = useTranslation('improvement');
  const [f, setF] = useState({ raisedDate: todayIso() as string | null, category: 'procedure' as (typeof categories)[number], title: '', details: '' });
  const save = useApiMutation('feedback.raise', { quiet: true, successMessage: t('feedback.saved'), onSuccess: onClose });
  return (
    <Modal opened onClose={onClose} title={t('feedback.addTitle', { unit: unit.name })} size="lg" centered>
      <form onSubmit={(e) => (e.preventDefault(), save.mutate({ unitId: unit.id, ...f, raisedDate: f.raisedDate ?? '' }))}>
        <Stack>
          <SimpleGrid cols={2}>
            <DateField label={t('feedback.raisedDate')} required value={f.raisedDate} onChange={(v) => setF({ ...f, raisedDate: v })} />
            <Select
              label={t('feedback.category')}
              value={f.category}
              allowDeselect={false}
              onChange={(v) => setF({ ...f, category: (v ?? 'other') as (typeof categories)[number] })}
              data={categories.map((c) => ({ value: c, label: t(`feedback.categories.${c}`) }))}
            />
          </SimpleGrid>
          <TextInput label={t('feedback.title')} required value={f.title} onChange={(e) => setF({ ...f, title: e.currentTarget.value })} />
          <Textarea label={t('feedback.details')} autosize minRows={3} value={f.details} onChange={(e) => setF({ ...f, details: e.currentTarget.value })} />
          <FormActions error={save.error} pending={save.isPending} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}

function AnswerModal({ item, onClose }: { item: FeedbackRow; onClose: () => void }) {
  const { t } = useTranslation('improvement');
  const [f, setF] = useState({ answer: '', answeredDate: todayIso() as string | null, answeredBy: 'BHXH Việt Nam' });
  const save = useApiMutation('feedback.update', { quiet: true, successMessage: t('feedback.saved'), onSuccess: onClose });
  return (
    <Modal opened onClose={onClose} title={t('feedback.answerTitle', { title: item.title })} size="lg" centered>
      <form onSubmit={(e) => (e.preventDefault(), save.mutate({ id: item.id, status: 'answered', ...f }))}>
        <Stack>
          <SimpleGrid cols={2}>
            <DateField label={t('feedback.answeredDate')} required value={f.answeredDate} onChange={(v) => setF({ ...f, answeredDate: v })} />
            <TextInput label={t('feedback.answeredBy')} value={f.answeredBy} onChange={(e) => setF({ ...f, answeredBy: e.currentTarget.value })} />
          </SimpleGrid>
          <Textarea label={t('feedback.answer')} required autosize minRows={3} value={f.answer} onChange={(e) => setF({ ...f, answer: e.currentTarget.value })} />
          <FormActions error={save.error} pending={save.isPending} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}

/** Records a (pre-2014) certificate; the expiry defaults to three years after issue. */
export function CertificateModal({ unit, onClose }: { unit: Unit; onClose: () => void }) {
  const { t } = useTranslation('improvement');
  const orgs = useApi('orgs.list', { kind: 'certifier' }).data ?? [];
  const [f, setF] = useState({
    organisationId: null as string | null,
    number: '',
    issuer: '',
    standard: '2008' as '2008' | '2015',
    scope: [] as string[],
    issueDate: null as string | null,
    expiryDate: null as string | null,
  });
  const save = useApiMutation('certificates.record', { quiet: true, successMessage: t('certificate.saved'), onSuccess: onClose });
  return (
    <Modal opened onClose={onClose} title={t('certificate.title', { unit: unit.name })} size="lg" centered>
      <form onSubmit={(e) => (e.preventDefault(), save.mutate({ unitId: unit.id, ...f, issueDate: f.issueDate ?? '' }))}>
        <Stack>
          <SimpleGrid cols={2}>
            <TextInput label={t('declaration.number')} required value={f.number} onChange={(e) => setF({ ...f, number: e.currentTarget.value })} />
            <Select
              label={t('orgs.kinds.certifier')}
              value={f.organisationId}
              clearable
              data={orgs.map((o) => ({ value: o.id, label: o.name }))}
              onChange={(v) => setF({ ...f, organisationId: v, issuer: orgs.find((o) => o.id === v)?.name ?? f.issuer })}
            />
            <TextInput label={t('declaration.issuer')} required value={f.issuer} onChange={(e) => setF({ ...f, issuer: e.currentTarget.value })} />
            <Select
              label={t('declaration.standard')}
              value={f.standard}
              allowDeselect={false}
              onChange={(v) => setF({ ...f, standard: (v ?? '2008') as '2008' | '2015' })}
              data={[
                { value: '2008', label: 'TCVN ISO 9001:2008' },
                { value: '2015', label: 'TCVN ISO 9001:2015' },
              ]}
            />
            <DateField label={t('declaration.issueDate')} required value={f.issueDate} onChange={(v) => setF({ ...f, issueDate: v })} />
            <DateField label={t('declaration.expiryDate')} description={t('certificate.expiryHint')} value={f.expiryDate} onChange={(v) => setF({ ...f, expiryDate: v })} />
          </SimpleGrid>
          <TagsInput label={t('declaration.scope')} description={t('audits.listHint')} required value={f.scope} onChange={(v) => setF({ ...f, scope: v })} />
          <FormActions error={save.error} pending={save.isPending} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}

/** Adds a domain or procedure code to the unit's current scope. */
export function ScopeCodeForm({ unitId }: { unitId: string }) {
  const { t } = useTranslation('improvement');
  const [code, setCode] = useState('');
  const [date, setDate] = useState<string | null>(todayIso());
  const save = useApiMutation('scopeCodes.add', { successMessage: t('certificate.scopeSaved'), onSuccess: () => setCode('') });
  return (
    <Group align="flex-end" gap="sm">
      <TextInput label={t('declaration.code')} value={code} onChange={(e) => setCode(e.currentTarget.value)} w={180} />
      <DateField label={t('declaration.addedDate')} value={date} onChange={setDate} />
      <Button variant="light" disabled={!code.trim() || !date} onClick={() => save.mutate({ unitId, code, addedDate: date ?? '' })}>
        {t('certificate.addScope')}
      </Button>
    </Group>
  );
}

type OrgRow = ApiOutput<'orgs.list'>[number];

/** Consultants and certification bodies, the units they serve and contract values. */
export function OrganisationsPage() {
  const { t } = useTranslation('improvement');
  const rows = useApi('orgs.list', {}).data ?? [];
  const [adding, setAdding] = useState(false);
  const columns: Column<OrgRow>[] = [
    { key: 'kind', header: t('orgs.kind'), value: (r) => t(`orgs.kinds.${r.kind}`) },
    { key: 'name', header: t('orgs.name'), value: (r) => r.name },
    { key: 'reg', header: t('orgs.registrationNo'), value: (r) => r.registrationNo },
    { key: 'contacts', header: t('orgs.contacts'), value: (r) => r.contacts },
    { key: 'units', header: t('orgs.units'), value: (r) => r.engagements.map((e) => e.unitName).join(', ') },
    {
      key: 'value',
      header: t('orgs.contractValue'),
      type: 'number',
      value: (r) => r.engagements.reduce((n, e) => n + (e.contractValue ?? 0), 0),
      render: (r) => r.engagements.reduce((n, e) => n + (e.contractValue ?? 0), 0).toLocaleString('vi-VN'),
    },
  ];
  return (
    <Stack gap="md">
      <PageHeader title={t('orgs.title')} subtitle={t('orgs.subtitle')} actions={<Button onClick={() => setAdding(true)}>{t('orgs.add')}</Button>} />
      <DataTable rows={rows} columns={columns} rowKey={(r) => r.id} exportName={t('orgs.export')} empty={t('orgs.empty')} />
      {adding && <OrganisationModal onClose={() => setAdding(false)} />}
    </Stack>
  );
}

function OrganisationModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('improvement');
  const [f, setF] = useState({ kind: 'consultant' as 'consultant' | 'certifier', name: '', registrationNo: '', contacts: '' });
  const save = useApiMutation('orgs.create', { quiet: true, successMessage: t('orgs.saved'), onSuccess: onClose });
  return (
    <Modal opened onClose={onClose} title={t('orgs.add')} size="lg" centered>
      <form onSubmit={(e) => (e.preventDefault(), save.mutate(f))}>
        <Stack>
          <Select
            label={t('orgs.kind')}
            value={f.kind}
            allowDeselect={false}
            onChange={(v) => setF({ ...f, kind: (v ?? 'consultant') as typeof f.kind })}
            data={(['consultant', 'certifier'] as const).map((k) => ({ value: k, label: t(`orgs.kinds.${k}`) }))}
          />
          <TextInput label={t('orgs.name')} required value={f.name} onChange={(e) => setF({ ...f, name: e.currentTarget.value })} />
          <TextInput label={t('orgs.registrationNo')} value={f.registrationNo} onChange={(e) => setF({ ...f, registrationNo: e.currentTarget.value })} />
          <Textarea label={t('orgs.contacts')} autosize minRows={2} value={f.contacts} onChange={(e) => setF({ ...f, contacts: e.currentTarget.value })} />
          <FormActions error={save.error} pending={save.isPending} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
