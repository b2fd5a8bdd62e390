import type { Routes } from '@angular/router';

import { comingSoonRoutes } from '../../shared/coming-soon/coming-soon.routes';

export const CONVERSATIONS_ROUTES: Routes = comingSoonRoutes('Conversations');
