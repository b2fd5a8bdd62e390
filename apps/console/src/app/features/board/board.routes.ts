import type { Routes } from '@angular/router';

import { BoardPageComponent } from './board-page.component';

export const BOARD_ROUTES: Routes = [{ path: '', title: 'Supervisor board', component: BoardPageComponent }];
