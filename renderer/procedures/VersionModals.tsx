import { Alert, FileInput, Modal, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../electron/api';
import { useApi, useApiMutation, useErrorText } from '../api/hooks';
import { DateField } from '../components/DateField';
import { FormActions } from '../components/FormActions';
import { uploadToVersion } from './files';

type Detail = ApiOutput<'procedures.get'>;
export type Version = Detail['versions'][number];
const REASONS = ['initial', 'legal_change', 'improvement', 'audit_finding', 'reorganisation', 'other'] as const;

/** Opens a new draft version with its summary and reason (a legal change names the recorded change). */
export function NewVersionModal({ detail, opened, onClose }: { detail: Detail; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('procedures');
  const first = detail.versions.length === 0;
  const [form, setForm] = useState({ summary: '', reason: (first ? 'initial' : 'improvement') as (typeof REASONS)[number], legalChangeId: null as string | null });
  useEffect(() => {
    if (opened) setForm({ summary: '', reason: first ? 'initial' : 'improvement', legalChangeId: detail.legalChanges.find((l) => l.open)?.id ?? null });
  }, [opened, first, detail.legalChanges]);
  const create = useApiMutation('versions.createDraft', { quiet: true, successMessage: t('common:saved'), onSuccess: onClose });
  return (
    <Modal opened={opened} onClose={onClose} title={t('versionForm.title')} size="lg" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ procedureId: detail.procedure.id, summary: form.summary, reason: form.reason, legalChangeId: form.reason === 'legal_change' ? form.legalChangeId : null });
        }}
      >
        <Stack>
          <Select
            label={t('procedure.reason')}
            data={REASONS.map((r) => ({ value: r, label: t(`reason.${r}`) }))}
            value={form.reason}
            onChange={(v) => v && setForm({ ...form, reason: v as (typeof REASONS)[number] })}
            allowDeselect={false}
          />
          {form.reason === 'legal_change' && (
            <Select
              label={t('versionForm.legalChange')}
              description={t('versionForm.legalChangeHint')}
              data={detail.legalChanges.map((l) => ({ value: l.id, label: `${l.reference} ${l.title}`.trim() }))}
              value={form.legalChangeId}
              onChange={(v) => setForm({ ...form, legalChangeId: v })}
            />
          )}
          <Textarea label={t('procedure.summary')} value={form.summary} onChange={(e) => setForm({ ...form, summary: e.currentTarget.value })} autosize minRows={3} data-testid="version-summary" />
          <FormActions error={create.error} pending={create.isPending} onCancel={onClose} testId="version" />
        </Stack>
      </form>
    </Modal>
  );
}

/** Approves a version in review by a decision, and attaches the signed file in the same step. */
export function ApproveModal({ detail, version, onClose }: { detail: Detail; version: Version | null; onClose: () => void }) {
  const { t } = useTranslation('procedures');
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [form, setForm] = useState({ decisionNo: '', decisionDate: null as string | null, signer: '', issueDate: null as string | null, reviewDue: null as string | null });
  const [file, setFile] = useState<File | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  useEffect(() => {
    setForm({ decisionNo: '', decisionDate: null, signer: '', issueDate: null, reviewDue: null });
    setFile(null);
    setUploadError(null);
  }, [version]);
  const current = detail.versions.find((v) => v.status === 'approved');
  const approve = useApiMutation('versions.approve', {
    quiet: true,
    onSuccess: async (v) => {
      if (file) {
        try {
          await uploadToVersion(v.id, file);
          await qc.invalidateQueries();
        } catch (err) {
          setUploadError(errorText(err));
          return;
        }
      }
      notifications.show({ color: 'green', message: t('procedure.approved') });
      onClose();
    },
  });
  if (!version) return null;
  return (
    <Modal opened={!!version} onClose={onClose} title={t('approveForm.title', { n: version.versionNo })} size="lg" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          approve.mutate({ id: version.id, decisionNo: form.decisionNo, decisionDate: form.decisionDate ?? '', signer: form.signer, issueDate: form.issueDate, reviewDue: form.reviewDue });
        }}
      >
        <Stack>
          <SimpleGrid cols={2}>
            <TextInput label={t('approveForm.decisionNo')} placeholder={t('approveForm.decisionNoHint')} value={form.decisionNo} onChange={(e) => setForm({ ...form, decisionNo: e.currentTarget.value })} data-testid="approve-decision-no" />
            <DateField label={t('approveForm.decisionDate')} value={form.decisionDate} onChange={(v) => setForm({ ...form, decisionDate: v })} required testId="approve-decision-date" />
          </SimpleGrid>
          <TextInput label={t('approveForm.signer')} value={form.signer} onChange={(e) => setForm({ ...form, signer: e.currentTarget.value })} data-testid="approve-signer" />
          <SimpleGrid cols={2}>
            <DateField label={t('approveForm.issueDate')} description={t('approveForm.issueDateHint')} value={form.issueDate} onChange={(v) => setForm({ ...form, issueDate: v })} />
            <DateField label={t('approveForm.reviewDue')} description={t('approveForm.reviewDueHint')} value={form.reviewDue} onChange={(v) => setForm({ ...form, reviewDue: v })} testId="approve-review-due" />
          </SimpleGrid>
          <FileInput label={t('approveForm.file')} placeholder={t('approveForm.filePlaceholder')} value={file} onChange={setFile} clearable accept=".pdf,.doc,.docx,.odt,.jpg,.jpeg,.png,.tif,.tiff" data-testid="approve-file" />
          {current && <Text size="sm" c="orange.8">{t('approveForm.supersedes', { n: current.versionNo })}</Text>}
          {uploadError && <Alert color="red">{uploadError}</Alert>}
          <FormActions error={approve.error} pending={approve.isPending} onCancel={onClose} testId="approve" />
        </Stack>
      </form>
    </Modal>
  );
}

