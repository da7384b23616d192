import type { ReactElement } from 'react';
import { BoardPage } from '../units/BoardPage';
import { UnitPage } from '../units/UnitPage';
import { UnitsPage } from '../units/UnitsPage';
import { WavePage } from '../units/WavePage';
import { WavesPage } from '../units/WavesPage';
import { ExchangePage } from '../exchange/ExchangePage';

/** Every screen by path. A feature adds its routes here. */
export const routes: { path: string; element: ReactElement }[] = [
  { path: '/', element: <BoardPage /> },
  { path: '/units', element: <UnitsPage /> },
  { path: '/units/:id', element: <UnitPage /> },
  { path: '/waves', element: <WavesPage /> },
  { path: '/waves/:id', element: <WavePage /> },
  { path: '/exchange', element: <ExchangePage /> },
];
