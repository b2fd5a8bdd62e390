import type { Routes } from '@angular/router';

import { comingSoonRoutes } from '../../shared/coming-soon/coming-soon.routes';

export const BOARD_ROUTES: Routes = comingSoonRoutes('Supervisor board');
