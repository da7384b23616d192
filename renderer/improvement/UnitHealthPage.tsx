import { Alert, Anchor, Badge, Button, Card, Group, List, Loader, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { ApiOutput } from '../../electron/api';
import { formatVnDate } from '../../electron/common/dates';
import { useApi, useApiMutation } from '../api/hooks';
import { type Column, DataTable } from '../components/DataTable';
import { StepBadge } from '../components/StatusBadge';
import { CertificationPanel } from './CertificationPanel';
import { DeclarationModal } from './certificationForms';
import { FeedbackPanel } from './FeedbackPanel';
import { PlanAuditModal, VerifyModal } from './forms';
import { InspectionsPanel } from './InspectionsPanel';
import { ObjectivesPanel } from './ObjectivesPanel';
import { ActionsTable, type ActionRow, CalendarTable, HealthBadge, noClip, RecordHeader, useIssueText } from './parts';
import { ReviewModal, ReviewsPanel } from './ReviewsPanel';

type Health = ApiOutput<'health.get'>;
type AuditRow = ApiOutput<'audits.list'>[number];

function InfoCard({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <Card withBorder radius="md" padding="md" data-testid={testId}>
      <Text fw={600} size="sm" c="dimmed" mb={6}>
        {title}
      </Text>
      {children}
    </Card>
  );
}

function Overview({ h }: { h: Health }) {
  const { t } = useTranslation('improvement');
  const issueText = useIssueText();
  return (
    <Stack gap="md">
      {h.issues.length ? (
        <Alert color={h.status === 'critical' ? 'red' : 'yellow'} title={t('health.issues')} data-testid="health-issues">
          <List size="sm">
            {h.issues.map((i) => (
              <List.Item key={i.code}>{issueText(i)}</List.Item>
            ))}
          </List>
        </Alert>
      ) : (
        <Alert color="green" data-testid="health-issues">
          {t('health.noIssues')}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <InfoCard title={t('health.certification')}>
          {h.declaration ? (
            <Text size="sm">{t('health.declaration', { no: h.declaration.decisionNo, date: formatVnDate(h.declaration.decisionDate) })}</Text>
          ) : null}
          {h.certificate ? (
            <Text size="sm">
              {t('health.certificate', {
                number: h.certificate.number,
                issuer: h.certificate.issuer,
                issue: formatVnDate(h.certificate.issueDate),
                expiry: formatVnDate(h.certificate.expiryDate),
              })}
            </Text>
          ) : null}
          {!h.declaration && !h.certificate && (
            <Text size="sm" c="dimmed">
              {t('health.noCertification')}
            </Text>
          )}
        </InfoCard>
        <InfoCard title={t('health.lastAudit')}>
          {h.lastAudit ? (
            <Anchor component={Link} to={`/audits/${h.lastAudit.id}`} size="sm">
              {h.lastAudit.title} ({formatVnDate(h.lastAudit.actualEnd)})
            </Anchor>
          ) : (
            <Text size="sm" c="dimmed">
              {t('health.noAudit')}
            </Text>
          )}
          {h.nextAudit && (
            <Text size="sm" mt={4}>
              {t('health.nextAudit', { title: h.nextAudit.title, date: formatVnDate(h.nextAudit.plannedStart) })}
            </Text>
          )}
        </InfoCard>
        <InfoCard title={t('health.lastReview')}>
          <Text size="sm" c={h.lastReview ? undefined : 'dimmed'}>
            {h.lastReview ? t('health.review', { date: formatVnDate(h.lastReview.reviewDate), chair: h.lastReview.chair }) : t('health.noReview')}
          </Text>
        </InfoCard>
        <InfoCard title={t('health.actionsCard')} testId="health-actions">
          <Text size="sm">{t('health.actionsSummary', { open: h.aging.open, overdue: h.aging.overdue, awaiting: h.aging.awaitingVerification })}</Text>
          <Group gap={6} mt={6}>
            {Object.entries(h.aging.buckets).map(([bucket, n]) => (
              <Badge key={bucket} variant="light" color={bucket === '90+' && n ? 'red' : 'gray'} tt="none" styles={noClip}>
                {t('actions.bucket', { bucket })}: {n}
              </Badge>
            ))}
          </Group>
        </InfoCard>
        <InfoCard title={t('health.objectivesCard', { year: h.objectives.year })}>
          <Text size="sm" c={h.objectives.total ? undefined : 'dimmed'}>
            {h.objectives.total
              ? t('health.objectivesSummary', { total: h.objectives.total, achieved: h.objectives.achieved, notAchieved: h.objectives.notAchieved })
              : t('health.noObjectives')}
          </Text>
        </InfoCard>
        <InfoCard title={t('health.steps')}>
          <Stack gap={6}>
            {h.steps.map((s) => (
              <Group key={s.step} gap="xs" wrap="nowrap">
                {/* The name takes what the badge and the date leave: both stay inside a narrow card. */}
                <Text size="sm" style={{ flex: 1, minWidth: 0 }}>
                  {t(`common:steps.${s.step}`)}
                </Text>
                <StepBadge status={s.status} />
                <Text size="xs" c="dimmed">
                  {formatVnDate(s.actualEnd)}
                </Text>
              </Group>
            ))}
          </Stack>
        </InfoCard>
      </SimpleGrid>
    </Stack>
  );
}

/** A unit's QMS health: state, what needs attention, and its audits, actions, declarations and reviews. */
export function UnitHealthPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('improvement');
  const navigate = useNavigate();
  const h = useApi('health.get', { unitId: id }).data;
  const audits = useApi('audits.list', { unitId: id }).data ?? [];
  const actions = useApi('actions.list', { unitId: id }).data;
  const reviews = useApi('reviews.list', { unitId: id }).data ?? [];
  const inspections = useApi('inspections.list', { unitId: id }).data ?? [];
  const calendar = useApi('calendar.get', { unitId: id }).data ?? [];
  const sync = useApiMutation('improvement.syncSteps', { successMessage: t('health.synced') });
  const [modal, setModal] = useState<'audit' | 'declaration' | 'review' | null>(null);
  const [verifying, setVerifying] = useState<ActionRow | null>(null);
  if (!h) return <Loader />;
  const unit = { id: h.unit.id, name: h.unit.name, code: h.unit.code };
  const auditColumns: Column<AuditRow>[] = [
    { key: 'year', header: t('audits.year'), value: (r) => r.year, type: 'number', width: 70 },
    { key: 'title', header: t('audits.name'), value: (r) => r.title },
    { key: 'planned', header: t('audits.planned'), value: (r) => r.plannedStart, type: 'date' },
    { key: 'actual', header: t('audits.actual'), value: (r) => r.actualEnd, type: 'date' },
    { key: 'status', header: t('audits.status'), value: (r) => t(`audits.statuses.${r.status}`) },
    { key: 'lead', header: t('audits.lead'), value: (r) => r.lead },
    { key: 'nc', header: t('audits.nonconformities'), value: (r) => r.nonconformities, type: 'number' },
    { key: 'warnings', header: t('audits.warnings'), value: (r) => r.warnings, type: 'number' },
  ];
  return (
    <Stack gap="md">
      <RecordHeader
        link={{ to: `/units/${unit.id}`, label: `${h.unit.code} · ${t('health.unitPage')} →` }}
        title={h.unit.name}
        badge={<HealthBadge status={h.status} size="lg" />}
        actions={
          <>
            <Button onClick={() => setModal('audit')} data-testid="plan-audit">
              {t('health.planAudit')}
            </Button>
            <Button variant="light" onClick={() => setModal('declaration')}>
              {t('health.recordDeclaration')}
            </Button>
            <Button variant="light" onClick={() => setModal('review')}>
              {t('health.recordReview')}
            </Button>
            <Button variant="subtle" onClick={() => sync.mutate({ unitId: unit.id })}>
              {t('health.syncSteps')}
            </Button>
          </>
        }
      />
      {/* Eight tabs: tighter padding keeps them on one line at 1366 px in Vietnamese. */}
      <Tabs defaultValue="overview" keepMounted={false} styles={{ tab: { paddingInline: 10 } }}>
        <Tabs.List>
          <Tabs.Tab value="overview">{t('health.tabs.overview')}</Tabs.Tab>
          <Tabs.Tab value="audits">
            {t('health.tabs.audits')} ({audits.length})
          </Tabs.Tab>
          <Tabs.Tab value="actions">
            {t('health.tabs.actions')} ({actions?.aging.open ?? 0})
          </Tabs.Tab>
          <Tabs.Tab value="certification">{t('health.tabs.certification')}</Tabs.Tab>
          <Tabs.Tab value="inspections">
            {t('health.tabs.inspections')} ({inspections.length})
          </Tabs.Tab>
          <Tabs.Tab value="reviews">
            {t('health.tabs.reviews')} ({reviews.length})
          </Tabs.Tab>
          <Tabs.Tab value="objectives">{t('health.tabs.objectives')}</Tabs.Tab>
          <Tabs.Tab value="feedback">{t('health.tabs.feedback')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <Overview h={h} />
          <Title order={5} mt="lg" mb={6}>
            {t('health.dueTitle')}
          </Title>
          <CalendarTable rows={calendar} showUnit={false} exportName={`${t('calendar.export')}-${h.unit.code}`} />
        </Tabs.Panel>
        <Tabs.Panel value="audits" pt="md">
          <DataTable
            rows={audits}
            columns={auditColumns}
            rowKey={(r) => r.id}
            exportName={`${t('audits.export')}-${h.unit.code}`}
            empty={t('audits.empty')}
            onRowClick={(r) => navigate(`/audits/${r.id}`)}
            testId="unit-audits"
          />
        </Tabs.Panel>
        <Tabs.Panel value="actions" pt="md">
          <ActionsTable rows={actions?.rows ?? []} onVerify={setVerifying} exportName={`${t('actions.export')}-${h.unit.code}`} />
        </Tabs.Panel>
        <Tabs.Panel value="certification" pt="md">
          <CertificationPanel unit={unit} />
        </Tabs.Panel>
        <Tabs.Panel value="inspections" pt="md">
          <InspectionsPanel unit={unit} />
        </Tabs.Panel>
        <Tabs.Panel value="reviews" pt="md">
          <ReviewsPanel unit={unit} />
        </Tabs.Panel>
        <Tabs.Panel value="objectives" pt="md">
          <ObjectivesPanel unit={unit} />
        </Tabs.Panel>
        <Tabs.Panel value="feedback" pt="md">
          <FeedbackPanel unit={unit} />
        </Tabs.Panel>
      </Tabs>
      <PlanAuditModal unit={unit} opened={modal === 'audit'} onClose={() => setModal(null)} />
      {modal === 'declaration' && <DeclarationModal unit={unit} onClose={() => setModal(null)} />}
      {modal === 'review' && <ReviewModal unit={unit} onClose={() => setModal(null)} />}
      <VerifyModal action={verifying} onClose={() => setVerifying(null)} />
    </Stack>
  );
}
