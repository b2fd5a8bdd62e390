import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Agent, AgentPage, SetAgentStatusRequest } from '@ccp/contracts';
import { EMPTY, type Observable, expand, map, reduce } from 'rxjs';

/** The most agents the API returns in one page. */
const PAGE_SIZE = 200;

interface PageRead {
  readonly page: AgentPage;
  /** Where the following page starts: by what arrived, in case the API caps `limit` lower. */
  readonly next: number;
}

@Injectable({ providedIn: 'root' })
export class AgentsApiService {
  private readonly http = inject(HttpClient);

  /** Every agent, one page after another. */
  listAll(): Observable<Agent[]> {
    return this.readPage(0).pipe(
      expand(({ page, next }) => (page.items.length > 0 && next < page.total ? this.readPage(next) : EMPTY)),
      reduce((agents: Agent[], { page }) => agents.concat(page.items), []),
    );
  }

  /** The agent linked to the signed-in user; fails with 404 for users who are not agents. */
  me(): Observable<Agent> {
    return this.http.get<Agent>('/api/agents/me');
  }

  setStatus(agentId: string, request: SetAgentStatusRequest): Observable<Agent> {
    return this.http.patch<Agent>(`/api/agents/${encodeURIComponent(agentId)}/status`, request);
  }

  private readPage(offset: number): Observable<PageRead> {
    return this.http
      .get<AgentPage>('/api/agents', { params: { limit: PAGE_SIZE, offset } })
      .pipe(map((page) => ({ page, next: offset + page.items.length })));
  }
}
