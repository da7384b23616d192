import { AppShell, Group, NavLink, ScrollArea, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { ApiOutput } from '../../electron/api';
import { useApiMutation } from '../api/hooks';
import { nav, navSections } from './nav';

/** The frame of every screen once the office is set up: header with the office, navigation on the left. */
export function Layout({ state, children }: { state: ApiOutput<'setup.state'>; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const setLanguage = useApiMutation('settings.setLanguage', { quiet: true });
  const active = (path: string) => location.pathname === path || (path !== '/' && location.pathname.startsWith(`${path}/`));
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 230, breakpoint: 'sm' }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="lg" justify="space-between">
          <Group gap="md">
            <Title order={3} c="blue.8">
              {t('appName')}
            </Title>
            <Text c="dimmed" size="sm">
              {state.office?.name} · {state.operator}
            </Text>
          </Group>
          <SegmentedControl
            size="xs"
            aria-label={t('lang.label')}
            value={i18n.language}
            data={[
              { value: 'vi', label: t('lang.vi') },
              { value: 'en', label: t('lang.en') },
            ]}
            onChange={(language) => {
              void i18n.changeLanguage(language);
              setLanguage.mutate({ language: language as 'vi' | 'en' });
            }}
          />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <AppShell.Section grow component={ScrollArea}>
          {navSections.map((section) => (
            <Stack key={section} gap={0} mb="xs">
              {section !== 'overview' && (
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="xs" pb={2}>
                  {t(`navSections.${section}`)}
                </Text>
              )}
              {nav
                .filter((entry) => entry.section === section)
                .map((entry) => (
                  <NavLink key={entry.path} component={Link} to={entry.path} label={t(entry.label)} active={active(entry.path)} py={6} />
                ))}
            </Stack>
          ))}
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0">{children}</AppShell.Main>
    </AppShell>
  );
}
