import type { ReactElement } from 'react';
import { ActionsPage } from '../improvement/ActionsPage';
import { AuditPage } from '../improvement/AuditPage';
import { AuditsPage } from '../improvement/AuditsPage';
import { CalendarPage } from '../improvement/CalendarPage';
import { OrganisationsPage } from '../improvement/extras';
import { HealthOverviewPage } from '../improvement/HealthOverviewPage';
import { UnitHealthPage } from '../improvement/UnitHealthPage';
import { BoardPage } from '../units/BoardPage';
import { UnitPage } from '../units/UnitPage';
import { UnitsPage } from '../units/UnitsPage';
import { WavePage } from '../units/WavePage';
import { WavesPage } from '../units/WavesPage';

/** Every screen by path. A feature adds its routes here. */
export const routes: { path: string; element: ReactElement }[] = [
  { path: '/', element: <BoardPage /> },
  { path: '/units', element: <UnitsPage /> },
  { path: '/units/:id', element: <UnitPage /> },
  { path: '/waves', element: <WavesPage /> },
  { path: '/waves/:id', element: <WavePage /> },
  { path: '/improvement', element: <HealthOverviewPage /> },
  { path: '/improvement/units/:id', element: <UnitHealthPage /> },
  { path: '/audits', element: <AuditsPage /> },
  { path: '/audits/:id', element: <AuditPage /> },
  { path: '/actions', element: <ActionsPage /> },
  { path: '/calendar', element: <CalendarPage /> },
  { path: '/organisations', element: <OrganisationsPage /> },
];
