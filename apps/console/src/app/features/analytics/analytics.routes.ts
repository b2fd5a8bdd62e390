import type { Routes } from '@angular/router';

import { comingSoonRoutes } from '../../shared/coming-soon/coming-soon.routes';

export const ANALYTICS_ROUTES: Routes = comingSoonRoutes('Analytics');