/** Attaches a file (PDF, DOCX, scan) to a version. */
export function AttachModal({ version, onClose }: { version: Version | null; onClose: () => void }) {
  const { t } = useTranslation('procedures');
  const errorText = useErrorText();
  const qc = useQueryClient();
  const limits = useApi('attachments.limits', {}).data;
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  useEffect(() => {
    setFile(null);
    setError(null);
  }, [version]);
  if (!version) return null;
  return (
    <Modal opened={!!version} onClose={onClose} title={t('attachForm.title', { n: version.versionNo })} centered>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (!file) return;
          setPending(true);
          try {
            const a = await uploadToVersion(version.id, file);
            await qc.invalidateQueries();
            notifications.show({ color: 'green', message: t('procedure.attached', { name: a.name }) });
            onClose();
          } catch (err) {
            setError(errorText(err));
          } finally {
            setPending(false);
          }
        }}
      >
        <Stack>
          <FileInput label={t('attachForm.file')} value={file} onChange={setFile} required description={limits ? t('attachForm.limit', { mb: limits.maxUploadBytes / 1024 / 1024 }) : undefined} data-testid="attach-file" />
          <FormActions error={error ? new Error(error) : null} pending={pending} onCancel={onClose} testId="attach" />
        </Stack>
      </form>
    </Modal>
  );
}

/** Withdraws a version (asks first: it stops being in force). */
export function WithdrawModal({ version, onClose }: { version: Version | null; onClose: () => void }) {
  const { t } = useTranslation('procedures');
  const [form, setForm] = useState({ date: null as string | null, note: '' });
  useEffect(() => setForm({ date: new Date().toISOString().slice(0, 10), note: '' }), [version]);
  const withdraw = useApiMutation('versions.withdraw', { quiet: true, successMessage: t('procedure.withdrawn'), onSuccess: onClose });
  if (!version) return null;
  return (
    <Modal opened={!!version} onClose={onClose} title={t('withdrawForm.title', { n: version.versionNo })} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          withdraw.mutate({ id: version.id, date: form.date ?? '', note: form.note });
        }}
      >
        <Stack>
          <DateField label={t('withdrawForm.date')} value={form.date} onChange={(v) => setForm({ ...form, date: v })} required />
          <Textarea label={t('withdrawForm.note')} value={form.note} onChange={(e) => setForm({ ...form, note: e.currentTarget.value })} autosize minRows={2} />
          <FormActions error={withdraw.error} pending={withdraw.isPending} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}

/** Records a periodic review of the version in force. */
export function ReviewModal({ version, onClose }: { version: Version | null; onClose: () => void }) {
  const { t } = useTranslation('procedures');
  const [form, setForm] = useState({ date: null as string | null, nextDue: null as string | null });
  useEffect(() => setForm({ date: new Date().toISOString().slice(0, 10), nextDue: null }), [version]);
  const review = useApiMutation('versions.review', { quiet: true, successMessage: t('procedure.reviewed'), onSuccess: onClose });
  if (!version) return null;
  return (
    <Modal opened={!!version} onClose={onClose} title={t('reviewForm.title', { n: version.versionNo })} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          review.mutate({ id: version.id, date: form.date ?? '', nextDue: form.nextDue });
        }}
      >
        <Stack>
          <DateField label={t('reviewForm.date')} value={form.date} onChange={(v) => setForm({ ...form, date: v })} required />
          <DateField label={t('reviewForm.nextDue')} description={t('approveForm.reviewDueHint')} value={form.nextDue} onChange={(v) => setForm({ ...form, nextDue: v })} />
          <FormActions error={review.error} pending={review.isPending} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
