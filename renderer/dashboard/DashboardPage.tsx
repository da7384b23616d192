import { BarChart, DonutChart } from '@mantine/charts';
import { Alert, Anchor, Badge, Group, List, NumberInput, Paper, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../electron/api';
import { formatVnDate } from '../../electron/common/dates';
import { formatNumber } from '../../electron/common/reports';
import { StatCard } from '../components/StatCard';
import { useApi } from '../api/hooks';
import { PageHeader } from '../components/PageHeader';
import { type Drill, FigureDrawer } from './FigureDrawer';
import { ScopePicker, type ScopeValue } from './ScopePicker';

type Figure = ApiOutput<'dashboard.get'>['figures'][number];

function ChartCard({ title, children, onTitle }: { title: string; children: React.ReactNode; onTitle: () => void }) {
  return (
    <Paper withBorder radius="md" p="md">
      <UnstyledButton onClick={onTitle}>
        <Title order={5} mb="sm">
          {title}
        </Title>
      </UnstyledButton>
      {children}
    </Paper>
  );
}

/** Clickable legend under a chart: every slice with its number opens its own list. */
function SliceList({ figure, lang, onPick }: { figure: Figure; lang: 'vi' | 'en'; onPick: (slice: string) => void }) {
  return (
    <Group gap={6} mt="sm" wrap="wrap">
      {(figure.slices ?? []).map((s) => (
        <Badge
          key={s.key}
          component="button"
          variant="light"
          color={s.value ? 'blue' : 'gray'}
          tt="none"
          style={{ cursor: 'pointer' }}
          data-testid={`slice-${figure.key}-${s.key}`}
          onClick={() => onPick(s.key)}
        >
          {s.label[lang]}: {s.value}
        </Badge>
      ))}
    </Group>
  );
}

/** Home screen: where the rollout stands in the chosen scope, every number opening the list behind it. */
export function DashboardPage() {
  const { t, i18n } = useTranslation('dashboard');
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const [scope, setScope] = useState<ScopeValue>({ mode: 'subtree' });
  const [drill, setDrill] = useState<Drill | null>(null);
  const [year, setYear] = useState(new Date().getFullYear());
  const period = { start: `${year}-01-01`, end: `${year}-12-31` };
  const data = useApi('dashboard.get', { scope, period, lang }).data;
  const fig = (key: string) => data?.figures.find((f) => f.key === key);
  const open = (key: string, slice?: string) => setDrill({ key, slice });
  const byStep = fig('steps.byStep');
  const share = fig('steps.declaredShare');
  const behind = fig('steps.behindPlan');
  const behindWave = fig('waves.behindByWave');
  const due = fig('steps.dueSoon');
  const inScope = fig('units.inScope');
  // Figures of other areas (training, improvement, …) appear here as soon as their provider is registered.
  const shown = new Set(['units.inScope', 'steps.declaredShare', 'steps.declared', 'steps.behindPlan', 'steps.dueSoon', 'steps.byStep', 'waves.behindByWave', 'waves.unitsByWave']);
  const others = (data?.figures ?? []).filter((f) => !shown.has(f.key));
  const display = (f: Figure) => (f.value === null ? '—' : f.kind === 'percent' ? `${formatNumber(f.value, 1)} %` : formatNumber(f.value));
  const chartData = (f: Figure | undefined, short?: (k: string) => string) =>
    (f?.slices ?? []).map((s) => ({ key: s.key, label: short ? short(s.key) : s.label[lang], value: s.value }));
  const barClick = (key: string) => ({
    cursor: 'pointer',
    onClick: (entry: unknown) => {
      const payload = (entry as { payload?: { key?: string } }).payload;
      if (payload?.key) open(key, payload.key);
    },
  });

  return (
    <Stack gap="md">
      <PageHeader
        title={t('title')}
        subtitle={data ? t('subtitle', { date: formatVnDate(data.asOf) }) : undefined}
        actions={
          <Group gap="sm" align="flex-start">
            <NumberInput aria-label={t('year')} prefix={`${t('year')} `} value={year} onChange={(v) => setYear(Number(v) || year)} min={2000} max={2100} w={120} data-testid="dashboard-year" />
            <ScopePicker value={scope} onChange={setScope} />
          </Group>
        }
      />
      {data && data.unitCount === 0 && <Alert color="yellow">{t('empty')}</Alert>}
      {data && (
        <>
          <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="sm">
            <StatCard testId="card-inScope" label={t('cards.inScope')} value={formatNumber(inScope?.value)} onClick={() => open('units.inScope')} />
            <StatCard
              testId="card-declared"
              label={t('cards.declaredShare')}
              value={share?.value === null || share?.value === undefined ? '—' : `${formatNumber(share.value, 1)} %`}
              sub={share?.part ? `${share.part.numerator} / ${share.part.denominator}` : undefined}
              colour="green.7"
              onClick={() => open('steps.declared')}
            />
            <StatCard testId="card-behind" label={t('cards.behind')} value={formatNumber(behind?.value)} colour={behind?.value ? 'red.7' : undefined} onClick={() => open('steps.behindPlan')} />
            <StatCard testId="card-due" label={t('cards.dueSoon')} value={formatNumber(due?.value)} colour="orange.7" onClick={() => open('steps.dueSoon')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
            {byStep && (
              <ChartCard title={t('charts.byStep')} onTitle={() => open(byStep.key)}>
                <BarChart
                  h={220}
                  data={chartData(byStep, (k) => (k === '5' ? (lang === 'vi' ? 'Xong 4 bước' : 'All done') : `${lang === 'vi' ? 'Bước' : 'Step'} ${k}`))}
                  dataKey="label"
                  series={[{ name: 'value', label: t('charts.units'), color: 'blue.6' }]}
                  barProps={barClick(byStep.key)}
                  withTooltip
                  tickLine="y"
                />
                <SliceList figure={byStep} lang={lang} onPick={(s) => open(byStep.key, s)} />
              </ChartCard>
            )}
            {share && (
              <ChartCard title={t('charts.declared')} onTitle={() => open(share.key)}>
                <Group justify="center" align="center" gap="xl">
                  <DonutChart
                    size={180}
                    thickness={28}
                    chartLabel={share.value === null ? '—' : `${formatNumber(share.value, 1)} %`}
                    data={(share.slices ?? []).map((s, i) => ({ name: s.label[lang], value: s.value, color: i === 0 ? 'green.6' : 'gray.3' }))}
                    pieProps={{
                      cursor: 'pointer',
                      onClick: (entry: { name?: string }) => open(share.key, share.slices?.find((s) => s.label[lang] === entry.name)?.key),
                    }}
                  />
                </Group>
                <SliceList figure={share} lang={lang} onPick={(s) => open(share.key, s)} />
              </ChartCard>
            )}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="sm">
            {behindWave && (
              <ChartCard title={t('charts.behindByWave')} onTitle={() => open(behindWave.key)}>
                <BarChart h={200} data={chartData(behindWave)} dataKey="label" series={[{ name: 'value', label: t('charts.units'), color: 'red.6' }]} barProps={barClick(behindWave.key)} tickLine="y" />
                <SliceList figure={behindWave} lang={lang} onPick={(s) => open(behindWave.key, s)} />
              </ChartCard>
            )}
            {behind && (
              <ChartCard title={t('charts.behindByRegion')} onTitle={() => open(behind.key)}>
                <BarChart h={200} data={chartData(behind)} dataKey="label" series={[{ name: 'value', label: t('charts.units'), color: 'red.6' }]} barProps={barClick(behind.key)} tickLine="y" />
                <SliceList figure={behind} lang={lang} onPick={(s) => open(behind.key, s)} />
              </ChartCard>
            )}
            {due && (
              <ChartCard title={`${t('dueList')} · ${due.value}`} onTitle={() => open(due.key)}>
                {!due.preview?.length ? (
                  <Text c="dimmed" size="sm">
                    {t('dueEmpty')}
                  </Text>
                ) : (
                  <Stack gap={6}>
                    {due.preview.map((r) => (
                      <div key={`${r.unitId}-${r.step}`}>
                        <Group justify="space-between" wrap="nowrap" gap="xs">
                          <Anchor size="sm" onClick={() => open(due.key)} lineClamp={1} fw={500}>
                            {r.name}
                          </Anchor>
                          <Text size="xs" c="orange.8" style={{ whiteSpace: 'nowrap' }}>
                            {t('daysLeft', { count: Number(r.daysLeft) })}
                          </Text>
                        </Group>
                        <Text size="xs" c="dimmed">
                          {r.step} · {formatVnDate(String(r.plannedEnd))}
                        </Text>
                      </div>
                    ))}
                  </Stack>
                )}
              </ChartCard>
            )}
          </SimpleGrid>
          {others.length > 0 && (
            <SimpleGrid cols={{ base: 2, md: 3, lg: 4 }} spacing="sm">
              {others.map((f) => (
                <StatCard
                  key={f.key}
                  testId={`card-${f.key}`}
                  label={f.label[lang]}
                  value={display(f)}
                  sub={f.part ? `${formatNumber(f.part.numerator)} / ${formatNumber(f.part.denominator)}` : undefined}
                  onClick={() => open(f.key)}
                />
              ))}
            </SimpleGrid>
          )}
          {data.missingAreas.length > 0 && (
            <Paper withBorder radius="md" p="md" bg="gray.1">
              <Text fw={600} size="sm">
                {t('pending.title')}
              </Text>
              <Text size="sm" c="dimmed" mb={4}>
                {t('pending.body')}
              </Text>
              <List size="sm" c="dimmed">
                {data.missingAreas.map((a) => (
                  <List.Item key={a.area}>{a.label[lang]}</List.Item>
                ))}
              </List>
            </Paper>
          )}
        </>
      )}
      <FigureDrawer drill={drill} scope={scope} period={period} onClose={() => setDrill(null)} />
    </Stack>
  );
}
