import { Alert, Button, FileInput, Group, Loader, Modal, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../electron/api';
import { call } from '../api/client';
import { useApiMutation, useErrorText } from '../api/hooks';
import { type Column, DataTable } from '../components/DataTable';
import { downloadTemplate, fileToBase64, useUnitOptions } from './shared';

type Preview = ApiOutput<'training.excel.preview'>;
type Problem = Preview['problems'][number];

export interface ImportDialogProps {
  kind: 'staff' | 'attendance';
  opened: boolean;
  onClose: () => void;
  sessionId?: string;
  defaultUnitId?: string;
}

/**
 * Excel import in two steps: the file is checked and every problem listed by
 * row and column; only then does the user import all (when there is no
 * problem) or, explicitly, only the valid rows.
 */
export function ImportDialog(props: ImportDialogProps) {
  const { t, i18n } = useTranslation('training');
  const errorText = useErrorText();
  const unitOptions = useUnitOptions();
  const [file, setFile] = useState<File | null>(null);
  const [unitId, setUnitId] = useState<string | null>(props.defaultUnitId ?? null);
  const [base64, setBase64] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const lang = i18n.language === 'en' ? 'en' : 'vi';

  const request = (b64: string, f: File, unit: string | null) => ({
    kind: props.kind,
    fileName: f.name,
    base64: b64,
    sessionId: props.sessionId,
    defaultUnitId: unit ?? undefined,
  });

  const check = async (f: File | null, unit: string | null) => {
    setFile(f);
    setPreview(null);
    setError(null);
    if (!f) return;
    setChecking(true);
    try {
      const b64 = await fileToBase64(f);
      setBase64(b64);
      setPreview(await call('training.excel.preview', request(b64, f, unit)));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setChecking(false);
    }
  };

  const close = () => {
    setFile(null);
    setPreview(null);
    setError(null);
    props.onClose();
  };

  const commit = useApiMutation('training.excel.import', {
    quiet: true,
    onSuccess: (r) => {
      notifications.show({ color: 'green', message: t('importer.done', { saved: r.saved, skipped: r.skipped }) });
      close();
    },
  });

  const columns: Column<Problem>[] = [
    { key: 'row', header: t('importer.row'), value: (p) => p.row, type: 'number', width: 70 },
    { key: 'column', header: t('importer.column'), value: (p) => (p.column ? `${p.column} · ${p.header}` : p.header), width: 220 },
    { key: 'message', header: t('importer.problem'), value: (p) => p.message[lang] },
  ];

  return (
    <Modal opened={props.opened} onClose={close} title={props.kind === 'staff' ? t('importer.titleStaff') : t('importer.titleAttendance')} size="xl" centered>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('importer.hint')}
        </Text>
        <Group align="flex-end" wrap="wrap">
          <FileInput
            label={t('importer.choose')}
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            value={file}
            onChange={(f) => void check(f, unitId)}
            clearable
            w={320}
            data-testid="import-file"
          />
          <Select
            label={t('importer.defaultUnit')}
            data={unitOptions}
            value={unitId}
            onChange={(v) => {
              setUnitId(v);
              if (file) void check(file, v);
            }}
            searchable
            clearable
            w={320}
          />
          <Button variant="subtle" onClick={() => void downloadTemplate(props.kind)} data-testid="import-template">
            {t('importer.template')}
          </Button>
        </Group>
        {checking && (
          <Group gap="xs">
            <Loader size="sm" />
            <Text size="sm">{t('importer.checking')}</Text>
          </Group>
        )}
        {error && (
          <Alert color="red" data-testid="import-error">
            {error}
          </Alert>
        )}
        {preview && (
          <Stack gap="xs" data-testid="import-preview">
            <Text size="sm">
              {t('importer.summary', { rows: preview.rowsRead, header: preview.headerRow, sheet: preview.sheetName, valid: preview.validRows })}
            </Text>
            <Text size="sm" c="dimmed">
              {t('importer.counts', preview.counts)}
            </Text>
            {preview.ignoredColumns.length > 0 && (
              <Text size="sm" c="dimmed">
                {t('importer.ignored', { columns: preview.ignoredColumns.join(', ') })}
              </Text>
            )}
            {preview.problems.length === 0 ? (
              <Alert color="green">{t('importer.noProblems')}</Alert>
            ) : (
              <>
                <Alert color="orange" data-testid="import-problems-title">
                  {t('importer.problems', { count: preview.problems.length })}
                </Alert>
                <DataTable
                  testId="import-problems"
                  rows={preview.problems}
                  columns={columns}
                  rowKey={(p) => `${p.row}-${p.column}-${p.code}`}
                  exportName="loi-nhap-excel"
                />
              </>
            )}
          </Stack>
        )}
        {commit.error != null && <Alert color="red">{errorText(commit.error)}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common:actions.cancel')}
          </Button>
          {preview && preview.problems.length > 0 && preview.validRows > 0 && (
            <Button
              color="orange"
              variant="light"
              loading={commit.isPending}
              onClick={() => commit.mutate({ ...request(base64, file!, unitId), mode: 'valid' })}
              data-testid="import-valid"
            >
              {t('importer.importValid', { count: preview.validRows })}
            </Button>
          )}
          <Button
            disabled={!preview || preview.problems.length > 0}
            loading={commit.isPending}
            onClick={() => commit.mutate({ ...request(base64, file!, unitId), mode: 'all' })}
            data-testid="import-all"
          >
            {t('importer.importAll')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
