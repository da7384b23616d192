import type { ReactElement } from 'react';
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

/** Every screen by path. A feature adds its routes here. */
export const routes: { path: string; element: ReactElement }[] = [
  { path: '/', element: <BoardPage /> },
  { path: '/units', element: <UnitsPage /> },
  { path: '/units/:id', element: <UnitPage /> },
  { path: '/waves', element: <WavesPage /> },
  { path: '/waves/:id', element: <WavePage /> },
  { path: '/training/staff', element: <StaffPage /> },
  { path: '/training/sessions', element: <SessionsPage /> },
  { path: '/training/sessions/:id', element: <SessionPage /> },
  { path: '/training/matrix', element: <MatrixPage /> },
  { path: '/training/auditors', element: <AuditorsPage /> },
  { path: '/training/figures', element: <FiguresPage /> },
  { path: '/training/courses', element: <CoursesPage /> },
];
