import type { Routes } from '@angular/router';

import { comingSoonRoutes } from '../../shared/coming-soon/coming-soon.routes';

export const DESK_ROUTES: Routes = comingSoonRoutes('Agent desk');
