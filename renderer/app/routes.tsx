import type { ReactElement } from 'react';
import { AuditPage as ChangeLogPage } from '../safety/AuditPage';
import { BackupsPage } from '../safety/BackupsPage';
import { DashboardPage } from '../dashboard/DashboardPage';
import { ReportEditorPage } from '../reports/ReportEditorPage';
import { ReportsPage } from '../reports/ReportsPage';
import { ScoringPage } from '../reports/ScoringPage';
import { ActionsPage } from '../improvement/ActionsPage';
import { AuditPage as InternalAuditPage } from '../improvement/AuditPage';
import { AuditsPage } from '../improvement/AuditsPage';
import { CalendarPage } from '../improvement/CalendarPage';
import { OrganisationPage, OrganisationsPage } from '../improvement/OrganisationsPage';
import { HealthOverviewPage } from '../improvement/HealthOverviewPage';
import { UnitHealthPage } from '../improvement/UnitHealthPage';
import { CataloguePage } from '../procedures/CataloguePage';
import { ChecklistPage } from '../procedures/ChecklistPage';
import { AdoptionMatrixPage } from '../procedures/AdoptionMatrixPage';
import { ProcedurePage } from '../procedures/ProcedurePage';
import { BoardPage } from '../units/BoardPage';
import { UnitPage } from '../units/UnitPage';
import { UnitsPage } from '../units/UnitsPage';
import { WavePage } from '../units/WavePage';
import { WavesPage } from '../units/WavesPage';
import { AuditorsPage } from '../training/AuditorsPage';
import { CoursesPage } from '../training/CoursesPage';
import { FiguresPage } from '../training/FiguresPage';
import { MatrixPage } from '../training/MatrixPage';
import { SessionPage } from '../training/SessionPage';
import { SessionsPage } from '../training/SessionsPage';
import { StaffPage } from '../training/StaffPage';
import { ExchangePage } from '../exchange/ExchangePage';

/** Every screen by path. A feature adds its routes here. */
export const routes: { path: string; element: ReactElement }[] = [
  { path: '/', element: <DashboardPage /> },
  { path: '/board', element: <BoardPage /> },
  { path: '/units', element: <UnitsPage /> },
  { path: '/units/:id', element: <UnitPage /> },
  { path: '/waves', element: <WavesPage /> },
  { path: '/waves/:id', element: <WavePage /> },
  { path: '/procedures', element: <CataloguePage /> },
  { path: '/procedures/:id', element: <ProcedurePage /> },
  { path: '/adoption', element: <AdoptionMatrixPage /> },
  { path: '/checklists', element: <ChecklistPage /> },
  { path: '/checklists/:unitId', element: <ChecklistPage /> },
  { path: '/training/staff', element: <StaffPage /> },
  { path: '/training/sessions', element: <SessionsPage /> },
  { path: '/training/sessions/:id', element: <SessionPage /> },
  { path: '/training/matrix', element: <MatrixPage /> },
  { path: '/training/auditors', element: <AuditorsPage /> },
  { path: '/training/figures', element: <FiguresPage /> },
  { path: '/training/courses', element: <CoursesPage /> },
  { path: '/audit', element: <ChangeLogPage /> },
  { path: '/backups', element: <BackupsPage /> },
  // reports (issue 7)
  { path: '/reports', element: <ReportsPage /> },
  { path: '/reports/:id', element: <ReportEditorPage /> },
  { path: '/scoring', element: <ScoringPage /> },
  { path: '/exchange', element: <ExchangePage /> },
  { path: '/improvement', element: <HealthOverviewPage /> },
  { path: '/improvement/units/:id', element: <UnitHealthPage /> },
  { path: '/audits', element: <AuditsPage /> },
  { path: '/audits/:id', element: <InternalAuditPage /> },
  { path: '/actions', element: <ActionsPage /> },
  { path: '/calendar', element: <CalendarPage /> },
  { path: '/organisations', element: <OrganisationsPage /> },
  { path: '/organisations/:id', element: <OrganisationPage /> },
];
