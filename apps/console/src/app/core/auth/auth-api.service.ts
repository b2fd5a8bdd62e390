import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { LoginRequest, LoginResponse, UserProfile } from '@ccp/contracts';
import type { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class AuthApiService {
  private readonly http = inject(HttpClient);

  login(credentials: LoginRequest): Observable<LoginResponse> {
    return this.http.post<LoginResponse>('/api/auth/login', credentials);
  }

  me(): Observable<UserProfile> {
    return this.http.get<UserProfile>('/api/auth/me');
  }
}
