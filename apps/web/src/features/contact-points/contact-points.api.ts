import type {
  TContactLinkCreate,
  TContactLinkUpdate,
  TContactVisitCreate,
  TContactVisitUpdate,
} from '@grassroots/domain';
import { apiFetch } from '../../app/api-client';

export interface ContactLink {
  id: number;
  orgId: number;
  orgName: string;
  leaderName: string;
  leaderPosition: string;
  validFrom: string;
  validTo: string | null;
  active: boolean;
  note: string | null;
  visits: number;
  version: number;
}

export interface ContactProblem {
  text: string;
  solved: boolean;
  solvedOn: string | null;
}

export interface ContactVisit {
  id: number;
  linkId: number;
  orgId: number;
  orgName: string;
  leaderName: string;
  leaderPosition: string;
  linkValidFrom: string;
  linkValidTo: string | null;
  visitedOn: string;
  content: string;
  problems: ContactProblem[];
  raised: number;
  solved: number;
  version: number;
}

export interface ContactFigures {
  year: number;
  visits: number;
  raised: number;
  solved: number;
  unsolved: number;
  solvedRate: number | null;
  orgsCovered: number;
  leaders: number;
}

type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export const contactKeys = {
  all: ['contact-points'] as const,
  links: (q: object) => ['contact-points', 'links', q] as const,
  visits: (q: object) => ['contact-points', 'visits', q] as const,
  figures: (q: object) => ['contact-points', 'figures', q] as const,
};

export const fetchLinks = (q: { orgId: number; year?: number; q?: string; page: number; pageSize: number }) =>
  apiFetch<Page<ContactLink>>('/api/contact-links', { query: { ...q } });
export const fetchVisits = (q: { orgId: number; year?: number; linkId?: number; page: number; pageSize: number }) =>
  apiFetch<Page<ContactVisit>>('/api/contact-visits', { query: { ...q } });
export const fetchContactFigures = (q: { orgId: number; year: number }) =>
  apiFetch<ContactFigures>('/api/contact-points/figures', { query: { ...q } });

export const createLink = (input: TContactLinkCreate) =>
  apiFetch<ContactLink>('/api/contact-links', { method: 'POST', body: input });
export const updateLink = (id: number, input: TContactLinkUpdate) =>
  apiFetch<ContactLink>(`/api/contact-links/${id}`, { method: 'PATCH', body: input });
export const createVisit = (input: TContactVisitCreate) =>
  apiFetch<ContactVisit>('/api/contact-visits', { method: 'POST', body: input });
export const updateVisit = (id: number, input: TContactVisitUpdate) =>
  apiFetch<ContactVisit>(`/api/contact-visits/${id}`, { method: 'PATCH', body: input });
