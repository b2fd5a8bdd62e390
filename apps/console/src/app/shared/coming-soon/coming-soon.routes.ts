import type { Routes } from '@angular/router';

import { ComingSoonComponent } from './coming-soon.component';

/** The placeholder page for an area that is not built yet. */
export function comingSoonRoutes(area: string): Routes {
  return [{ path: '', title: area, component: ComingSoonComponent, data: { area } }];
}
