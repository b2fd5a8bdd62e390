import { bootstrapApplication } from '@angular/platform-browser';

import { AppComponent } from './app/app.component';
import { appConfig } from './app/app.config';

// A failed bootstrap surfaces as an unhandled rejection in the browser console, which is where it belongs.
void bootstrapApplication(AppComponent, appConfig);
