import { Alert, Button, Checkbox, FileInput, Group, Loader, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../electron/api';
import { formatVnDate } from '../../electron/common/dates';
import { call } from '../api/client';
import { useErrorText } from '../api/hooks';
import { ChangeSummary } from './ChangeSummary';
import { downloadText, readAsBase64 } from './files';
import { tableLabel } from './tableLabel';

type Preview = ApiOutput<'exchange.bundle.preview'>;
type Result = ApiOutput<'exchange.bundle.import'>;

const when = (iso: string) => `${formatVnDate(iso)} ${iso.slice(11, 16)}`;

/** Choose a bundle → it is verified and previewed table by table → apply all of it, or nothing. */
/**
 * Import with preview: a file chosen here (uploaded), or a bundle the user
 * opened with the app (`path`, passed by the desktop shell).
 */
export function ImportModal({ askPassphrase, onClose, path }: { askPassphrase: boolean; onClose: () => void; path?: string }) {
  const { t } = useTranslation('exchange');
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [upload, setUpload] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [acceptGap, setAcceptGap] = useState(false);
  const [passphrase, setPassphrase] = useState('');

  useEffect(() => {
    if (!path) return;
    setBusy(true);
    call('exchange.bundle.preview', { path })
      .then(setPreview)
      .catch(setError)
      .finally(() => setBusy(false));
  }, [path]);

  const choose = async (f: File | null) => {
    setFile(f);
    setPreview(null);
    setResult(null);
    setError(null);
    setAcceptGap(false);
    if (!f) return;
    setBusy(true);
    try {
      const up = await call('exchange.bundle.upload', { fileName: f.name, base64: await readAsBase64(f) });
      setUpload(up.upload);
      setPreview(await call('exchange.bundle.preview', { upload: up.upload }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const apply = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await call('exchange.bundle.import', { ...(path ? { path } : { upload: upload! }), acceptGap, passphrase: askPassphrase ? passphrase : undefined }));
      await qc.invalidateQueries();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const tableName = (name: string) => tableLabel(t, name);
  const canApply = preview && preview.status !== 'already' && (preview.status !== 'gap' || acceptGap) && !result;
  return (
    <Modal opened onClose={onClose} title={t('import.title')} centered size="xl">
      <Stack>
        {path ? (
          <Text size="sm" ff="monospace">
            {path}
          </Text>
        ) : (
          <FileInput label={t('import.choose')} accept=".zip,application/zip" value={file} onChange={choose} clearable data-testid="import-file" />
        )}
        {busy && !preview && (
          <Group gap="sm">
            <Loader size="sm" />
            <Text size="sm">{t('import.checking')}</Text>
          </Group>
        )}
        {error != null && (
          <Alert color="red" data-testid="import-error">
            {errorText(error)}
          </Alert>
        )}
        {preview && (
          <Stack gap="sm" data-testid="import-preview">
            <div>
              <Text fw={600}>{t('import.from', { sequence: preview.sequence, unit: `${preview.issuer.code} ${preview.issuer.name}` })}</Text>
              <Text size="sm" c="dimmed">
                {t('import.kind', { kind: preview.kind.startsWith('delta') ? t('sent.kinds.delta', { since: preview.kind.split(' ').at(-1) }) : t('sent.kinds.full'), date: formatVnDate(preview.baggingDate) })}
              </Text>
              <Text size="sm" c="green.8">
                ✓ {t('import.signed', { keyId: preview.keyId, fingerprint: preview.fingerprint })}
              </Text>
            </div>
            {preview.status === 'already' && <Alert color="blue">{t('import.already')}</Alert>}
            {preview.status === 'gap' && (
              <Alert color="orange">
                <Stack gap="xs">
                  <Text size="sm">{t('import.gap', { missing: preview.missing.join(', ') })}</Text>
                  <Checkbox label={t('import.acceptGap')} checked={acceptGap} onChange={(e) => setAcceptGap(e.currentTarget.checked)} />
                </Stack>
              </Alert>
            )}
            <ChangeSummary tables={preview.tables} withUnchanged />
            {preview.conflictCount > 0 && (
              <Alert color="yellow" title={t('import.conflictsTitle', { count: preview.conflictCount })}>
                <Stack gap={2}>
                  {preview.conflicts.slice(0, 30).map((c) => (
                    <Text size="xs" key={`${c.table}/${c.rowId}`}>
                      {t('import.conflictRow', {
                        table: tableName(c.table),
                        local: when(c.localUpdatedAt),
                        incoming: when(c.incomingUpdatedAt),
                        winner: c.winner === 'incoming' ? t('import.winnerIncoming') : t('import.winnerLocal'),
                      })}
                    </Text>
                  ))}
                </Stack>
              </Alert>
            )}
            {preview.provenance.map((p) => (
              <Text size="sm" key={p.bundleSha256} c={p.fork ? 'red' : undefined}>
                {t('import.provenance', { sequence: p.sequence, unit: p.issuerCode, fork: p.fork ? t('import.provenanceFork') : '' })}
              </Text>
            ))}
            {preview.announcedKey && <Text size="sm">{t('import.announced', { fingerprint: preview.announcedKey })}</Text>}
          </Stack>
        )}
        {result?.applied && (
          <Alert color="green" data-testid="import-done">
            {t('import.applied', { count: result.changes })}
          </Alert>
        )}
        {canApply && askPassphrase && <PasswordInput label={t('key.passphrase')} value={passphrase} onChange={(e) => setPassphrase(e.currentTarget.value)} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.close')}
          </Button>
          {result?.receiptText && (
            <Button variant="light" onClick={() => downloadText(result.receiptText!, `receipt-${result.issuer.code}-${result.sequence}.txt`)}>
              {t('import.receipt')}
            </Button>
          )}
          {canApply && (
            <Button onClick={apply} loading={busy} data-testid="import-apply">
              {t('import.apply', { count: preview!.changes })}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
