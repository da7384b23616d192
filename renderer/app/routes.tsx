import type { ReactElement } from 'react';
import { CataloguePage } from '../procedures/CataloguePage';
import { ChecklistPage } from '../procedures/ChecklistPage';
import { MatrixPage } from '../procedures/MatrixPage';
import { ProcedurePage } from '../procedures/ProcedurePage';
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
  { path: '/procedures', element: <CataloguePage /> },
  { path: '/procedures/:id', element: <ProcedurePage /> },
  { path: '/adoption', element: <MatrixPage /> },
  { path: '/checklists', element: <ChecklistPage /> },
  { path: '/checklists/:unitId', element: <ChecklistPage /> },
];
