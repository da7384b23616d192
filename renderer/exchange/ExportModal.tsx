import { Alert, Button, Checkbox, Group, Modal, PasswordInput, Progress, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../electron/api';
import { call } from '../api/client';
import { useErrorText } from '../api/hooks';
import { downloadBase64 } from './files';

type Result = ApiOutput<'exchange.bundle.export'>;

/** Makes the next bundle, showing progress, then offers it for download. */
export function ExportModal({ askPassphrase, onClose }: { askPassphrase: boolean; onClose: () => void }) {
  const { t } = useTranslation('exchange');
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [full, setFull] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<{ phase: string; done: number; total: number } | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(async () => setProgress(await call('exchange.bundle.progress', {})), 300);
    return () => clearInterval(timer);
  }, [running]);

  const start = async () => {
    setError(null);
    setRunning(true);
    try {
      const r = await call('exchange.bundle.export', { full, passphrase: askPassphrase ? passphrase : undefined });
      setResult(r);
      await qc.invalidateQueries();
    } catch (e) {
      setError(e);
    } finally {
      setRunning(false);
    }
  };
  const download = async () => {
    const file = await call('exchange.bundle.download', { bundleId: result!.bundleId });
    downloadBase64(file.base64, file.fileName);
  };
  const percent = progress && progress.total ? Math.round((100 * progress.done) / progress.total) : 0;
  return (
    <Modal opened onClose={onClose} title={t('export.title')} centered size="lg">
      <Stack>
        <Text size="sm">{t('export.body')}</Text>
        {!result && (
          <>
            <Checkbox label={t('export.full')} checked={full} onChange={(e) => setFull(e.currentTarget.checked)} />
            {askPassphrase && <PasswordInput label={t('key.passphrase')} value={passphrase} onChange={(e) => setPassphrase(e.currentTarget.value)} data-testid="export-passphrase" />}
          </>
        )}
        {running && (
          <Stack gap={4}>
            <Text size="sm">{progress?.phase === 'zip' ? t('export.zip') : t('export.records')}</Text>
            <Progress value={progress?.phase === 'zip' ? 50 + percent / 2 : percent / 2} animated />
          </Stack>
        )}
        {error != null && <Alert color="red">{errorText(error)}</Alert>}
        {result && (
          <Alert color="green" data-testid="export-done">
            {t('export.done', { sequence: result.sequence, rows: result.rows })}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.close')}
          </Button>
          {result ? (
            <Button onClick={download} data-testid="export-download">
              {t('export.download')}
            </Button>
          ) : (
            <Button onClick={start} loading={running} data-testid="export-start">
              {t('export.start')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
