import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Announcement, CreateAnnouncementRequest } from '@ccp/contracts';
import type { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class AnnouncementsApiService {
  private readonly http = inject(HttpClient);

  create(request: CreateAnnouncementRequest): Observable<Announcement> {
    return this.http.post<Announcement>('/api/announcements', request);
  }
}
