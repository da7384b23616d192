import { Box, Button, Group, Modal, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/hooks';

/**
 * The report exactly as it prints: the same HTML and CSS the PDF is made
 * from, on an A4 sheet, isolated from the app's styles in a shadow root.
 */
export function ReportSheet({ reportId }: { reportId: string }) {
  const host = useRef<HTMLDivElement>(null);
  const preview = useApi('reports.preview', { id: reportId }).data;
  useEffect(() => {
    if (!host.current || !preview) return;
    const root = host.current.shadowRoot ?? host.current.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${preview.css}
      .sheet { background: #fff; width: 210mm; min-height: 297mm; padding: 20mm 15mm 20mm 30mm; box-sizing: border-box; margin: 0 auto; box-shadow: 0 2px 12px rgba(0,0,0,.18); }
    </style><div class="sheet">${preview.body}</div>`;
  }, [preview]);
  return <div ref={host} data-testid="report-sheet" />;
}

export function PrintPreview({ reportId, opened, onClose, actions }: { reportId: string; opened: boolean; onClose: () => void; actions?: React.ReactNode }) {
  const { t } = useTranslation('reports');
  return (
    <Modal opened={opened} onClose={onClose} fullScreen title={<Text fw={700}>{t('preview.title')}</Text>} styles={{ body: { background: 'var(--mantine-color-gray-3)', minHeight: 'calc(100vh - 60px)' } }}>
      <Group justify="center" mb="md" gap="sm">
        {actions}
        <Button variant="default" onClick={onClose}>
          {t('preview.close')}
        </Button>
      </Group>
      <Box pb="xl">{opened && <ReportSheet reportId={reportId} />}</Box>
    </Modal>
  );
}
