import { Button, Select, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ApiOutput } from '../../electron/api';
import { useApi } from '../api/hooks';
import { type Column, DataTable } from '../components/DataTable';
import { PageHeader } from '../components/PageHeader';
import { SessionModal } from './SessionForm';
import { ScopePicker, useScope } from './shared';
import { formatNumber } from '../../electron/common/reports';

type Row = ApiOutput<'training.sessions.list'>[number];

/** Sessions organised by a unit (and its sub-units), newest first. */
export function SessionsPage() {
  const { t } = useTranslation('training');
  const navigate = useNavigate();
  const [scope, setScope] = useScope();
  const [courseTypeId, setCourse] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const courses = useApi('training.courses.list', {}).data ?? [];
  const rows = useApi('training.sessions.list', { ...scope, courseTypeId: courseTypeId ?? undefined }).data ?? [];
  const columns: Column<Row>[] = [
    { key: 'startDate', header: t('sessions.startDate'), value: (r) => r.startDate, type: 'date', width: 110 },
    { key: 'endDate', header: t('sessions.endDate'), value: (r) => r.endDate, type: 'date', width: 110 },
    { key: 'course', header: t('sessions.course'), value: (r) => r.courseName },
    { key: 'title', header: t('sessions.titleField'), value: (r) => r.title },
    { key: 'organiser', header: t('sessions.organiser'), value: (r) => r.unitName },
    { key: 'provider', header: t('sessions.provider'), value: (r) => r.provider },
    { key: 'attendees', header: t('sessions.attendees'), value: (r) => r.attendees, type: 'number', width: 90 },
    { key: 'passed', header: t('sessions.passed'), value: (r) => r.passed, type: 'number', width: 80 },
    { key: 'budget', header: t('sessions.budget'), value: (r) => r.budgetSpent, type: 'number', render: (r) => formatNumber(r.budgetSpent) },
  ];
  return (
    <Stack gap="md">
      <PageHeader
        title={t('sessions.title')}
        subtitle={t('sessions.subtitle')}
        actions={
          <Button onClick={() => setAdding(true)} data-testid="session-add">
            {t('sessions.add')}
          </Button>
        }
      />
      <DataTable
        testId="sessions-table"
        rows={rows}
        columns={columns}
        rowKey={(r) => r.id}
        exportName={t('sessions.export')}
        onRowClick={(r) => navigate(`/training/sessions/${r.id}`)}
        empty={t('sessions.empty')}
        toolbar={
          <>
            <ScopePicker scope={scope} onChange={setScope} />
            <Select
              aria-label={t('sessions.course')}
              placeholder={t('sessions.course')}
              data={courses.map((c) => ({ value: c.id, label: c.name }))}
              value={courseTypeId}
              onChange={setCourse}
              clearable
              w={240}
            />
          </>
        }
      />
      <SessionModal opened={adding} onClose={() => setAdding(false)} defaultUnitId={scope.unitId} onCreated={(id) => navigate(`/training/sessions/${id}`)} />
    </Stack>
  );
}
